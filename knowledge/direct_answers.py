"""The direct path of an answer: read the question with the vocabulary and hand it to the module that answers
that kind of question. :mod:`knowledge.answers` asks the understanding policy first and comes here for what
the policy leaves (the policy also comes here for the parts it splits off).
"""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from knowledge.agreement_answers import agreement, overview
from knowledge.answer_types import Answer, Context
from knowledge.query import IN_CHARGE_ACTIONS, fault_handled, support_line_for
from knowledge.question_reading import (
    PROCEDURE_PHRASES,
    PROHIBITION_PHRASES,
    best_subject,
    focus_actions,
    has_phrase,
    is_bare,
    is_support_question,
    only_weak_subjects,
    party_statement_question,
    refine_by_action,
    without_compared,
)
from knowledge.records import KnowledgeBase
from knowledge.rule_answers import clarify, procedure, prohibitions, responsibility
from knowledge.schedule import now_paris
from knowledge.silence_answers import not_specified, out_of_scope, point_not_specified, silence_answer, silence_for, unknown
from knowledge.support_answers import channels_named, contact_not_given, support, support_by_party
from knowledge.understanding.coverage import asks_specific, things_apart
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.verdict import frame_of
from knowledge.vocabulary import Detection, vocabulary_for

PROCEDURE_SUBJECTS = ("demande_equipement", "deplacement_materiel", "inventaire", "ent", "achat_fonds_propres",
                      "achat_hors_referentiel", "modification_reseau", "logiciel_pedagogique", "formation")
# A "how do I…" about equipment in general is a request for equipment.
PROCEDURE_REDIRECT = {"materiel_informatique": "demande_equipement", "videoprojecteur": "demande_equipement"}
AGREEMENT_TOPICS = ("gouvernance", "parties", "objectifs")


def answer_directly(
    kb: KnowledgeBase,
    text: str,
    *,
    intent: Optional[str] = None,
    context: Optional[Context] = None,
    subject: Optional[str] = None,
    action: Optional[str] = None,
    now: Optional[datetime] = None,
) -> Answer:
    """Answer a question in French. ``subject``/``action`` (ids) override what the text says, e.g. from a button."""
    vocabulary = vocabulary_for(kb)
    text = text or ""
    detection = vocabulary.detect(text)
    if not detection.yes_no and party_statement_question(kb, text):
        detection.yes_no = True  # "l'Académie gère le filtrage ?"
    focus = focus_actions(kb, text, detection)
    if subject:
        detection.subjects = [subject]
    if action:
        detection.actions = [action]
        focus = [action]
    followup = intent == "ask_followup" or detection.normalised.startswith("et ")
    kind_hint = None
    if context and (followup or not detection.subjects):
        # « et qui forme les profs dessus ? » after the pedagogical software: a word that names a subject only
        # weakly (the verb « former ») does not replace the thing the conversation is about.
        weak_only = bool(detection.subjects) and followup and not vocabulary.matches(text, ("subject",))
        # (« jpeu pa imprimer » after a question on the video projectors tells a new fault naming no thing: it is
        # asked back, not answered with the thing before; « ça marche toujours pas » takes it up.)
        new_fault = not followup and bool(lexicon_for(kb).marked("kinds", "problem", detection.normalised.split())) \
            and not _TAKING_UP & set(detection.normalised.split())
        if (not detection.subjects or weak_only) and context.subject and not new_fault \
                and (detection.actions or followup or detection.parties):
            detection.subjects = [context.subject]
        if not detection.actions and context.actions and followup:
            detection.actions = list(context.actions)
            focus = list(context.actions)
        if followup:
            kind_hint = context.kind
    if detection.yes_no and not detection.parties:
        detection.parties = ["college"]  # "on peut… ?": the person asking speaks for the collège
    now = now or now_paris()
    procedure_words = has_phrase(detection, PROCEDURE_PHRASES)
    is_support = ((intent == "ask_support" and not procedure_words) or kind_hint == "support"
                  or is_support_question(detection, None))
    is_procedure = intent == "ask_procedure" or kind_hint == "procedure" or procedure_words

    if detection.not_specified and not is_support:
        return not_specified(kb, detection)
    # In a "who do I call" question, "téléphone" and "assistance" say how, not what about.
    strong = ([s for s in detection.subjects if s != "telephone"] if is_support else list(detection.subjects))
    if is_support and len(strong) > 1:
        strong = [s for s in strong if s != "assistance"]
    if is_support and (not strong or strong == ["assistance"]):
        if not detection.subjects and _about_a_thing_apart(kb, text, detection):
            return unknown(kb, detection)  # asked back (ask_back.py): which of the agreement's subjects, if any
        return _existence_confirmed(kb, text, detection, support_by_party(kb, detection, now))
    if has_phrase(detection, PROHIBITION_PHRASES) and only_weak_subjects(detection):
        return prohibitions(kb)
    if not detection.subjects:
        if detection.out_of_scope or intent == "out_of_scope":
            return out_of_scope(kb, detection)
        if intent == "ask_agreement" or any(w in detection.normalised.split() for w in ("convention", "accord")):
            # « la convention dit combien de techniciens… ? »: an overview would dodge the question.
            return point_not_specified(kb) if asks_specific(kb, text) else overview(kb)
        return unknown(kb, detection)
    subject_id = best_subject(kb, without_compared(kb, text, strong or detection.subjects), detection, focus, text)
    subject_id = refine_by_action(kb, subject_id, detection.actions)
    if fault_handled(kb, subject_id, detection.actions) != detection.actions:
        detection.actions = fault_handled(kb, subject_id, detection.actions)
        focus = [a for a in focus if a not in IN_CHARGE_ACTIONS] or detection.actions
    record = kb.subjects[subject_id]
    if record.kind == "agreement" or subject_id in AGREEMENT_TOPICS:
        return agreement(kb, subject_id, detection)
    asked = focus or detection.actions
    if is_support:
        if support_line_for(kb, subject_id, detection.actions) is None:
            # No line for this subject: what the text leaves open is said before the list of lines.
            silence = silence_for(kb, [subject_id], [*asked, "assister"], detection.normalised)
            if silence is not None:
                return silence_answer(kb, silence, subject_id, asked)
            if record.clarify:
                return clarify(kb, subject_id)  # « le portable » : which one decides the line
        answer = support(kb, subject_id, detection.actions, now)
        line = kb.support_lines.get(answer.line or "")
        if line is not None and line.party != "college" and not (line.phone or line.online) \
                and _how_to_reach(kb, detection.normalised.split()):
            return contact_not_given(kb, line, answer)
        return _existence_confirmed(kb, text, detection, answer)
    if is_procedure:
        redirect = not detection.actions or set(detection.actions) <= {"acheter", "demander", "payer"}
        target = PROCEDURE_REDIRECT.get(subject_id, subject_id) if redirect else subject_id
        if target in PROCEDURE_SUBJECTS and not detection.yes_no:
            return procedure(kb, target, detection.actions)
    if record.clarify and is_bare(detection):
        return clarify(kb, subject_id)
    # What the text leaves open about this subject is said as such, before any rule that merely sits nearby.
    # Only the verb asked about: « qui peut expertiser notre demande ? » is not « qui fait la demande ? ».
    silence = silence_for(kb, [subject_id, *[s for s in strong if s != subject_id]], asked[:1], detection.normalised)
    if silence is not None:
        return silence_answer(kb, silence, subject_id, asked)
    detection.subjects = [subject_id] + [s for s in detection.subjects if s != subject_id]
    return responsibility(kb, detection, focus, text)


def _existence_confirmed(kb: KnowledgeBase, text: str, detection: Detection, answer: Answer) -> Answer:
    """« existe-t-il une hotline pour les applis métiers ? », « y a-t-il un suivi en ligne des incidents ? »: the line
    stated, with its number or channel, answers yes (issue 11, class 2), and so does a closed question on a channel of
    that very line; asked in the negative (« il n'y a pas de numéro pour … ? »), « Si »."""
    line = kb.support_lines.get(answer.line or "")
    frame = frame_of(kb, text)
    # (« on peut passer par un formulaire en ligne pour le rectorat ? »: the channel asked of the line is its own.)
    own_channel = frame.yes_no and line is not None and line.id in channels_named(kb, frame.normalised.split())
    # (A line the text gives no number nor channel for, Canopé's accompaniment, confirms no « hotline ».)
    if line is not None and line.party != "college" and (line.phone or line.online) and (frame.existence or own_channel):
        negative = lexicon_for(kb).marked("questions", "negative_existence", detection.normalised.split())
        answer.text, answer.yes_no = f"{'Si' if negative else 'Oui'}. {answer.text}", "oui"
    return answer


def _about_a_thing_apart(kb: KnowledgeBase, text: str, detection: Detection) -> bool:
    """« un élève a oublié son carnet, j'appelle qui ? »: whom to call about a thing no subject of the agreement names,
    with no party nor line named. Article 4's lines listed as the answer would read as the ones for that thing (issue
    11, class 1); the question back asks which subject, if any, is meant."""
    if any(p != "college" for p in detection.parties) or channels_named(kb, detection.normalised.split()):
        return False
    return bool(things_apart(kb, text))


def _how_to_reach(kb: KnowledgeBase, tokens: list[str]) -> bool:
    """« comment joindre … ? », « leur numéro ? »: how to reach a line, not who to turn to (« je contacte qui ? »)."""
    lexicon = lexicon_for(kb)
    return bool(lexicon.marked("questions", "which_number", tokens)) and not lexicon.marked("questions", "who", tokens)


# Words that take up the thing of the previous turn in a fault told again (« ça marche toujours pas », « il est
# encore en panne »).
_TAKING_UP = frozenset({"ca", "il", "elle", "ils", "elles", "le", "la", "les", "lui", "toujours", "encore", "pareil",
                        "aussi", "meme", "dessus", "y"})
