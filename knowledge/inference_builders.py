"""Build the records of inferences.yml: what the product infers, and what the text leaves open.

Their sources are checked verbatim like every other record's; an inference or a silence without a source
sentence is refused.
"""
from __future__ import annotations

from knowledge.normalise import normalise
from knowledge.record_builders import as_text, as_tuple
from knowledge.records import Inference, Silence, Source
from knowledge.validation import Checker

INFERENCE_USES = ("line", "holiday", "referral")


def _sources(file: str, ident: str, items, sections, b: Checker) -> tuple[Source, ...]:
    result = []
    for item in items or ():
        quote = item.get("quote", "") if isinstance(item, dict) else ""
        b.check_verbatim(file, ident, quote)
        section = item.get("section") if isinstance(item, dict) else None
        if section not in sections:
            b.problem(file, ident, f"unknown section '{section}' in sources")
        result.append(Source(section=str(section), quote=as_text(quote)))
    if not result:
        b.problem(file, ident, "no sources: say which sentences of the agreement this rests on")
    return tuple(result)


def build_inferences(items, sections, subjects, lines, b: Checker) -> list[Inference]:
    file = "inferences.yml"
    b.unique(file, "inference", (str(i.get("id")) for i in items))
    result = []
    for item in items:
        ident = str(item.get("id", "?"))
        if not b.require(file, item, ("id", "use", "statement")):
            continue
        if item["use"] not in INFERENCE_USES:
            b.problem(file, ident, f"unknown use '{item['use']}' (one of {', '.join(INFERENCE_USES)})")
        for subject in as_tuple(item.get("subjects")):
            if subject not in subjects:
                b.problem(file, ident, f"unknown subject '{subject}'")
        if item["use"] == "line" and item.get("line") not in lines:
            b.problem(file, ident, f"a 'line' inference needs a known support line, not {item.get('line')!r}")
        result.append(Inference(
            id=ident, use=item["use"], statement=as_text(item["statement"]),
            sources=_sources(file, ident, item.get("sources"), sections, b),
            subjects=tuple(as_tuple(item.get("subjects"))), line=item.get("line"),
        ))
    return result


def build_silences(items, sections, subjects, actions, b: Checker) -> list[Silence]:
    file = "inferences.yml"
    b.unique(file, "silence", (str(i.get("id")) for i in items))
    result = []
    for item in items:
        ident = str(item.get("id", "?"))
        worded = bool(item.get("terms"))  # found by its words: subjects and actions are then optional
        required = ("id", "question", "says") if worded else ("id", "subjects", "actions", "question", "says")
        if not b.require(file, item, required):
            continue
        for subject in as_tuple(item.get("subjects")):
            if subject not in subjects:
                b.problem(file, ident, f"unknown subject '{subject}'")
        for action in as_tuple(item.get("actions")):
            if action not in actions:
                b.problem(file, ident, f"unknown action '{action}'")
        result.append(Silence(
            id=ident, subjects=tuple(as_tuple(item.get("subjects"))), actions=tuple(as_tuple(item.get("actions"))),
            question=as_text(item["question"]), says=as_text(item["says"]),
            sources=_sources(file, ident, item.get("sources"), sections, b),
            terms=tuple(normalise(t) for t in as_tuple(item.get("terms"))),
            with_terms=tuple(normalise(t) for t in as_tuple(item.get("with_terms"))),
            without_terms=tuple(normalise(t) for t in as_tuple(item.get("without_terms"))),
            refer=bool(item.get("refer", True)),
        ))
    return result
