"""A field of a declaration corrected in passing: « non, c'est salle 12 », « pardon, tout le 1er étage », or a new
contact typed at the recap (« Mme Roy, 05 49 … »). Pure text reading; the form decides what to do with it."""
from __future__ import annotations

import re
from typing import Optional

from helpdesk.contact_details import can_be_reached
from helpdesk.incidents import impact_from_text
from helpdesk.places import place_answer, place_from_text
from knowledge.normalise import normalise

_MARKERS = ("non ", "pardon", "en fait", "plutot", "je me suis trompe", "correction", "erreur")
# The words that say a message corrects something, as typed, at its start (« non pardon, plutôt … »).
_LEAD = re.compile(r"^(?:\s*(?:non|pardon|plut[oô]t|en fait|correction|erreur|je me suis tromp[ée]e?)\b[\s,:;.!-]*)+",
                   re.IGNORECASE)


def corrected_field(text: str, *, at_recap: bool, filled: frozenset[str]) -> Optional[tuple[str, str]]:
    """(slot, value) of a field given earlier that ``text`` corrects, or None. ``filled``: the fields already
    given; ``at_recap``: the recap is the question on screen."""
    if at_recap and "incident_contact" in filled and can_be_reached(text) and "?" not in text:
        # A phone number or an e-mail typed at the recap replaces the contact shown, without the words that said
        # it was a correction.
        return "incident_contact", _LEAD.sub("", text)[:300]
    if not f"{normalise(text)} ".startswith(_MARKERS):
        return None
    place = place_from_text(text)
    if place and "incident_place" in filled:
        return "incident_place", place_answer(text) or place
    impact = impact_from_text(text)
    if impact and "incident_impact" in filled:
        return "incident_impact", impact
    return None
