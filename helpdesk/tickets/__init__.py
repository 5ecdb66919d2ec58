"""Incident tickets: storage, numbering, routing record, outbox e-mails to support lines, notifications.

Typical use::

    from helpdesk.tickets import TicketStore, Dispatcher
    store = TicketStore.open()              # TICKETS_DATABASE_URL or sqlite:///var/tickets.db, migrated
    ticket = store.create_ticket(uai="0799001E", category="reseau", line="departement",
                                 description="Plus de réseau en salle 12", impact="salle",
                                 place="salle 12", reporter_channel="web", reporter_id="u42")
    Dispatcher(store).dispatch_pending()    # e-mails the support line (SMTP_* settings)
"""
from .config import SmtpSettings, database_url, recipient_for_line
from .dispatcher import Dispatcher
from .engine import make_engine, upgrade
from .errors import (
    AttachmentRejected,
    InvalidStatusTransition,
    InvalidTicketInput,
    TicketBusy,
    TicketError,
    TicketNotFound,
)
from .notices import NoticeRecord
from .numbering import format_number, normalize_ticket_number
from .places import same_place
from .store import TicketStore
from .values import (
    CHANNELS,
    EMAILED_LINES,
    IMPACTS,
    LINES,
    OPEN_STATUSES,
    STATUS_LABELS,
    STATUSES,
    AttachmentInfo,
    DispatchReport,
    EventRecord,
    Notification,
    OutboxRecord,
    TicketRecord,
)

__all__ = [
    "AttachmentInfo", "AttachmentRejected", "CHANNELS", "DispatchReport", "Dispatcher", "EMAILED_LINES",
    "EventRecord", "IMPACTS", "InvalidStatusTransition", "InvalidTicketInput", "LINES", "NoticeRecord", "Notification",
    "OPEN_STATUSES", "OutboxRecord", "STATUSES", "STATUS_LABELS", "SmtpSettings", "TicketBusy", "TicketError",
    "TicketNotFound", "TicketRecord", "TicketStore", "database_url", "format_number", "make_engine",
    "normalize_ticket_number", "recipient_for_line", "same_place", "upgrade",
]
