"""Errors of the ticket store. Each carries a French ``message`` that can be shown to the user as is."""
from __future__ import annotations


class TicketError(Exception):
    """Base class: ``message`` is French and safe to show to the person who made the request."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InvalidTicketInput(TicketError):
    """A field of a ticket (or a comment) is missing, too long or not among the allowed values."""


class AttachmentRejected(TicketError):
    """A file cannot be attached: wrong type, too big, empty, or too many files."""


class TicketNotFound(TicketError):
    """No ticket with that number (for staff operations; reporter look-ups return None instead)."""


class InvalidStatusTransition(TicketError):
    """The requested status change is not allowed from the ticket's current status."""


BUSY_MESSAGE = ("Le service des tickets est momentanément occupé, réessayez dans une minute : "
                "rien n'a été enregistré.")


class TicketBusy(TicketError):
    """The database stayed locked (or the connection pool full) for the whole wait budget; nothing was
    written, so trying again later is safe."""

    def __init__(self, message: str = BUSY_MESSAGE):
        super().__init__(message)
