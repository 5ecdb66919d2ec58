"""Typed values the ticket store hands out (never ORM objects) and the vocabularies they use."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Optional

# Support lines (docs/architecture.md). The first three are e-mailed; `college` is the collège's own charge.
LINES = ("departement", "academie", "canope", "college")
EMAILED_LINES = ("departement", "academie", "canope")
IMPACTS = ("site", "zone", "salle", "poste")  # zone: several rooms or a floor
STATUSES = ("ouvert", "transmis", "en_cours", "resolu", "annule", "suivi_college")
OPEN_STATUSES = ("ouvert", "transmis", "en_cours", "suivi_college")
CHANNELS = ("rest", "web", "telegram")
EVENT_KINDS = ("created", "routed", "commented", "status_changed", "dispatched", "dispatch_failed")

# Which status a ticket may move to from each status (support staff, CLI). Re-opening a resolved ticket
# is allowed (the fix did not hold); a cancelled ticket stays cancelled, the reporter opens a new one.
ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "ouvert": ("transmis", "en_cours", "resolu", "annule", "suivi_college"),
    "transmis": ("en_cours", "resolu", "annule"),
    "en_cours": ("transmis", "resolu", "annule"),
    "suivi_college": ("en_cours", "resolu", "annule"),
    "resolu": ("en_cours",),
    "annule": (),
}

# French labels, for everything a user or a support agent reads.
STATUS_LABELS = {
    "ouvert": "ouvert",
    "transmis": "transmis au service compétent",
    "en_cours": "en cours de traitement",
    "resolu": "résolu",
    "annule": "annulé",
    "suivi_college": "suivi par le collège",
}
# The words of the form's buttons (actions/prompts.py), so that the recap, the e-mail to the support line
# and the CLI say what the user chose: "un seul appareil" also covers a printer or a videoprojector.
IMPACT_LABELS = {
    "site": "tout l'établissement",
    "zone": "plusieurs salles ou un étage",
    "salle": "une salle",
    "poste": "un seul appareil",
}
# Short names only: numbers and hours live in knowledge/data (support_lines.yml).
LINE_LABELS = {
    "departement": "Département des Deux-Sèvres (assistance)",
    "academie": "Académie de Poitiers (plate-forme d'assistance)",
    "canope": "Académie de Poitiers et Réseau Canopé (accompagnement pédagogique)",
    "college": "le collège lui-même",
}
CHANNEL_LABELS = {"rest": "API", "web": "ENT (chat web)", "telegram": "Telegram"}


@dataclass(frozen=True)
class AttachmentInfo:
    """A file attached to a ticket (or staged for a conversation), without its bytes."""

    id: int
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class TicketRecord:
    """A ticket as callers see it."""

    number: str
    uai: str
    establishment_name: str
    category: str
    line: str
    description: str
    place: Optional[str]
    impact: str
    contact: Optional[str]
    status: str
    reporter_channel: str
    reporter_id: Optional[str]
    conversation_id: Optional[str]
    created_at: datetime
    updated_at: datetime
    attachments: tuple[AttachmentInfo, ...] = field(default_factory=tuple)

    @property
    def is_open(self) -> bool:
        """True while the ticket still awaits a resolution."""
        return self.status in OPEN_STATUSES

    @property
    def status_label(self) -> str:
        """The status in French."""
        return STATUS_LABELS[self.status]

    @property
    def emailed(self) -> bool:
        """True when the ticket goes to a support line by e-mail (not the collège's own charge)."""
        return self.line in EMAILED_LINES


@dataclass(frozen=True)
class EventRecord:
    """One entry of a ticket's history."""

    id: int
    ticket_number: str
    kind: str
    text: str
    author: str
    at: datetime
    notify_reporter: bool
    notified_at: Optional[datetime]


@dataclass(frozen=True)
class OutboxRecord:
    """One e-mail to a support line, sent or waiting."""

    id: int
    ticket_number: str
    recipient: str
    subject: str
    body: str
    attempts: int
    next_attempt_at: datetime
    sent_at: Optional[datetime]
    last_error: Optional[str]


@dataclass(frozen=True)
class Notification:
    """A message for a ticket's reporter (status change or staff comment) not yet delivered."""

    event_id: int
    ticket_number: str
    reporter_channel: str
    reporter_id: Optional[str]
    conversation_id: Optional[str]
    text: str
    at: datetime


@dataclass
class DispatchReport:
    """What one dispatcher pass did."""

    attempted: int = 0
    sent: int = 0
    failed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (ticket number, error)
    interrupted: bool = False  # the SMTP server could not be reached; the rest waits for the next pass
