"""« que dit l'article 9 ? », « résume-moi l'art. 5 »: an article of the agreement named by its number, with no
thing asked about, is asked for what it provides (issue 11, class 8). A thing named beside it (« l'article 3 sur
les sauvegardes ») goes the usual way, whose answer cites the article anyway."""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from knowledge.agreement_answers import article_summary
from knowledge.answer_types import Answer
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import parse as parsing
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import lexicon_for, phrase_positions

# How « l'article premier » may be written; any other number is written in digits.
_FIRST = ("1er", "premier")
# Agreement topics that an article's own title names (« l'article 12 sur la durée »): no other thing asked.
_TITLE_TOPICS = ("parties", "correspondance", "objectifs", "suivi_convention", "duree", "assistance")


def numbers_named(kb: KnowledgeBase, tokens: list[str]) -> list[int]:
    """The article numbers the words name: « l'article 9 », « les articles 3 et 4 », « art 1er »."""
    numbers: list[int] = []
    for word in lexicon_for(kb).marked("agreement", "article", tokens):
        for at in phrase_positions(tokens, word):
            for token in tokens[at + len(word.split()):at + len(word.split()) + 4]:
                if token in _FIRST or token.isdigit():
                    numbers.append(1 if token in _FIRST else int(token))
                elif token not in ("et", "ou"):
                    break
    return list(dict.fromkeys(numbers))


def article_answer(kb: KnowledgeBase, frame: Frame) -> Optional[tuple[Answer, str]]:
    numbers = numbers_named(kb, frame.normalised.split())
    things = [s.value for s in frame.subjects if s.value is not None and s.value not in _TITLE_TOPICS]
    if not numbers or things or len(numbers) > 2 or frame.glossary or _other_noun(kb, frame.text):
        return None
    sections = {s.number: s.id for s in kb.sections.values() if s.number is not None}
    missing = [n for n in numbers if n not in sections]
    if missing:
        last = max(sections)
        text = (f"La convention compte {last} articles (de 1 à {last}) : il n'y a pas d'article {missing[0]}. "
                "Donnez-moi le numéro d'un article, ou posez votre question directement.")
        return Answer(kind="not_specified", text=text), f"article demandé inexistant : {missing[0]}"
    answers = [article_summary(kb, sections[n], [p for p in frame.parties if p in kb.parties]) for n in numbers]
    if len(answers) == 1:
        return answers[0], f"article demandé : {numbers[0]}"
    joined = Answer(kind="agreement", text="\n\n".join(a.text for a in answers),
                    articles=[s for a in answers for s in a.articles],
                    parties=list(dict.fromkeys(p for a in answers for p in a.parties)), quote=answers[0].quote,
                    obligations=[o for a in answers for o in a.obligations])
    return joined, "articles demandés : " + " et ".join(str(n) for n in numbers)


def missing_article_noted(kb: KnowledgeBase, text: str, answer: Answer) -> Answer:
    """« comme le prévoit l'article 15 sur la confidentialité, … ? »: a premise citing an article the agreement does
    not have is corrected before the answer to the rest, which must not read as if that article existed."""
    sections = {s.number for s in kb.sections.values() if s.number is not None}
    missing = [n for n in numbers_named(kb, normalise(text).split()) if n not in sections]
    if not missing or not sections or "il n'y a pas d'article" in answer.text:
        return answer
    last = max(sections)
    note = f"Attention : la convention compte {last} articles (de 1 à {last}) ; il n'y a pas d'article {missing[0]}."
    return replace(answer, text=f"{note} {answer.text}", trace=(*answer.trace, f"article cité inexistant : {missing[0]}"))


def _other_noun(kb: KnowledgeBase, text: str) -> bool:
    """Whether a noun beside the article names what is asked (« ça veut dire quoi l'architecture cible dont parle
    l'article 3 ? » asks a meaning): by spaCy's tags, past the neutral nouns of message_kinds.yml and the parties'
    names (« que prévoit l'article 3 pour l'Académie ? » asks the article, for one party)."""
    doc = parsing.parse(text)
    if doc is None:
        return False
    neutral = set(lexicon_for(kb).markers["agreement"]["article_neutral"])
    names = {normalise(a) for p in kb.parties.values() for a in p.aliases}
    return any(t.pos_ in ("NOUN", "PROPN") and normalise(t.text) not in neutral and normalise(t.lemma_) not in neutral
               and normalise(t.text) not in names and normalise(t.lemma_) not in names for t in doc)
