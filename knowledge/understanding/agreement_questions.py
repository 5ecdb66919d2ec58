"""Questions about the agreement itself (issue 11, class 8): its own facts (signatories, where it was signed,
the 2010 convention, the Commission permanente, the « Vu… »), its term and notice, a word of its glossary, and
the agreement named with one of its topics. The policy asks here before any record about equipment.
"""
from __future__ import annotations

from typing import Optional

from knowledge.answer_types import Answer
from knowledge.direct_answers import answer_directly
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.silence_answers import about_the_service, no_duration, silence_named
from knowledge.understanding import compose, coverage
from knowledge.understanding import parse as parsing
from knowledge.understanding.article_asked import article_answer
from knowledge.understanding.fact_check import places_asked
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import contains, lexicon_for
from knowledge.understanding.people import person_answer
from knowledge.vocabulary import vocabulary_for


def about_agreement(kb: KnowledgeBase, frame: Frame) -> bool:
    """Whether the message names the agreement or one of its own topics (notice, amendments…): the words of
    the term itself (« combien de temps », « durée ») ask how long, not about what."""
    return lexicon_for(kb).names_agreement(frame.normalised.split()) or NOTICE_ACTION in frame.actions or any(
        kb.subjects[s].kind == "agreement" and s != "duree" for s in real_subjects(frame))


def no_duration_asked(kb: KnowledgeBase, frame: Frame) -> Optional[tuple[Answer, str]]:
    """A duration asked of a thing or a task, not of the agreement (« la réparation dure combien de temps ? »): the
    text's durations are the agreement's own (term, notice), so none answers it. None for any other question."""
    if frame.question_type.value != "duration":
        return None
    things = [s for s in real_subjects(frame) if kb.subjects[s].kind != "agreement"]
    # « notre accord avec le Département et le rectorat, il court sur quelle période ? » names the agreement by another
    # word: its duration is asked.
    named_agreement = lexicon_for(kb).names_agreement(frame.normalised.split()) and not things
    # (A noun that names no agreement topic times something too: « combien de temps pour avoir une réponse ? ».)
    timed = things[0] if things else frame.actions[0] if frame.actions else timed_thing(kb, frame)
    if timed and not about_agreement(kb, frame) and not named_agreement:
        return no_duration(kb, things[0] if things else None), f"durée demandée pour « {timed} », pas pour la convention"
    return None


def timed_thing(kb: KnowledgeBase, frame: Frame) -> Optional[str]:
    """The noun a duration question times after « pour » or « avant » when it names neither the agreement nor a
    subject (« ça prend combien de temps pour avoir une *réponse* ? »): no word of the question's own markers
    (« temps », « durée »), of the agreement's names, of a subject, nor a light noun. None when there is none (« elle
    dure combien de temps ? », « pour combien de temps ? » are the agreement's term)."""
    lexicon = lexicon_for(kb)
    if lexicon.marked("questions", "notice_asked", frame.normalised.split()):
        return None  # « combien de temps à l'avance ? » times the notice
    asking = {w for phrase in lexicon.markers.get("questions", {}).get("duration", ()) for w in phrase.split()}
    light = coverage.words_of(kb).light_nouns
    doc = parsing.parse(frame.text)
    tokens = list(doc) if doc is not None else []
    start = next((t.i for t in tokens if normalise(t.text) in _PURPOSE
                  and (t.i + 1 >= len(tokens) or normalise(tokens[t.i + 1].text) != "combien")), None)
    for token in tokens[start:] if start is not None else ():
        forms = [normalise(token.text), normalise(token.lemma_)]
        if token.pos_ == "NOUN" and not set(forms) & (asking | light) and not lexicon.names_agreement(forms[:1]) \
                and not vocabulary_for(kb).detect(token.text).subjects:
            return token.text
    return None


# The words after which a duration question names what it times (« combien de temps *pour* une réponse »).
_PURPOSE = frozenset({"pour", "avant"})


OVERVIEW_END = "qui paie quoi…"  # the overview of the agreement ends so: it answers no particular question
# How the reasons of :func:`agreement_answer` begin when its answer is more precise than the knowledge base's own on the
# topic (a definition, the term asked, a person, an address…): the policy keeps these over the direct composer's.
OWN_ANSWERS = ("définition", "question de durée", "la convention et", "fait de la convention « signature_place »",
               "fait de la convention « habilitation »",
               "signataires demandés", "personne nommée", "article demandé", "articles demandés", "signature de", "membre du", "adresse d'une partie")
# Terminating: with a duration asked, the agreement's notice (article 13), not its term.
NOTICE_ACTION = "resilier"


def real_subjects(frame: Frame) -> list[str]:
    return [s.value for s in frame.subjects if s.value is not None and s.value not in ("assistance",)]


def agreement_topic_first(kb: KnowledgeBase, frame: Frame) -> bool:
    """« les litiges vont au tribunal administratif ? »: an agreement topic named first and clearly decides."""
    first = frame.subject
    # An everyday word of the agreement (« les principes ») still decides against the support alone (« le
    # dispositif »), which names no thing of its own.
    general = first in GENERAL_TOPICS and [s for s in real_subjects(frame) if s != first]
    return first is not None and first in kb.subjects and kb.subjects[first].kind == "agreement" \
        and not general and frame.subjects[0].confidence >= 0.8 and len(frame.subjects) > 1


# Agreement topics named by everyday words (« représente », « suivre »): they decide nothing against another subject.
GENERAL_TOPICS = ("parties", "correspondance", "suivi_convention", "objectifs", "duree", "adresses")


_SIGNATURE_FACTS = ("signatories", "signature_place")


def _service_silence(kb: KnowledgeBase, frame: Frame) -> bool:
    """Whether the message names a point of the service articles that the text leaves open."""
    silence = silence_named(kb, frame.normalised)
    return silence is not None and about_the_service(kb, silence)


def agreement_answer(kb: KnowledgeBase, frame: Frame) -> Optional[tuple[Answer, str]]:
    named = article_answer(kb, frame)
    if named is not None:
        return named
    tokens = frame.normalised.split()
    lexicon = lexicon_for(kb)
    qtype = frame.question_type.value
    # (A topic the text leaves open is a thing too: « combien de temps sont gardés les logs ? » is no term asked.)
    things = [s for s in real_subjects(frame) if kb.subjects[s].kind != "agreement"] + list(frame.not_specified)
    # « le Département a combien de temps pour venir sur place ? y a un délai garanti ? » asks a delay of the
    # service that the text leaves open (inferences.yml), not the agreement's term.
    service_delay = qtype == "duration" and not lexicon.names_agreement(tokens) and _service_silence(kb, frame)
    if qtype == "duration" and not (things and not about_agreement(kb, frame)) and not service_delay:
        # « combien de temps avant faut-il prévenir pour résilier ? » asks the notice, not the term. A duration
        # beside a thing (« la durée de conservation des sauvegardes ») is not the agreement's.
        # « se retirer … sans attendre le bout des deux années ? » names termination: the notice, too.
        term = "resiliation" if NOTICE_ACTION in frame.actions or "resiliation" in real_subjects(frame) else "duree"
        answer = compose.term_answer(kb, term)
        if answer:
            return answer, f"question de durée : le terme « {term} »"
    # « la DANE c'est le rectorat ? », « le RUPN c'est un prof ? »: a word of the glossary checked with no act and no
    # thing of the agreement is what it means; its definition is stated, without a verdict on the guess.
    checks_the_word = qtype == "check_fact" and not frame.actions and not things
    # (« l'ENT est filtré, c'est qui ? » asks who handles a fault: a fault reported is no word to define.)
    who_is = qtype == "who" and _asks_who_is(tokens) and not frame.actions and frame.kind.value != "problem_report"
    if frame.glossary and (qtype == "definition" or checks_the_word or who_is):
        answer = compose.definition(kb, frame.glossary, frame.text)
        if answer:
            return answer, f"définition de « {frame.glossary} » avec l'enregistrement qui emploie le mot"
    # "un litige entre les signataires": the subject is the dispute, not the signatures. A phrase of several
    # words ("commission permanente") is specific enough to decide whatever else the message names.
    other_subject = frame.subject not in (None, "parties", "correspondance", "suivi_convention", "objectifs", "duree",
                                          "assistance")
    # After the signature block's own facts, the other lists of message_kinds.yml `agreement` are named for a
    # subject of kind agreement, answered by its records (the « Vu… » of the heading, cited as such).
    order = ("signatories", "signature_place", "convention_2010", "habilitation", "references_juridiques")
    if lexicon.marked("agreement", "signing", tokens) and (places_asked(kb, frame.text) or lexicon.marked("agreement", "place_asked", tokens)):
        # « c'est à Poitiers, au rectorat, qu'on a signé ? », « dans quelle ville ont-ils paraphé ? » ask where,
        # whoever else the message names.
        answer = compose.agreement_fact(kb, "signature_place")
        if answer:
            return answer, "fait de la convention « signature_place » (un lieu nommé ou demandé, avec la signature)"
    if lexicon.marked("agreement", "where", tokens) and [p for p in frame.parties if p in kb.parties] \
            and not vocabulary_for(kb).matches(frame.text, ("subject", "weak_subject")):
        # « le rectorat c'est où ? »: a party named with nothing else, and where it is asked: its address. (« le
        # formulaire en ligne de l'Académie, il est où ? » names its line, by words a party's name also holds.)
        return answer_directly(kb, frame.text, subject="adresses"), "adresse d'une partie demandée (« où »)"
    # « c'est Gilbert Favreau qui a signé ? », « la vice-présidente s'appelle comment ? »: the people of the text
    # (after the place: « à Poitiers, chez la rectrice, qu'on a signé ? » asks where).
    person = person_answer(kb, frame)
    if person is not None:
        return person
    if lexicon.marked("agreement", "signed_by", tokens) and lexicon.marked("agreement", "person_asked", tokens) \
            and not lexicon.marked("agreement", "represented_by", tokens) \
            and (not things or lexicon.names_agreement(tokens)) and not _signing_described(frame.text) \
            and frame.subject != "litige":  # (« un litige entre les signataires »: the dispute is asked, as below)
        # « quelle personne signe au nom du Département ? », « le nom de la personne qui signe pour Canopé ? »: a
        # person asked with a verb of signing, and no other thing signed (« les bons de commande »), is the
        # signature block, however the question is worded: the lines of the parties named, else the whole block.
        answer = _signatories(kb, frame)
        if answer:
            return answer, "signataires demandés (une personne, avec la signature)"
    for fact in order:
        words = lexicon.marked("agreement", fact, tokens)
        if not words or (other_subject and not any(" " in w for w in words)):
            continue
        if other_subject and not lexicon.names_agreement(tokens) \
                and not any(any(c.isdigit() for c in w) or lexicon.names_agreement(w.split()) for w in words):
            # « le portable de la principale est cassé et son ordi aussi, qui remplace quoi ? »: beside another thing,
            # words that name no agreement (« remplace quoi ») are about that thing.
            continue
        if fact in _SIGNATURE_FACTS and _signing_described(frame.text):  # parsed only when a signing word is found
            continue  # « la convention signée en 2017 s'arrête-t-elle … ? » asks about the term, not the signing
        if fact == "references_juridiques" and words == ["vu"] and tokens[:1] != ["vu"] \
                and not lexicon.names_agreement(tokens):
            continue  # "vu" is also the past participle of "voir"
        if fact == "signatories" and not (lexicon.marked("agreement", "signed_by", tokens)
                                          or lexicon.names_agreement(tokens)):
            continue
        if fact in _SIGNATURE_FACTS and things and not lexicon.names_agreement(tokens):
            continue  # « qui signe les bons de commande du matériel ? »: another thing is signed, not the agreement
        answer = compose.agreement_fact(kb, fact) if fact in _SIGNATURE_FACTS else answer_directly(
            kb, frame.text, subject=fact)
        if answer:
            return answer, f"fait de la convention « {fact} » (mots : {', '.join(words)})"
    if all(s in _GENERAL_TOPICS for s in real_subjects(frame)) and lexicon.names_agreement(tokens):
        # « la convention peut-elle être modifiée ? »: the agreement named with none of its topics; the words
        # of message_kinds.yml agreement_topics choose one rather than an overview that dodges the question.
        # (An idiom's words name no topic: « elle a lieu quand ? » asks when something happens, not where the
        # agreement was signed.)
        said = [word if not idiom else "" for word, idiom in zip(tokens, frame.idiom_words)]
        # (… unless the topic's word is the idiom itself: « la prise d'effet » asks when the agreement took effect.)
        idioms = {normalise(i) for i in kb.idioms}
        for topic, words in lexicon.markers["agreement_topics"].items():
            found = [w for w in words if contains(said, w) or w in idioms and contains(tokens, w)]
            if found:
                answer = answer_directly(kb, frame.text, subject=topic)
                return answer, f"la convention et « {found[0]} » : sujet « {topic} »"
    return None


# Topics of the agreement so general that a more precise word of agreement_topics wins over them: « qu'on quitte
# ce partenariat… un mail aux partenaires » asks how to terminate, not who the partners are.
_GENERAL_TOPICS = ("parties", "correspondance", "objectifs", "suivi_convention")


def _signatories(kb: KnowledgeBase, frame: Frame) -> Optional[Answer]:
    """The signature block's line of each party the message names (agreement.yml terms of the section), else the
    whole block with the preamble's representatives (compose.agreement_fact)."""
    named = [t for t in kb.terms if t.section == "signatures" and set(t.parties) & set(frame.parties)]
    if not named:
        return compose.agreement_fact(kb, "signatories")
    text = " ".join(t.statement.rstrip(". ") + "." for t in named)
    return Answer(kind="agreement", text=f"{text[:-1]} ({compose.label(kb, 'signatures')}).", articles=["signatures"],
                  parties=[p for t in named for p in t.parties], quote=named[0].source, subject="signature")


def _signing_described(text: str) -> bool:
    """Whether every word of signing only describes a noun (« la convention *signée en 2017* s'arrête… ? »: a
    participle modifying it), by spaCy's parse; then the signing is not what is asked."""
    doc = parsing.parse(text)
    signing = [t for t in doc if normalise(t.text).startswith("sign")] if doc is not None else []
    return bool(signing) and all(t.dep_ == "acl" for t in signing)


def _asks_who_is(tokens: list[str]) -> bool:
    """"c'est qui le RUPN ?", "qui est le référent ?": asks what someone is, not who does something."""
    text = " ".join(tokens)
    if any(f" {opening} qui " in f" {text} " for opening in ("c est qui", "c qui", "cest qui", "qui est ce")):
        return False  # « c'est qui qui regarde si ça colle côté pédagogie ? » asks who does it
    return text.startswith(("c est qui", "qui est", "c qui", "cest qui")) or " c est qui" in f" {text}"


def reason_answer(kb: KnowledgeBase, frame: Frame) -> Optional[tuple[Answer, str]]:
    """« pourquoi c'est le Département qui paie l'informatique des collèges ? »: the reason the text gives is its
    context (« Le Département a la charge des collèges… »), for a party it names; no other « why » is answered."""
    if not lexicon_for(kb).marked("questions", "why", frame.normalised.split()):
        return None
    named = {frame.asked_party.value, *frame.parties} - {None}
    record = next((o for o in kb.obligations if o.section == "contexte" and set(o.parties) & named), None)
    things = [s for s in real_subjects(frame) if kb.subjects[s].kind != "agreement"]
    if record is None or not set(things) <= set(record.subjects):
        return None  # « pourquoi le Département valide les vidéoprojecteurs ? »: the context gives no such reason
    text = f"La convention le dit dans son contexte : {compose.sentence(kb, record)}"
    return (Answer(kind="responsibility", text=text, articles=[record.section], parties=list(record.parties),
                   quote=record.source, subject=record.subjects[0] if record.subjects else None,
                   obligations=[record.id]),
            f"question « pourquoi » : le contexte de la convention ({record.id})")
