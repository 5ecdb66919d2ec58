"""``python -m bot COMMAND``: run the bot, its gateways and the support staff's tools.

Commands:
  run                       everything (what ``make run`` calls), on loopback unless *_HOST say otherwise
  unanswered [--limit N]    questions the bot could not answer
  tickets ...               support staff's ticket tool (list, show, set-status, comment, dispatch)
  telegram run|allow|revoke|list
  webchat                   the ENT web chat gateway alone
  dispatcher                the ticket e-mail dispatcher loop alone
  purge [--days N]          delete data past its retention period (RGPD)
  with-stack -- CMD...      run CMD with RASA_URL pointing at a running bot (started if needed)
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from settings.config import InvalidSettings, get_settings


def _run(argv: list[str]) -> int:
    from bot.supervisor import Stack, StackSettings, UnwritableStore

    stack = Stack(StackSettings.from_env())
    print("Démarrage du bot (action server, Rasa, web chat, dispatcher)… la première fois prend ~1 minute.", flush=True)
    try:
        stack.start()
    except (TimeoutError, RuntimeError, UnwritableStore) as error:
        print(f"Échec du démarrage : {error}", file=sys.stderr, flush=True)
        stack.stop()
        return 1
    s = stack.settings
    print(
        f"Prêt.\n  Rasa (API HTTP + canal REST) : http://{s.rasa_host}:{s.rasa_port}/webhooks/rest/webhook\n"
        f"  Action server : http://{s.action_host}:{s.action_port}\n"
        f"  Web chat (démo ENT) : http://{s.webchat_host}:{s.webchat_port}/\n"
        "Ctrl+C pour arrêter.",
        flush=True,
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        # A crashed child is restarted after a growing delay, and we say so; the rest keeps running.
        stack.supervise(stop.is_set, say=lambda line: print(line, file=sys.stderr, flush=True))
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
    return 0


def _unanswered(argv: list[str]) -> int:
    from tabulate import tabulate

    from bot.cli.terminal import escape
    from helpdesk.unanswered import UnansweredStore

    parser = argparse.ArgumentParser(prog="python -m bot unanswered")
    parser.add_argument("--limit", type=int, default=50)
    args = parser.parse_args(argv)
    rows = UnansweredStore().list(args.limit)
    if not rows:
        print("Aucune question sans réponse enregistrée.")
        return 0
    table = [
        (r.at.strftime("%Y-%m-%d %H:%M"), r.reason, r.intent or "", f"{r.confidence:.2f}" if r.confidence else "",
         escape(r.text)[:80])
        for r in rows
    ]
    print(tabulate(table, headers=["date (UTC)", "raison", "intention", "confiance", "question"]))
    return 0


def _tickets(argv: list[str]) -> int:
    from bot.cli.tickets import main

    return main(argv)


def _telegram(argv: list[str]) -> int:
    if argv[:1] == ["run"]:
        from bot.channels.telegram import main

        return main() or 0
    from bot.cli.telegram_accounts import main as admin_main

    return admin_main(argv)


def _webchat(argv: list[str]) -> int:
    from bot.channels.web.app import main

    return main() or 0


def _dispatcher(argv: list[str]) -> int:
    from helpdesk.tickets import SmtpSettings, TicketStore
    from helpdesk.tickets.dispatcher import Dispatcher

    settings = get_settings()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    dispatcher = Dispatcher(TicketStore.open(settings.tickets_database_url), SmtpSettings.from_settings(settings))
    try:
        dispatcher.run_forever(stop, interval=settings.dispatch_interval_seconds)
    except KeyboardInterrupt:
        pass
    return 0


def _with_stack(argv: list[str]) -> int:
    """Run a command against a bot: the one already on RASA_URL, else a throw-away one on test ports."""
    import subprocess

    from bot.supervisor import Stack, _get, temporary_settings

    command = argv[1:] if argv[:1] == ["--"] else argv
    url = get_settings().rasa_url
    if _get(f"{url}/") is not None:
        return subprocess.call(command, env=dict(os.environ, RASA_URL=url))
    settings = temporary_settings(rasa_port=25005, action_port=25055, with_webchat=False, with_telegram=False,
                                  with_dispatcher=False)
    print(f"Aucun bot sur {url} : démarrage d'un bot temporaire sur {settings.rasa_url}…", flush=True)
    with Stack(settings) as stack:
        return subprocess.call(command, env=dict(os.environ, RASA_URL=stack.settings.rasa_url))


def _purge(argv: list[str]) -> int:
    from bot.cli.retention import MissingDatabase, purge_all

    parser = argparse.ArgumentParser(prog="python -m bot purge")
    settings = get_settings()
    parser.add_argument("--days", type=int, default=settings.retention_days)
    args = parser.parse_args(argv)
    try:
        counts = purge_all(args.days, settings)
    except MissingDatabase as error:
        print(error, file=sys.stderr)
        return 1
    for what, count in counts.items():
        print(f"{what}: {count} supprimé(s)" if not what.startswith("coordonnées") else f"{what}: {count} effacée(s)")
    return 0


COMMANDS = {
    "run": _run,
    "unanswered": _unanswered,
    "tickets": _tickets,
    "telegram": _telegram,
    "webchat": _webchat,
    "dispatcher": _dispatcher,
    "purge": _purge,
    "with-stack": _with_stack,
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    try:
        get_settings()  # a bad variable stops here, named, before anything starts
    except InvalidSettings as error:
        print(error, file=sys.stderr)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main())
