"""The answer to each part of a message with several (issue 11, class 7): a fault gets who handles it and its line,
a point the text leaves open says so, a question or a request gets the direct composer's answer, checked as a
message of its own would be (what it covers, the value it gives, how strong its evidence is).
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Callable, Optional

from knowledge import silence_answers as silences
from knowledge.answer_types import Answer
from knowledge.direct_answers import answer_directly
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding import compose
from knowledge.understanding.answer_coverage import part_covered
from knowledge.understanding.circumstances import without_circumstances
from knowledge.understanding.clause_reading import refers_back, restated
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import lexicon_for
from knowledge.understanding.message_parts import Part
from knowledge.understanding.scope import out_of_scope_topic
from knowledge.understanding.value_asked import value_missing
from knowledge.vocabulary import vocabulary_for

if TYPE_CHECKING:  # the policy calls this module: its Decision is only a type here
    from knowledge.understanding.policy import Decision

_NOT_IN_TEXT = ("decline", "silent", "unknown")  # the policy's outcomes that name no party


def part_answers(kb: KnowledgeBase, frame: Frame, now: datetime,
                 decide_alone: Callable[[str], Decision]) -> list[tuple[str, Answer]]:
    """Each part of ``frame`` with its answer. ``decide_alone``: the policy's decision on a part's words said alone,
    from which the strength of a question's record is judged (« … et qui rédige la charte informatique des
    élèves ? » shares no word with the installation record the composer finds: the part says the point is not
    found, it names no party)."""
    answers: list[tuple[str, Answer]] = []
    # A request beside a fault (« les ordis s'éteignent…, et le prof d'EPS voudrait des tablettes », « le wifi
    # saute, et on voudrait fixer un vidéoprojecteur ») is no fault of its own: it gets the request's procedure.
    topic_left_open = False
    before: Optional[str] = None  # the thing the part before is about
    for part in frame.parts:
        about = part.subjects[0] if part.subjects else None
        if about is None and before is not None and _names_nothing(kb, part.asked) and refers_back(part.asked):
            # « Qui définit la stratégie de sauvegarde ? Le RUPN peut-il en faire une lui-même ? »: « en » takes up the
            # backups; said alone, the part named nothing and was folded into the first answer.
            about = before
        before = about or before
        tokens = normalise(part.asked).split()
        # A question beside faults is still a question, unless it only asks whom to call about it.
        calls = bool(lexicon_for(kb).marked("questions", "which_number", tokens)
                     or lexicon_for(kb).marked("kinds", "each", tokens))  # « … qui pour chaque ? »
        # (« après une coupure de courant » says when: the power cut is no point asked about.)
        silence, circumstances = without_circumstances(kb, lexicon_for(kb), part.asked,
                                                       vocabulary_for(kb).detect(part.asked).not_specified)
        named = silences.silence_named(kb, " ".join(tokens))
        if topic_left_open and not silence and not named \
                and not vocabulary_for(kb).detect(part.asked).subjects and refers_back(part.asked):
            # « combien de temps sont gardés les logs, et qui peut les consulter ? »: « les » takes up the point the
            # text leaves open, which the same answer covers (not the duration the first part's words name).
            answers[-1] = (f"{answers[-1][0]}, {part.text}", answers[-1][1])
            continue
        # (Only a topic the part before names in its own words, subjects.yml ``not_specified``, is taken up so.)
        topic_left_open = bool(silence or named)
        if silence or named:
            # « … et qui assure les ordinateurs contre le vol ? »: a point the text leaves open, in this part.
            answers.append((part.text, silences.silence_answer(kb, named, None, part.actions) if named
                            else silences.topic_not_specified(kb, silence[0])))
        elif about and (part.problem or (frame.kind.value == "problem_report" and (not part.asks or calls)
                                         and not _wants(kb, part, tokens))):
            answers.append((part.text, compose.problem_report(kb, about, part.actions, now, text=part.asked,
                                                              circumstantial=bool(circumstances))))
        elif (alone := decide_alone(_said_alone(kb, part, about))).outcome in _NOT_IN_TEXT and alone.answer is not None \
                and not (about and alone.outcome == "unknown"):
            # (« …, et on peut la modifier en cours de route ? » names the agreement by « la » only: the whole
            # message found what the part is about, which its words alone do not.)
            # « … et qui rédige la charte informatique des élèves ? »: said alone, the part turns on words the text
            # never uses, or on a point it leaves open; so does its answer here, with no party named.
            answers.append((part.text, alone.answer))
        elif part.subjects and all(kb.subjects[s].kind == "agreement" for s in part.subjects) \
                and alone.outcome == "answer" and alone.answer is not None:
            # « 1. combien de temps avant faut-il prévenir si on veut sortir de la convention ? 2. se renouvelle-t-elle
            # d'elle-même ? »: a question on the agreement is answered as it would be alone (the notice, then the
            # renewal), not by the composer from its first topic (« combien de temps » names the term).
            answers.append((part.text, alone.answer))
        else:
            # « un prof de musique veut un logiciel de MAO »: a request in a part gets the procedure.
            wants = _wants(kb, part, tokens)
            answer = answer_directly(kb, part.asked, subject=about, now=now,
                                     intent="ask_procedure" if wants else None)
            answer = silences.value_not_given(kb, answer) if value_missing(kb, part.asked, answer) else answer
            answer = part_covered(kb, part.asked, answer)
            answers.append((part.text, answer))
    return _without_unfound_clauses(frame, answers)


def _without_unfound_clauses(frame: Frame, answers: list[tuple[str, Answer]]) -> list[tuple[str, Answer]]:
    """The answers with each part that names nothing and found nothing (« … ? et c'est payant ? », « Qui doit
    intervenir ? » after the faults told) taken into the part next to it, which it asks about: a « je n'ai pas trouvé
    de quel équipement » among the answers reads as if the message had a point the bot missed."""
    kept: list[tuple[str, Answer]] = []
    pending: list[str] = []
    for part, (text, answer) in zip(frame.parts, answers):
        if answer.kind == "unknown" and not part.subjects and len(answers) > 1:
            if kept:
                kept[-1] = (f"{kept[-1][0]}, {text}", kept[-1][1])
            else:
                pending.append(text)
            continue
        kept.append((", ".join([*pending, text]), answer))
        pending = []
    return kept or answers


def _names_nothing(kb: KnowledgeBase, words: str) -> bool:
    """Whether a part's words name no thing at all, of the agreement or out of it (« le bus scolaire, c'est qui qui le
    gère ? » names the bus, which its « le » takes up)."""
    found = vocabulary_for(kb).detect(words)
    return not (found.subjects or found.not_specified or found.out_of_scope) \
        and out_of_scope_topic(lexicon_for(kb), normalise(words).split(), [])[0] is None


def _wants(kb: KnowledgeBase, part: Part, tokens: list[str]) -> bool:
    """Whether the part asks for something new rather than reporting a fault."""
    return bool(lexicon_for(kb).marked("kinds", "request", tokens)) and not part.problem


def _said_alone(kb: KnowledgeBase, part: Part, about: Optional[str]) -> str:
    """The part's words as a message of their own: a part taking up the thing named before with a pronoun (« … un
    vidéoprojecteur dans le gymnase. qui valide ? et qui le fixe au mur ? ») is said with that thing, whose words
    alone (« le mur ») would read as a question on the building."""
    if about is None or vocabulary_for(kb).detect(part.asked).subjects or not refers_back(part.asked):
        return part.asked
    return restated(part.asked, kb.subjects[about].label)
