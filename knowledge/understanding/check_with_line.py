"""« c'est bien l'Académie qui gère le filtrage, et c'est quoi leur numéro ? »: a party check that also asks how to
reach the line (issue 11, classes 6 and 7). The check is answered first (compose.negative_check), then the line the
fault report gives for the same thing: its number and hours, and what the text does not say about that line."""
from __future__ import annotations

from dataclasses import replace

from knowledge.answer_types import Answer, unique
from knowledge.records import KnowledgeBase
from knowledge.understanding.compose import declaration_offer, sentence


def with_line_of(kb: KnowledgeBase, checked: Answer, report: Answer) -> Answer:
    """``checked`` followed by ``report``'s line, past the record both state; ``checked`` alone when the report has no
    line, or when its line would come without the inference the report labels it with."""
    if report.line is None:
        return checked
    line = kb.support_lines[report.line]
    said = sentence(kb, next(o for o in kb.obligations if o.id == checked.obligations[0]))
    card = report.text.find(line.name)
    if report.text.startswith(said):
        rest = report.text[len(said):]
    elif card > 0 and not report.inferences:  # (an inference's label before the card is never cut off)
        rest = f" {report.text[card:]}"
    else:
        return checked
    # No declaration is offered: a number was asked, not a fault reported.
    rest = rest.replace(f" {declaration_offer(line.name)}", "").replace(declaration_offer(line.name), "")
    return replace(checked, text=f"{checked.text}{rest}", line=report.line,
                   articles=unique([*checked.articles, *report.articles]), inferences=list(report.inferences))
