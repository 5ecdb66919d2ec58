"""Equipment bought on the collège's own funds (issue 11, class 3): who installs and maintains it depends on a case the
question may leave out. Article 5 has the Département install what was bought within the référentiel (scenario 2) and
the collège install and maintain what was bought outside it (scenario 3); a question on those acts that says neither
is asked back, one button per case (message_kinds.yml `funding`), rather than answered with one case as the rule. A
record that holds only within the référentiel does not answer for equipment bought outside it.
"""
from __future__ import annotations

from dataclasses import replace

from knowledge import silence_answers as silences
from knowledge.answer_types import Answer, Choice
from knowledge.normalise import normalise
from knowledge.records import KnowledgeBase
from knowledge.understanding.answer_coverage import record_of
from knowledge.understanding.compose import PolicyChoice
from knowledge.understanding.frame import Frame
from knowledge.understanding.lexicon import contains, lexicon_for

# Replies that already ask back or say the text is silent: they state no case as the rule.
_LEFT_AS_IS = frozenset({"clarify", "out_of_scope", "unknown"})


def case_asked_back(kb: KnowledgeBase, frame: Frame, answer: Answer) -> Answer:
    """``answer`` replaced by a question back when it is about installing or maintaining own-funds equipment and the
    message does not say whether it was bought within the référentiel."""
    funding = lexicon_for(kb).funding
    tokens = normalise(frame.text).split()
    if not funding or answer.kind in _LEFT_AS_IS or frame.parts or frame.subject != funding["subject"] \
            or not set(frame.actions) & set(funding["acts"]) or any(contains(tokens, w) for w in funding["named"]):
        return answer
    question = frame.text.strip().rstrip(" ?")
    choices: list[Choice] = [PolicyChoice(label, payload=f"{question} ({says}) ?") for label, says in funding["choices"].items()]
    return replace(answer, kind="clarify", text=" ".join(str(funding["question"]).split()), choices=choices,
                   parties=[], articles=["article-5"], yes_no=None)


def outside_the_condition(kb: KnowledgeBase, frame: Frame, answer: Answer) -> Answer:
    """``answer`` replaced by « the text does not say », with its record as what it says closest, when that record holds
    only for a purchase within the référentiel (its condition) and the message is about one outside it."""
    funding = lexicon_for(kb).funding
    record = record_of(kb, answer)
    if not funding.get("outside") or record is None or answer.kind != "responsibility" or frame.parts \
            or funding["outside"] not in {s.value for s in frame.subjects} or funding["outside"] in record.subjects:
        return answer
    condition = normalise(record.condition).split()
    if not any(contains(condition, phrase) for phrase in funding["within_condition"]):
        return answer
    return silences.uncovered(kb, "", record, answer.subject, word_absent=False)
