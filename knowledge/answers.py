"""Compose short French answers from the knowledge base, each with its citation.

Every sentence that states a responsibility comes from an obligation or term record and names its
section; what the text does not say is said as such, and an inference is labelled as one
(:mod:`knowledge.silence_answers`). The understanding policy (:mod:`knowledge.understanding.policy`)
decides first: answer, ask back, say the text is silent, or decline; what it leaves is answered by the
direct path (:mod:`knowledge.direct_answers`). Channels render :class:`Answer` (text + citation + choices).
"""
from __future__ import annotations

import functools
from datetime import datetime
from typing import Callable, Optional

from knowledge.answer_types import Answer, Choice, Context, Handover
from knowledge.direct_answers import answer_directly
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.schedule import now_paris
from knowledge.silence_answers import line_detail_not_given, value_not_given
from knowledge.support_answers import human_handover, line_contact_text
from knowledge.understanding.addressee import addressee_checked
from knowledge.understanding.answer_coverage import covered
from knowledge.understanding.article_asked import missing_article_noted
from knowledge.understanding.ask_back import ask_back
from knowledge.understanding.beside_scope import with_declines_beside
from knowledge.understanding.beside_silence import with_answers_beside_silence
from knowledge.understanding.claims import claims_checked
from knowledge.understanding.compose import REPAIR, problem_report
from knowledge.understanding.fact_check import checked
from knowledge.understanding.funding import case_asked_back, outside_the_condition
from knowledge.understanding.hours import at_moment_asked
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.line_details import asked_beside_card
from knowledge.understanding.membership import animators_checked, body_asked_back, frequency_checked, members_checked
from knowledge.understanding.polarity import exclusive_claim, forbidding_asked, in_negative, judged, qualifier_denied
from knowledge.understanding.policy import decide
from knowledge.understanding.procedure_verdict import procedure_checked
from knowledge.understanding.question_mark import questioned
from knowledge.understanding.requester import requester_checked
from knowledge.understanding.requirements import requirement_checked
from knowledge.understanding.unnamed_party import who_unnamed
from knowledge.understanding.unsettled import yes_no_unsettled
from knowledge.understanding.value_asked import value_missing
from knowledge.understanding.verdict import exclusive_denied, no_denial_of_a_party_stated, support_verdict
from knowledge.understanding.weak_evidence import hedged
from knowledge.versions import as_of

__all__ = ["Answer", "Choice", "Context", "Handover", "answer_question", "human_handover", "line_contact_text"]


def _citing_wider_parts(answer: Callable[..., Answer]) -> Callable[..., Answer]:
    """Each part of the text an answer cites comes with the wider part it stands in (sections.yml ``within``: the
    heading of the agreement, in its preamble)."""

    @functools.wraps(answer)
    def wrapper(kb: KnowledgeBase, *args, **kwargs) -> Answer:
        answered = answer(kb, *args, **kwargs)
        answered.articles = kb.with_wider_parts(answered.articles)
        return answered

    return wrapper


@as_of  # answers from the agreement as it stands on the day of `now` (avenants in force), and says so
@_citing_wider_parts
def answer_question(
    kb: KnowledgeBase,
    text: str,
    *,
    intent: Optional[str] = None,
    context: Optional[Context] = None,
    subject: Optional[str] = None,
    action: Optional[str] = None,
    now: Optional[datetime] = None,
    understand: bool = True,
) -> Answer:
    """Answer a question in French. ``subject``/``action`` (ids) override what the text says, e.g. from a button.

    ``understand=False`` skips the understanding policy (the direct path only).
    """
    # « Ticket : … » titles the message, and « jpeu pa » is « je peux pas »: every reader sees what the user means.
    typed, text = text or "", questioned(kb, lexicon_for(kb).as_meant(text))
    if subject in kb.subjects and action == REPAIR:
        # A fault whose equipment was chosen by button: who handles it, the line, whether it is open, and the
        # offer to declare it, as for a fault named in words.
        answer = problem_report(kb, subject, [REPAIR], now or now_paris())
        answer.trace = (f"panne choisie par bouton : sujet « {subject} »", f"ligne : {answer.line or '—'}")
        return answer
    if not understand or subject or action:
        answer = answer_directly(kb, text, intent=intent, context=context, subject=subject, action=action, now=now)
        # A reading chosen by button answers the question asked before: its « Oui » to a negative one is « Si ».
        answer = in_negative(text, answer)
        # Every answer carries a trace (issue 11), this one too: what was given rather than understood.
        answer.trace = answer.trace or (
            f"chemin direct : sujet « {subject or '—'} », action « {action or '—'} » "
            f"({'choix donné (bouton)' if subject or action else 'sans étape de compréhension'})",
            f"réponse : {answer.kind} ; articles : {', '.join(answer.articles) or '—'}",
        )
        return answer
    followup = intent == "ask_followup" or normalise(text).startswith("et ")
    decision = decide(kb, text, intent=intent, now=now, followup=followup,
                      context_subject=context.subject if context else None)
    answer = decision.answer or answer_directly(kb, text, intent=decision.intent, context=context, now=now)
    answer, narrowed = covered(kb, text, decision, answer)
    answer = at_moment_asked(kb, decision.frame, answer, now or now_paris())
    answer = checked(kb, text, decision.frame.yes_no, answer)
    answer = support_verdict(kb, text, answer)
    answer = members_checked(kb, text, decision.frame.yes_no, answer)
    answer = frequency_checked(kb, text, decision.frame.yes_no, answer)
    answer = body_asked_back(kb, text, answer)
    named = decision.frame.asked_party
    answer = animators_checked(kb, text, decision.frame.yes_no, named.value if named.confidence >= 0.8 else None, answer)
    answer = claims_checked(kb, text, decision.frame.yes_no, answer)
    answer = procedure_checked(kb, text, decision.frame, answer)
    answer = requirement_checked(kb, text, decision.frame.yes_no, answer)
    answer = no_denial_of_a_party_stated(kb, decision.frame, answer)
    answer = in_negative(text, answer)
    answer = forbidding_asked(kb, text, answer)
    answer = exclusive_claim(kb, text, answer)
    answer = qualifier_denied(text, answer)
    answer = requester_checked(kb, text, answer)
    answer = addressee_checked(kb, text, answer)
    answer = exclusive_denied(kb, decision.frame, answer)
    answer = judged(kb, text, answer)
    answer = who_unnamed(kb, text, answer)
    if value_missing(kb, text, answer) and decision.outcome != "several":
        # The record found is about the right body or term but gives no count or date. (An answer in parts was
        # checked part by part: part_answers.)
        answer = value_not_given(kb, answer)
    detail = asked_beside_card(kb, text, answer)
    if detail is not None:
        answer = line_detail_not_given(kb, answer, detail)
    answer = yes_no_unsettled(kb, text, decision, answer)
    answer = case_asked_back(kb, decision.frame, answer)
    answer = outside_the_condition(kb, decision.frame, answer)
    answer = missing_article_noted(kb, text, answer)
    answer = ask_back(kb, answer, text)
    answer, unsure = hedged(kb, text, decision, answer, followup)
    answered = answer
    answer = with_declines_beside(kb, decision.frame, answer)
    answer = with_answers_beside_silence(kb, decision.frame, answer,
                                         lambda part: answer_question(kb, part, intent=intent, now=now))
    # (« jpeu pa me co a l'ent » is read as « je peux pas me connecter a l'ent »: the trace says so.)
    read_as = (f"lu comme : « {text} »",) if normalise(text) != normalise(typed) else ()
    answer.trace = read_as + decision.trace + ((f"couverture : {narrowed}",) if narrowed else ()) + (
        ("confiance : enregistrement trouvé sur des indices faibles (peu de mots communs, aucune action) : "
         "réponse nuancée (ou point non trouvé), autres lectures en boutons",) if unsure else ()) + (
        ("à côté : chaque proposition hors convention ou sur un point qu'elle ne règle pas reçoit sa réponse",)
        if answer is not answered else ())
    return answer
