"""French texts of the ticket store: history entries, reporter notifications and support e-mails."""
from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import Iterable, Optional
from zoneinfo import ZoneInfo

from .values import CHANNEL_LABELS, IMPACT_LABELS, LINE_LABELS, STATUS_LABELS

PARIS = ZoneInfo("Europe/Paris")


def local_time(moment: datetime) -> str:
    """A UTC timestamp as French local time, e.g. "29/11/2026 à 10:42"."""
    return moment.astimezone(PARIS).strftime("%d/%m/%Y à %H:%M")


def pending_dispatch_text(next_attempt: datetime, now: datetime) -> str:
    """What the ticket's history says while its e-mail waits: the service's words, never the error's
    (the error itself goes to the log and to the outbox, which the admin CLI shows)."""
    local, today = next_attempt.astimezone(PARIS), now.astimezone(PARIS).date()
    when = f"{local.hour} h {local.minute:02d}"
    if local.date() != today:
        when = f"{when} le {local.strftime('%d/%m')}"
    return f"Transmission en attente, nouvel essai à {when}."


def one_line(text: str, limit: int = 200) -> str:
    """Text safe for a mail header: control and line characters become spaces, length is capped."""
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def category_label(category: str) -> str:
    """A subject id shown to humans ("materiel_informatique" -> "materiel informatique")."""
    return category.replace("_", " ")


def created_event_text(channel: str) -> str:
    return f"Ticket déclaré via {CHANNEL_LABELS.get(channel, channel)}."


def routed_event_text(line: str, recipient: Optional[str]) -> str:
    if recipient:
        return f"Orienté vers {LINE_LABELS[line]} ; transmission par courriel à {recipient}."
    return "Suivi par le collège lui-même : aucun envoi à une ligne d'assistance extérieure."


def status_event_text(old: str, new: str, note: Optional[str]) -> str:
    text = f"Statut : {STATUS_LABELS[old]} → {STATUS_LABELS[new]}."
    return f"{text}\nNote : {note}" if note else text


# How a RUPN's answer to a teacher's signalement is stored in its history (actions/tickets.py writes it):
# the teacher's notification then names the RUPN, not « le support ».
RUPN_ANSWER_PREFIX = "Réponse du RUPN : "


def notification_text(number: str, kind: str, event_text: str) -> str:
    """What the reporter reads when support staff (or, for a signalement, the RUPN) change the status or comment."""
    if kind == "status_changed":
        return f"Du nouveau sur votre ticket {number} :\n{event_text}"
    if event_text.startswith(RUPN_ANSWER_PREFIX):
        return f"Votre RUPN a répondu à votre signalement {number} :\n{event_text[len(RUPN_ANSWER_PREFIX):]}"
    return f"Nouveau message du support sur votre ticket {number} :\n{event_text}"


def creation_subject(number: str, category: str, establishment_name: str, uai: str) -> str:
    return one_line(f"[{number}] Incident {category_label(category)} – {establishment_name} ({uai})", 480)


def creation_body(
    *,
    number: str,
    establishment_name: str,
    uai: str,
    line: str,
    category: str,
    place: Optional[str],
    impact: str,
    description: str,
    contact: Optional[str],
    created_at: datetime,
    attachment_names: Iterable[str],
) -> str:
    """The e-mail a support line receives for a new incident."""
    names = list(attachment_names)
    lines = [
        "Bonjour,",
        "",
        "Un incident vient d'être déclaré par un collège au moyen de l'assistant de la convention cadre "
        "numérique des collèges publics des Deux-Sèvres.",
        "",
        f"Numéro du ticket : {number}",
        f"Établissement : {establishment_name} (UAI {uai})",
        f"Ligne de support : {LINE_LABELS[line]}",
        f"Catégorie : {category_label(category)}",
        f"Lieu : {place or 'non précisé'}",
        f"Impact : {IMPACT_LABELS[impact]}",
        f"Contact : {contact or 'non précisé'}",
        f"Déclaré le : {local_time(created_at)} (heure de Paris)",
        "",
        "Description (telle que saisie) :",
        description,
        "",
    ]
    if names:
        lines += [f"Pièces jointes ({len(names)}) : " + ", ".join(names), ""]
    lines += [
        f"Merci de rappeler le numéro {number} dans vos échanges avec l'établissement.",
        "",
        "Message envoyé automatiquement : pour joindre l'établissement, utilisez le contact ci-dessus.",
    ]
    return "\n".join(lines)


def followup_subject(number: str, what: str) -> str:
    return one_line(f"[{number}] {what}", 480)


def comment_followup_body(number: str, establishment_name: str, text: str) -> str:
    return "\n".join([
        "Bonjour,",
        "",
        f"L'établissement {establishment_name} a ajouté une précision au ticket {number} :",
        "",
        text,
        "",
        f"Merci de rappeler le numéro {number} dans vos échanges avec l'établissement.",
    ])


def cancel_followup_body(number: str, establishment_name: str, reason: Optional[str]) -> str:
    body = [
        "Bonjour,",
        "",
        f"L'établissement {establishment_name} a annulé le ticket {number} : il n'y a plus lieu d'intervenir.",
    ]
    if reason:
        body += ["", "Motif indiqué :", reason]
    return "\n".join(body)


# Retention (RGPD): what replaces the contact details of a ticket left open past the retention period.
SCRUBBED_CONTACT = "[coordonnées effacées]"
SCRUBBED_EVENT = "Coordonnées du déclarant effacées : durée de conservation dépassée (RGPD)."
