"""One small handler per command or update type; every dependency comes from ``application.bot_data``."""
from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Optional

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.channels.common.account_links import LinkError, LinkStore
from bot.channels.common.rasa_client import UNAVAILABLE, RasaClient, RasaUnavailable
from bot.channels.common.user_input import (
    MAX_REMEMBERED_BUTTONS,
    clean_message,
    intent_message,
    neutralise_intent_syntax,
)
from bot.channels.telegram.rendering import render
from bot.channels.telegram.settings import TelegramSettings
from helpdesk.establishments import get_establishment
from helpdesk.identity import issue_gateway_token, resolve_identity
from helpdesk.tickets import AttachmentRejected, TicketStore
from helpdesk.tickets.attachments import MAX_ATTACHMENT_BYTES
from helpdesk.tickets.numbering import normalize_ticket_number

log = logging.getLogger(__name__)

SERVICES = "services"
MAX_LINK_FAILURES = 5
LINK_FAILURE_WINDOW = 600.0
ALLOWED_DOCUMENT_TYPES = {"image/jpeg", "image/png", "application/pdf"}
MAX_MB = MAX_ATTACHMENT_BYTES // (1024 * 1024)
ROLE_LABELS = {"enseignant": "enseignant·e", "principal": "chef d'établissement", "rupn": "référent·e numérique"}

WELCOME = (
    "Bonjour ! Je réponds aux questions sur la convention cadre de 2017 entre le Département des "
    "Deux-Sèvres, l'Académie de Poitiers, Réseau Canopé et les collèges : qui fait quoi pour "
    "l'informatique des collèges publics.\n\n"
    "Exemples :\n"
    "• Qui répare les ordinateurs du collège ?\n"
    "• Qui paie les abonnements téléphoniques ?\n"
    "• Quel numéro appeler pour une panne réseau ?\n\n"
    "/incident pour déclarer un incident, /statut <numéro> pour suivre un ticket, /aide pour l'aide."
)
HELP = (
    "Posez votre question en une phrase, par exemple « Qui installe le wifi ? ».\n\n"
    "Commandes :\n"
    "/incident — déclarer un incident informatique\n"
    "/statut <numéro> — où en est un ticket (ex. /statut INC-2026-00042, ou /statut 2026-42)\n"
    "/aide — cette aide\n\n"
    "Pour déclarer des incidents au nom de votre établissement, liez votre compte depuis le chat de "
    "l'ENT (bouton « Lier Telegram »), puis envoyez ici /start suivi du code reçu.\n"
    f"Vous pouvez aussi envoyer une photo ou un PDF ({MAX_MB} Mo maximum) pendant une déclaration."
)
UNKNOWN_COMMAND = "Je ne connais pas cette commande. Tapez /aide pour la liste des commandes."
STALE_BUTTON = "Ce bouton n'est plus valable : posez à nouveau votre question."
TOO_MANY_CODES = "Trop de codes incorrects : réessayez dans quelques minutes avec un nouveau code."
BAD_TICKET_NUMBER = "Ce numéro de ticket n'est pas valide. Exemple : /statut INC-2026-00042 (ou /statut 2026-42)"
ATTACHMENT_TYPE = "Je n'accepte que les photos (JPEG, PNG) et les PDF comme pièces jointes."
ATTACHMENT_SIZE = f"Ce fichier dépasse la taille maximale de {MAX_MB} Mo : réduisez-le puis renvoyez-le."
ATTACHMENT_IDENTITY = ("Pour joindre un fichier à un incident, liez d'abord votre compte Telegram depuis le "
                       "chat de l'ENT de votre établissement.")
ATTACHMENT_OFF = "Les pièces jointes ne sont pas disponibles pour le moment : décrivez le problème par écrit."
SORRY = "Désolé, une erreur s'est produite. Réessayez dans un instant."


@dataclass
class Services:
    """What the handlers need, created once per application (no module-level state)."""

    settings: TelegramSettings
    rasa: RasaClient
    links: LinkStore
    resources: dict[str, Any] = field(default_factory=dict)

    def tickets(self):
        """The ticket store, opened on first use."""
        if "tickets" not in self.resources:
            self.resources["tickets"] = TicketStore.open(self.settings.tickets_database_url)
        return self.resources["tickets"]


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data[SERVICES]


def sender_id(chat_id: int) -> str:
    """The Rasa conversation (and ticket reporter) id of a Telegram chat."""
    return f"telegram-{chat_id}"


def chat_of_sender(sender: Optional[str]) -> Optional[int]:
    """Inverse of :func:`sender_id` (None for other channels' ids)."""
    match = re.fullmatch(r"telegram-(-?\d{1,20})", sender or "")
    return int(match.group(1)) if match else None


async def _metadata(context: ContextTypes.DEFAULT_TYPE, user_id: Optional[int]) -> dict[str, Any]:
    """Channel, plus an identity token when this Telegram user is linked to an establishment: the gateway's
    own short-lived ``{uai, role, pseudonymous sub}`` token, as the web gateway forwards (never a name)."""
    svc = services(context)
    metadata: dict[str, Any] = {"channel": "telegram"}
    secret = svc.settings.signing_secret
    if user_id is None or not secret:
        return metadata
    link = await asyncio.to_thread(svc.links.get, user_id)
    if link is not None:
        metadata["identity_token"] = issue_gateway_token(link.identity(), secret)
    return metadata


def keyboard(chat_data: dict, buttons: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    """Buttons whose callback data is a short key: payloads can exceed Telegram's 64-byte limit.

    ``chat_data`` is the chat's (``context.chat_data``, or ``application.chat_data[chat_id]`` outside a
    handler): :func:`on_button` finds the payload there."""
    remembered: dict[str, str] = chat_data.setdefault("buttons", {})
    counter = chat_data.get("button_counter", 0)
    rows = []
    for title, payload in buttons:
        counter += 1
        key = f"b{counter}"
        remembered[key] = payload
        rows.append([InlineKeyboardButton(title, callback_data=key)])
    chat_data["button_counter"] = counter
    for old in list(remembered)[:-MAX_REMEMBERED_BUTTONS]:
        del remembered[old]
    return InlineKeyboardMarkup(rows)


async def converse(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    """Send one message to Rasa and the answer back; one chat's messages are handled one at a time."""
    chat = update.effective_chat
    user = update.effective_user
    svc = services(context)
    lock: asyncio.Lock = context.chat_data.setdefault("lock", asyncio.Lock())
    async with lock:
        try:
            await context.bot.send_chat_action(chat.id, "typing")
        except TelegramError:
            pass  # the typing indicator is cosmetic
        try:
            messages = await svc.rasa.send(sender_id(chat.id), text, await _metadata(context, user and user.id))
        except RasaUnavailable as error:
            log.warning("Rasa unavailable: %s", error)
            await context.bot.send_message(chat.id, UNAVAILABLE)
            return
        offered = context.chat_data.setdefault("offered", set())
        offered.clear()
        for out in render(messages):
            markup = keyboard(context.chat_data, out.buttons) if out.buttons else None
            offered.update(payload for _title, payload in out.buttons)
            await context.bot.send_message(chat.id, out.text, reply_markup=markup)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A typed message: checked, then forwarded to Rasa."""
    cleaned = clean_message(update.effective_message.text)
    if cleaned.error:
        await update.effective_message.reply_text(cleaned.error)
        return
    text = neutralise_intent_syntax(cleaned.text, context.chat_data.get("offered", ()))
    await converse(update, context, text)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An inline button: its payload goes back to Rasa as the user's message."""
    query = update.callback_query
    payload = context.chat_data.get("buttons", {}).get(query.data or "")
    if payload is None:
        await query.answer(STALE_BUTTON, show_alert=False)
        return
    await query.answer()
    try:
        # Drop the keyboard so the same choice cannot be sent twice by a double tap.
        await query.edit_message_reply_markup(reply_markup=None)
    except TelegramError:
        pass
    await converse(update, context, payload)


async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/start``: welcome and examples; ``/start <code>`` links this Telegram account to an establishment."""
    message = update.effective_message
    if not context.args:
        await message.reply_text(WELCOME)
        return
    svc = services(context)
    user_id = update.effective_user.id
    # Counted per Telegram user in the database: neither a new chat nor a restart resets the count.
    window = timedelta(seconds=LINK_FAILURE_WINDOW)
    if await asyncio.to_thread(svc.links.recent_failures, user_id, window) >= MAX_LINK_FAILURES:
        await message.reply_text(TOO_MANY_CODES)
        return
    try:
        link = await asyncio.to_thread(svc.links.consume_code, context.args[0], user_id)
    except LinkError as error:
        await asyncio.to_thread(svc.links.record_failure, user_id)
        await message.reply_text(str(error))
        return
    establishment = get_establishment(link.uai)
    where = establishment.label if establishment else link.uai
    await message.reply_text(
        f"✅ Votre compte Telegram est lié : {ROLE_LABELS.get(link.role, link.role)}, {where} ({link.uai}).\n"
        "Vous pouvez maintenant déclarer un incident avec /incident et suivre vos tickets avec /statut."
    )


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/aide``: what the bot does and its commands."""
    await update.effective_message.reply_text(HELP)


async def on_incident(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/incident``: start the incident declaration in Rasa."""
    await converse(update, context, intent_message("declare_incident"))


async def on_status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """``/statut <numéro>``: a ticket's status; without a number, Rasa asks for it."""
    typed = " ".join(context.args or []).strip()
    number = normalize_ticket_number(typed[:40]) if typed else None
    if typed and number is None:
        await update.effective_message.reply_text(BAD_TICKET_NUMBER)
        return
    entities = {"ticket_id": number} if number else None
    await converse(update, context, intent_message("check_ticket_status", entities))


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any other ``/command``: never passed to Rasa as an intent."""
    await update.effective_message.reply_text(UNKNOWN_COMMAND)


async def on_attachment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A photo or document: checked, downloaded and staged for the conversation's next ticket."""
    message = update.effective_message
    svc = services(context)
    if message.photo:
        fitting = [p for p in message.photo if (p.file_size or 0) <= svc.settings.max_attachment_bytes]
        if not fitting:
            await message.reply_text(ATTACHMENT_SIZE)
            return
        item = max(fitting, key=lambda p: p.width * p.height)
        filename, content_type = f"photo-{message.message_id}.jpg", "image/jpeg"
    else:
        item = message.document
        content_type = (item.mime_type or "").lower()
        filename = item.file_name
        if content_type not in ALLOWED_DOCUMENT_TYPES:
            await message.reply_text(ATTACHMENT_TYPE)
            return
        if (item.file_size or 0) > svc.settings.max_attachment_bytes:
            await message.reply_text(ATTACHMENT_SIZE)
            return
    metadata = await _metadata(context, update.effective_user and update.effective_user.id)
    if resolve_identity(metadata, mode=svc.settings.mode, secret=svc.settings.signing_secret) is None:
        await message.reply_text(ATTACHMENT_IDENTITY)
        return
    file = await context.bot.get_file(item.file_id)
    data = bytes(await file.download_as_bytearray())
    if len(data) > svc.settings.max_attachment_bytes:
        await message.reply_text(ATTACHMENT_SIZE)
        return
    try:
        store = await asyncio.to_thread(svc.tickets)
    except Exception:  # noqa: BLE001 - a broken ticket database must not stop the conversation
        log.exception("ticket store unavailable")
        store = None
    if store is None:
        await message.reply_text(ATTACHMENT_OFF)
        return
    try:
        info = await asyncio.to_thread(store.stage_attachment, sender_id(update.effective_chat.id),
                                       filename, content_type, data)
    except AttachmentRejected as error:
        await message.reply_text(str(error))
        return
    await message.reply_text(f"📎 Fichier « {info.filename} » reçu : il sera joint à votre déclaration d'incident.")
    if message.caption:
        cleaned = clean_message(message.caption)
        if not cleaned.error:
            await converse(update, context, neutralise_intent_syntax(cleaned.text))


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error and apologise in French rather than staying silent."""
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await context.bot.send_message(update.effective_chat.id, SORRY)
        except TelegramError:
            pass
