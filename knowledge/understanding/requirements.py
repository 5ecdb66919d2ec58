"""« Nous voulons déplacer six ordinateurs vers la salle d'étude. Faut-il faire une demande ? »: a closed question
asking whether a step is required, answered by a record that requires that very step (« Tout déplacement de
matériel … doit faire l'objet d'une demande »). The record was stated without its « Oui » (issue 11, class 2).

The « Oui » is given only when a requirement is asked (message_kinds.yml questions.required, required_also), the
step asked (questions.steps) is one a stated record requires in its own words (questions.required_by), the question
does not ask it « sans » that step, and addresses it to no party the record does not name (« faut-il faire une
demande au rectorat ? » asks to whom, which it may not say).
"""
from __future__ import annotations

from dataclasses import replace

from knowledge.answer_types import Answer
from knowledge.normalise import normalise
from knowledge.question_reading import named_parties
from knowledge.records import KnowledgeBase, Obligation
from knowledge.understanding.closed_questions import closed_question
from knowledge.understanding.lexicon import contains, lexicon_for
from knowledge.vocabulary import vocabulary_for

# The first letters that name a step: « demande » and « demander », « déclaration » and « déclarer ».
_STEM = 6


def requirement_checked(kb: KnowledgeBase, text: str, yes_no: bool, answer: Answer) -> Answer:
    """``answer`` led by « Oui » when the question asks whether a step is required and a record it states requires
    that step."""
    if answer.yes_no or answer.kind not in ("responsibility", "procedure") or not closed_question(text, yes_no) \
            or answer.text.startswith(("Oui", "Non", "Si")):
        return answer
    lexicon = lexicon_for(kb)
    questions = lexicon.markers.get("questions", {})
    tokens = normalise(text).split()
    if "sans" in tokens or not (lexicon.marked("questions", "required", tokens)
                                or lexicon.marked("questions", "required_also", tokens)):
        return answer
    asked = {w[:_STEM] for w in tokens if any(w.startswith(step[:_STEM]) for step in questions.get("steps", ()))}
    if not asked:
        return answer
    stated = [o for o in kb.obligations if o.id in answer.obligations and o.role != "must_not"]
    if any(_requires(record, asked, questions.get("required_by", ())) and parties_stated(kb, text, record)
           for record in stated):
        return replace(answer, text=f"Oui. {answer.text}", yes_no="oui")
    return answer


def skipped(kb: KnowledgeBase, text: str, record: Obligation) -> bool:
    """Whether the question asks to act « sans » a step the record requires in its own words (« on peut bouger les
    postes sans faire de demande ? » against « doit faire l'objet d'une demande »)."""
    tokens = normalise(text).split()
    if "sans" not in tokens:
        return False
    questions = lexicon_for(kb).markers.get("questions", {})
    after = tokens[tokens.index("sans") + 1:][:_REACH]
    asked = {w[:_STEM] for w in after if any(w.startswith(step[:_STEM]) for step in questions.get("steps", ()))}
    return bool(asked) and _requires(record, asked, questions.get("required_by", ()))


# How many words after « sans » may name the step (« sans rien faire comme demande »).
_REACH = 5


def _requires(record: Obligation, asked: set[str], required_by) -> bool:
    """Whether the record's own words require one of the steps asked (by its first letters)."""
    words = normalise(f"{record.statement} {record.condition}").split()
    return any(contains(words, phrase) for phrase in required_by) and any(w[:_STEM] in asked for w in words)


def parties_stated(kb: KnowledgeBase, text: str, record: Obligation) -> bool:
    """No party the question addresses something to (« une demande au rectorat », « auprès de l'Académie ») that the
    record does not name: the question then asks to whom, which such a record does not say."""
    tokens = normalise(text).split()
    addressed = {m.id for m in vocabulary_for(kb).matches(text, ("party",))
                 if _TO & set(tokens[max(0, m.start - 3):m.start]) and m.id != "college"}
    return addressed <= set(record.parties) | set(named_parties(kb, f"{record.statement} {record.condition}"))


# Words before a party the question addresses something to (« au rectorat », « auprès de la DANE »).
_TO = frozenset({"a", "au", "aux", "aupres", "vers", "chez"})


def on_anothers_request(kb: KnowledgeBase, text: str, obligation: Obligation) -> bool:
    """Whether the question puts the act on the writer's own request (message_kinds.yml questions.own_request: « si on
    le lui demande ») where the record does it on another party's (« sur demande de l'Académie de Poitiers »): the
    record is then stated with its condition, never confirmed by a « Oui »."""
    condition = normalise(obligation.condition)
    return "demande" in condition.split() and bool(set(named_parties(kb, obligation.condition)) - {"college"}) \
        and bool(lexicon_for(kb).marked("questions", "own_request", normalise(text).split()))
