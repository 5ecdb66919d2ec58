"""Answers where the agreement is silent, and the inferences the product draws, always labelled as such.

Nothing here states a responsibility: a silence says what the text does not say and then what it does say
(inferences.yml `silences`); an inference is introduced by :data:`INFERENCE_LEAD` so that it never reads as
the agreement's own word.
"""
from __future__ import annotations

from typing import Iterable, Optional, Sequence

from knowledge.answer_types import Answer, unique
from knowledge.query import subject_chain
from knowledge.records import Inference, KnowledgeBase, Silence
from knowledge.vocabulary import Detection

INFERENCE_LEAD = "La convention ne le dit pas expressément ; "


def inferred(inference: Inference) -> str:
    """The inference as the user reads it: labelled, never as the agreement's word."""
    return INFERENCE_LEAD + inference.statement


def inference_of_use(kb: KnowledgeBase, use: str) -> Optional[Inference]:
    return next((i for i in kb.inferences if i.use == use), None)


def line_inference(kb: KnowledgeBase, subjects: Iterable[str], line_id: str) -> Optional[Inference]:
    """The inference that routes one of ``subjects`` to ``line_id``, when the routing is one."""
    chain = list(subjects)
    return next((i for i in kb.inferences if i.use == "line" and i.line == line_id
                 and any(s in i.subjects for s in chain)), None)


def silence_for(kb: KnowledgeBase, subjects: Sequence[str], actions: Sequence[str]) -> Optional[Silence]:
    """The silence answering a question about one of ``subjects`` (in order) and one of ``actions``."""
    for subject in subjects:
        for silence in kb.silences:
            if subject in silence.subjects and any(a in silence.actions for a in actions):
                return silence
    return None


def silence_answer(kb: KnowledgeBase, silence: Silence, subject: str, actions: Sequence[str]) -> Answer:
    return Answer(
        kind="not_specified",
        text=f"La convention ne dit pas {silence.question}. {silence.says}",
        articles=unique(s.section for s in silence.sources),
        quote=silence.sources[0].quote,
        subject=subject,
        actions=list(actions),
    )


def not_specified(kb: KnowledgeBase, detection: Detection, subject_id: Optional[str] = None) -> Answer:
    """A topic the agreement does not settle: say so, then where such questions go (an inference)."""
    topic = next((u for u in kb.uncovered if detection.not_specified and u.id == detection.not_specified[0]), None)
    label = topic.label if topic else kb.subjects[subject_id].label if subject_id else "ce point"
    text = f"La convention ne précise pas qui prend en charge {label}."
    referral = inference_of_use(kb, "referral")
    if referral is None:
        return Answer(kind="not_specified", text=text)
    labels = ", ".join(unique(kb.sections[s.section].label for s in referral.sources))
    return Answer(kind="not_specified", text=f"{text} {inferred(referral).rstrip('.')} ({labels}).",
                  articles=unique(s.section for s in referral.sources), quote=referral.sources[0].quote,
                  inferences=[referral.id])


def out_of_scope(kb: KnowledgeBase, detection: Detection) -> Answer:
    topic = next((u for u in kb.uncovered if detection.out_of_scope and u.id == detection.out_of_scope[0]), None)
    text = (
        "Désolé, je ne réponds qu'aux questions sur la convention informatique des collèges des Deux-Sèvres "
        "(qui achète, installe et maintient quoi, et qui assiste les collèges), et celle-ci ne traite pas de "
        f"{topic.label if topic else 'ce sujet'}."
    )
    if topic and topic.contact:
        text += f" Adressez-vous plutôt à {topic.contact}."
    return Answer(kind="out_of_scope", text=text)


def unknown(kb: KnowledgeBase, detection: Detection) -> Answer:
    text = (
        "Je n'ai pas trouvé de quel équipement ou service vous parlez. Essayez par exemple : « qui installe le "
        "vidéoprojecteur ? », « qui paie les téléphones portables ? » ou « quel numéro pour le réseau ? »."
    )
    return Answer(kind="unknown", text=text)


def line_inference_text(kb: KnowledgeBase, subject_id: str, line_id: str) -> Optional[str]:
    """The labelled sentence to show when routing ``subject_id`` to ``line_id`` is an inference, else None
    (for the incident form's confirmation: « ticket transmis à … » must not read as the agreement's word)."""
    if subject_id not in kb.subjects:
        return None
    inference = line_inference(kb, subject_chain(kb, subject_id), line_id)
    return inferred(inference) if inference else None
