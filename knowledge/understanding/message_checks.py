"""What the action layer asks the understanding before it runs a flow (issue 11): whether to decline rather
than open a declaration, whether a message is about an existing ticket, whether a message NLU took for a
declaration is rather a question, a request or several problems, whether a greeting also asks something.
"""
from __future__ import annotations

from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import parse as parsing
from knowledge.understanding.agreement_questions import about_agreement
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.policy import decide
from knowledge.understanding.readings import HOW_SUBJECTS
from knowledge.understanding.verdict import frame_of


def names_nothing(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message names no equipment, service or topic at all (« ya un bug », « rien ne marche »):
    the action layer asks back rather than opening a declaration that would have to ask the same."""
    frame = frame_of(kb, text or "")
    return not frame.subjects and not frame.out_of_scope and not frame.kb_out_of_scope and not frame.not_specified


def names_one_thing(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message names exactly one equipment, service or topic, past the support itself (« je veux
    déclarer un incident » names only the assistance: the declaration asks which thing; « plus d'internet, plus de
    téléphone et l'ENT ne charge pas » names three, which the declaration sorts out)."""
    return len([s for s in frame_of(kb, text or "").subjects if s.value and s.value not in HOW_SUBJECTS]) == 1


def declines(kb: KnowledgeBase, text: str) -> bool:
    """Whether the policy declines a message, says the agreement is silent on it, or finds it turns on things the
    agreement never mentions, for the action layer to check before it starts an incident declaration (« fuite
    d'eau dans la salle 4 » is no ticket for any support line of the agreement; « la clim du local serveur est HS »
    is about air conditioning, which no line of the agreement takes, whatever the servers nearby)."""
    return decide(kb, text or "").outcome in ("decline", "silent", "unknown")


def is_ticket_operation(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message is about an existing ticket ("ajouter un commentaire à mon ticket"), for the
    action layer to check before it runs a ticket flow on ordinary words ("rajouter 3 prises réseau").
    A ticket named is enough, even beside a fault ("précisez sur mon incident que la panne est revenue")."""
    frame = frame_of(kb, text or "")
    return frame.kind.value == "ticket_operation" or bool(
        lexicon_for(kb).marked("kinds", "ticket_operation", frame.normalised.split()))


def asks_to_declare(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message asks for a ticket (« je signale une panne du serveur », « Incident : PC salle 14 HS »)
    rather than only tells a fault (« le wifi de la salle des profs ne marche plus »): the first starts the
    declaration, the second is answered first (who handles it, the line, whether it is open) with « Déclarer
    l'incident » under the answer. Read on the message as typed, its title included (message_kinds.yml
    `kinds.declaring`)."""
    return bool(lexicon_for(kb).marked("kinds", "declaring", normalise(text or "").split()))


def declares_a_fault(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message states a fault and asks for its ticket (« je signale que le standard ne sonne plus »,
    « Incident : PC salle 14 HS »), whatever intent NLU read: not a question about declaring (« vous auriez le lien
    de l'intranet où on déclare les pannes ? »), nor a « ticket de caisse »."""
    return asks_to_declare(kb, text) and not (text or "").rstrip().endswith("?") \
        and frame_of(kb, text or "").kind.value == "problem_report"


def answers_instead_of_declaring(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message NLU took for an incident declaration is rather a request the agreement gives a procedure
    for ("nous souhaitons 15 nouveaux ordinateurs"), several problems to answer one by one, a word whose meaning
    decides the service ("mon portable"), a topic named to ask about ("une question sur le wifi") or a question."""
    frame = frame_of(kb, text or "")
    undecided = frame.undecided is not None and not frame.subjects
    about = frame.kind.value != "problem_report" and bool(lexicon_for(kb).marked("kinds", "about", frame.normalised.split()))
    asked = frame.kind.value == "question" and (text or "").rstrip().endswith("?") and not (  # « …, faut une demande ? »
        lexicon_for(kb).marked("kinds", "problem", frame.normalised.split()))
    return frame.kind.value == "request" or len(frame.parts) > 1 or undecided or about or asked \
        or _act_to_do(kb, text, frame)


def _act_to_do(kb: KnowledgeBase, text: str, frame) -> bool:
    """« mettre à jour le logiciel de SVT sur les postes de la salle 10 »: a message that opens on the infinitive of
    an act, with no fault named, asks for that act (a request, answered with the agreement's procedure)."""
    if frame.kind.value == "problem_report" or not frame.actions \
            or lexicon_for(kb).marked("kinds", "problem", frame.normalised.split()):
        return False
    doc = parsing.parse(text or "")
    first = next((t for t in doc if not t.is_punct), None) if doc is not None else None
    return first is not None and first.pos_ == "VERB" and "Inf" in first.morph.get("VerbForm")


def names_a_thing_not_a_person(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message NLU took for a request to talk to someone only names a thing of the agreement
    (« vidéoprojecteur svp »): a question to answer, not a person to find (message_kinds.yml `kinds.person`)."""
    frame = frame_of(kb, text or "")
    things = [s.value for s in frame.subjects if s.value not in (None, "assistance")]
    return bool(things) and not lexicon_for(kb).marked("kinds", "person", frame.normalised.split())


def more_than_courtesy(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message NLU took for a greeting, a thanks or a goodbye also asks or reports something: « jpeu pa
    me co a l'ent » (read as `greet`) is a fault, « merci, et pour le filtrage ? » a question; « bonjour, j'ai une
    question » and « merci pour votre aide » stay courtesy."""
    frame = frame_of(kb, text or "")
    if frame.kind.value in ("problem_report", "request", "out_of_scope") or len(frame.parts) > 1 \
            or frame.kb_out_of_scope:  # « bonjour, pronote plante » is small talk by its length, and out of scope
        return True
    if lexicon_for(kb).marked("kinds", "problem", frame.normalised.split()):
        return True  # « jpeu pa imprimer »: a fault told with no thing named is still no greeting
    # Otherwise only what is asked counts: « merci pour l'info sur le wifi » thanks, « bonjour, je suis RUPN au
    # collège » introduces the writer, « bon week-end » (a day, read as « open when? ») takes leave.
    asks = frame.question_type.value not in (None, "when_open_now") or (text or "").rstrip().endswith("?")
    return frame.kind.value != "small_talk" and asks and bool(
        frame.subjects or frame.not_specified or frame.glossary or frame.question_type.value)


def asks_the_text(kb: KnowledgeBase, text: str) -> bool:
    """Whether a message NLU took for « are you a bot? » rather asks what the agreement says, or reports
    something: « est-ce que la convention parle de l'intelligence artificielle ? » asks the text, while « c'est une
    intelligence artificielle ? » and « vous êtes qui ? le Département ? » ask who answers (narrower than
    :func:`more_than_courtesy`: any question counts there, and these are all questions)."""
    frame = frame_of(kb, text or "")
    if frame.kind.value in ("problem_report", "request") or len(frame.parts) > 1:
        return True
    searched = lexicon_for(kb).marked("questions", "mention", frame.normalised.split())
    return bool(searched) and about_agreement(kb, frame)
