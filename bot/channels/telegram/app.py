"""Build and run the Telegram gateway: long polling by default, webhook when ``TELEGRAM_WEBHOOK_URL`` is set."""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
import sys
from typing import Optional

from aiohttp import web
from telegram import Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.channels.common.account_links import LinkStore
from bot.channels.common.rasa_client import RasaClient
from bot.channels.telegram import handlers
from bot.channels.telegram.handlers import SERVICES, Services, chat_of_sender, keyboard, sender_id
from bot.channels.telegram.settings import TelegramSettings
from helpdesk.privacy import pseudonymise
from helpdesk.roles import NOTIFIED_OF_SIGNALEMENTS
from settings.deployment import TELEGRAM_GATEWAY_SECRETS, MissingProductionSettings, require_production_settings

log = logging.getLogger(__name__)

OFF = ("Telegram : désactivé (définissez TELEGRAM_BOT_TOKEN, le jeton donné par @BotFather, "
       "pour l'activer).")
NOTIFY_TASK = "notify_task"


def build_application(settings: Optional[TelegramSettings] = None) -> Application:
    """The python-telegram-bot application with its handlers and services (not initialised yet)."""
    settings = settings or TelegramSettings.from_env()
    if not settings.token:
        raise ValueError("TELEGRAM_BOT_TOKEN is required")
    builder = Application.builder().token(settings.token).concurrent_updates(True)
    if settings.bot_api_urls:
        base_url, base_file_url = settings.bot_api_urls
        builder = builder.base_url(base_url).base_file_url(base_file_url)
    builder = builder.post_init(_start_notifications).post_shutdown(close_services)
    application = builder.build()
    application.bot_data[SERVICES] = Services(
        settings=settings,
        rasa=RasaClient(settings.rasa_url, timeout=settings.rasa_timeout),
        links=LinkStore(settings.database_url),
    )
    application.add_handler(CommandHandler("start", handlers.on_start))
    application.add_handler(CommandHandler(["aide", "help"], handlers.on_help))
    application.add_handler(CommandHandler("incident", handlers.on_incident))
    application.add_handler(CommandHandler("statut", handlers.on_status))
    application.add_handler(MessageHandler(filters.COMMAND, handlers.on_unknown_command))
    application.add_handler(CallbackQueryHandler(handlers.on_button))
    application.add_handler(MessageHandler(filters.PHOTO | filters.Document.ALL, handlers.on_attachment))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.on_text))
    application.add_error_handler(handlers.on_error)
    return application


# ---------------------------------------------------------------------------------- notifications


async def deliver_notifications(application: Application) -> int:
    """Send ticket news waiting for Telegram reporters, then mark them delivered; returns how many were sent."""
    svc: Services = application.bot_data[SERVICES]
    store = await asyncio.to_thread(svc.tickets)
    if store is None:
        return 0
    sent = 0
    for note in await asyncio.to_thread(store.pending_notifications, "telegram"):
        chat_id = chat_of_sender(note.reporter_id)
        if chat_id is None:
            log.warning("notification %s: reporter %r is not a Telegram chat", note.event_id,
                        pseudonymise(note.reporter_id or ""))
            await asyncio.to_thread(store.mark_notified, note.event_id)
            continue
        try:
            await application.bot.send_message(chat_id, f"🔔 {note.text}")
        except (Forbidden, BadRequest) as error:
            # The user blocked the bot or the chat is gone: retrying would fail forever.
            log.warning("notification %s not deliverable: %s", note.event_id, error)
        except TelegramError as error:
            log.warning("notification %s will be retried: %s", note.event_id, error)
            continue
        else:
            sent += 1
        await asyncio.to_thread(store.mark_notified, note.event_id)
    return sent


async def deliver_signalement_notices(application: Application) -> int:
    """Tell the linked RUPNs of each establishment about its teachers' waiting signalements, with the
    « Transmettre au service » button; each RUPN once (recorded in the ticket store). Returns how many
    messages were sent."""
    svc: Services = application.bot_data[SERVICES]
    store = await asyncio.to_thread(svc.tickets)
    if store is None:
        return 0
    notices = await asyncio.to_thread(store.waiting_notices)
    if not notices:
        return 0
    rupns: dict[str, list[int]] = {}
    for link in await asyncio.to_thread(svc.links.list):
        if link.role in NOTIFIED_OF_SIGNALEMENTS:
            rupns.setdefault(link.uai, []).append(int(link.telegram_user_id))
    sent = 0
    for notice in notices:
        for chat_id in rupns.get(notice.ticket.uai, ()):
            recipient = sender_id(chat_id)  # a private chat's id is its user's id
            if notice.delivered("telegram", recipient):
                continue
            buttons = [(b["title"], b["payload"]) for b in notice.buttons]
            try:
                await application.bot.send_message(chat_id, f"🔔 {notice.text}",
                                                    reply_markup=keyboard(application.chat_data[chat_id], buttons))
            except (Forbidden, BadRequest) as error:
                log.warning("signalement notice %s not deliverable to %s: %s", notice.id,
                            pseudonymise(recipient), error)
            except TelegramError as error:
                log.warning("signalement notice %s will be retried: %s", notice.id, error)
                continue
            else:
                sent += 1
            await asyncio.to_thread(store.mark_notice_delivered, notice.id, "telegram", recipient)
    return sent


async def _notification_loop(application: Application, interval: float) -> None:
    while True:
        try:
            await deliver_notifications(application)
            await deliver_signalement_notices(application)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - keep polling after a database hiccup
            log.exception("notification delivery failed")
        await asyncio.sleep(interval)


async def _start_notifications(application: Application) -> None:
    svc: Services = application.bot_data[SERVICES]
    if svc.settings.notify_interval > 0:
        application.bot_data[NOTIFY_TASK] = asyncio.create_task(
            _notification_loop(application, svc.settings.notify_interval))


async def close_services(application: Application) -> None:
    """Stop the notification loop and close Rasa, link and ticket connections (idempotent)."""
    task = application.bot_data.pop(NOTIFY_TASK, None)
    if task is not None:
        task.cancel()
    svc: Services = application.bot_data[SERVICES]
    await svc.rasa.close()
    svc.links.close()
    store = svc.resources.pop("tickets", None)
    if store is not None:
        store.close()


# ----------------------------------------------------------------------------------------- webhook


def create_webhook_app(application: Application, settings: TelegramSettings) -> web.Application:
    """aiohttp app receiving Telegram's webhook calls; the secret header must match (403 otherwise)."""
    if not settings.webhook_secret:
        raise ValueError("TELEGRAM_WEBHOOK_SECRET is required in webhook mode")
    expected = settings.webhook_secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "").encode()
        if not hmac.compare_digest(given, expected):
            return web.json_response({"error": "Accès refusé."}, status=403)
        try:
            data = json.loads(await request.text())
            update = Update.de_json(data, application.bot)
        except (ValueError, TypeError, KeyError):
            return web.json_response({"error": "Mise à jour illisible."}, status=400)
        if update is None:
            return web.json_response({"error": "Mise à jour illisible."}, status=400)
        if application.running:
            await application.update_queue.put(update)
        else:
            await application.process_update(update)
        return web.json_response({"ok": True})

    app = web.Application(client_max_size=1024 * 1024)
    app.router.add_post(settings.webhook_path, receive)
    return app


async def _run_webhook(application: Application, settings: TelegramSettings) -> None:
    await application.initialize()
    await application.bot.set_webhook(url=settings.webhook_url, secret_token=settings.webhook_secret,
                                      allowed_updates=Update.ALL_TYPES)
    await application.start()
    await _start_notifications(application)
    runner = web.AppRunner(create_webhook_app(application, settings))
    await runner.setup()
    await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
    print(f"Telegram : webhook sur http://{settings.webhook_host}:{settings.webhook_port}{settings.webhook_path}",
          flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
        await application.stop()
        await application.shutdown()
        await close_services(application)  # post_shutdown only runs under run_polling/run_webhook


def main() -> int:
    """Run the gateway; without ``TELEGRAM_BOT_TOKEN`` say how to turn it on and exit 0."""
    settings = TelegramSettings.from_env()
    if not settings.token:
        print(OFF)
        return 0
    try:
        require_production_settings("Telegram gateway", TELEGRAM_GATEWAY_SECRETS)
    except MissingProductionSettings as error:
        print(error, file=sys.stderr, flush=True)
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines contain the bot token
    if settings.webhook_url and not settings.webhook_secret:
        print("Telegram : TELEGRAM_WEBHOOK_SECRET est obligatoire avec TELEGRAM_WEBHOOK_URL.")
        return 1
    application = build_application(settings)
    if settings.webhook_url:
        try:
            asyncio.run(_run_webhook(application, settings))
        except KeyboardInterrupt:
            pass
        return 0
    print("Telegram : en écoute (long polling).", flush=True)
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
