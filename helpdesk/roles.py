"""Who may do what with tickets, by role in the collège (pure policy: no Rasa, no storage).

As in the collèges: a teacher reports a problem to the RUPN of the collège (a « signalement »); the RUPN
decides whether to call a service and forwards it in one tap, or answers it. RUPNs and principals declare
straight to the service, cancel and close tickets, and see every ticket of their establishment with its
contact details. A teacher follows the tickets of their collège and may add to them (« même panne en salle
12 »), without anyone's contact details; only their own signalements are theirs to file.
"""
from __future__ import annotations

from typing import Optional

ROLES = ("enseignant", "rupn", "principal")
# What a ticket action is called here, and in the sentence that refuses it.
ACTIONS = {
    "declare": "déclarer un incident directement au service",
    "signal": "signaler un problème au RUPN",
    "forward": "transmettre un signalement au service",
    "cancel": "annuler un ticket",
    "close": "clore un ticket",
    "comment": "commenter un ticket",
    "status": "consulter un ticket",
    "list_all": "voir tous les tickets de l'établissement",
    "see_contact": "voir les coordonnées des déclarants",
}
_MANAGERS = frozenset({"declare", "forward", "cancel", "close", "comment", "status", "list_all", "see_contact"})
POLICY: dict[str, frozenset[str]] = {
    "enseignant": frozenset({"signal", "comment", "status"}),
    "rupn": _MANAGERS,
    "principal": _MANAGERS,
}
# How a teacher's signalement reads in the ticket store until its RUPN forwards it (line ``college``).
SIGNALEMENT_PREFIX = "Signalement d'un enseignant pour le RUPN : "
ROLE_LABELS = {"enseignant": "enseignant", "rupn": "RUPN", "principal": "chef d'établissement"}
# Who is notified when a teacher files a signalement (on Telegram or in the web chat).
NOTIFIED_OF_SIGNALEMENTS = frozenset({"rupn"})
FORWARD_TITLE = "Transmettre au service"


def may(role: Optional[str], action: str) -> bool:
    """True when ``role`` may do ``action``. An unknown or missing role has a teacher's rights (the least)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown ticket action {action!r}")
    return action in POLICY.get(role or "", POLICY["enseignant"])


def reports_to_rupn(role: Optional[str]) -> bool:
    """True when a declaration by ``role`` is a « signalement » for the RUPN rather than a ticket for a service."""
    return not may(role, "declare") and may(role, "signal")


def refusal(role: Optional[str], action: str) -> str:
    """The polite French sentence that refuses ``action`` to ``role``, and says who can do it."""
    who = ROLE_LABELS.get(role or "", "votre profil")
    return (f"En tant que {who}, vous ne pouvez pas {ACTIONS[action]} : c'est le RUPN ou le chef "
            "d'établissement qui s'en charge. Je peux transmettre votre demande au RUPN de votre collège.")


def is_signalement(description: str, line: str) -> bool:
    """True for a teacher's signalement that still waits for its RUPN."""
    return line == "college" and description.startswith(SIGNALEMENT_PREFIX)


def forward_payload(number: str) -> str:
    """The message a « Transmettre au service » button sends (intent ``forward_ticket``)."""
    return f'/forward_ticket{{"ticket_id": "{number}"}}'


def notice_buttons(number: str) -> list[dict[str, str]]:
    """Under the notice of a signalement: forward it in one tap, or open it (its view says how to answer)."""
    return [{"title": FORWARD_TITLE, "payload": forward_payload(number)},
            {"title": "Voir le signalement", "payload": f'/check_ticket_status{{"ticket_id": "{number}"}}'}]
