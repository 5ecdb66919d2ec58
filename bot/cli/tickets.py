"""Support staff's command line for incident tickets (wired as ``python -m bot tickets …``).

    list [--uai X] [--status S] [--limit N]     tickets, newest first
    show NUMBER                                  a ticket, its attachments, history and e-mails
    set-status NUMBER STATUS [--note T]          change the status (the reporter is notified)
    comment NUMBER TEXT                          comment as support staff (the reporter is notified)
    dispatch [--retry-now] [--forever [--interval S]]
                                                 send waiting e-mails (one pass, or in a loop)

The database is ``--db URL`` or env ``TICKETS_DATABASE_URL`` (default ``sqlite:///var/tickets.db``).
Everything users typed is printed with control characters escaped: a description holding terminal
escape sequences or direction overrides shows them as ``\\x1b`` / ``\\u202e`` instead of obeying them.
"""
from __future__ import annotations

import argparse
import getpass
import sys
import threading
from typing import Optional, TextIO

from tabulate import tabulate

from bot.cli.terminal import escape
from helpdesk.tickets import (
    STATUSES,
    Dispatcher,
    TicketError,
    TicketStore,
)
from helpdesk.tickets.values import CHANNEL_LABELS, IMPACT_LABELS, LINE_LABELS, STATUS_LABELS
from helpdesk.tickets.wording import local_time
from settings.config import get_settings


def _cell(text: Optional[str], width: int = 40) -> str:
    value = escape(text)
    return value if len(value) <= width else value[: width - 1] + "…"


def _default_author() -> str:
    try:
        return f"support:{getpass.getuser()}"
    except Exception:  # noqa: BLE001 - getpass raises various errors when a container has no user name
        return "support"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot tickets", description="Tickets d'incident (support).")
    parser.add_argument("--db", help="URL de la base (défaut : TICKETS_DATABASE_URL ou sqlite:///var/tickets.db)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")

    listing = commands.add_parser("list", help="lister les tickets")
    listing.add_argument("--uai", help="seulement cet établissement")
    listing.add_argument("--status", choices=STATUSES, help="seulement ce statut")
    listing.add_argument("--limit", type=int, default=100)

    show = commands.add_parser("show", help="afficher un ticket")
    show.add_argument("number")

    status = commands.add_parser("set-status", help="changer le statut d'un ticket")
    status.add_argument("number")
    status.add_argument("status", choices=STATUSES)
    status.add_argument("--note", help="message joint, transmis au déclarant")
    status.add_argument("--author", default=None)

    comment = commands.add_parser("comment", help="commenter un ticket (transmis au déclarant)")
    comment.add_argument("number")
    comment.add_argument("text")
    comment.add_argument("--author", default=None)

    dispatch = commands.add_parser("dispatch", help="envoyer les courriels en attente")
    dispatch.add_argument("--retry-now", action="store_true",
                          help="renvoyer tout de suite les courriels en échec (sans attendre le délai)")
    dispatch.add_argument("--forever", action="store_true", help="recommencer jusqu'à Ctrl+C")
    dispatch.add_argument("--interval", type=float, default=30.0, help="secondes entre deux passes")
    return parser


def _print_list(store: TicketStore, args, out: TextIO) -> int:
    tickets = store.admin_list_tickets(uai=args.uai, status=args.status, limit=args.limit)
    if not tickets:
        print("Aucun ticket.", file=out)
        return 0
    rows = [
        [t.number, local_time(t.created_at), t.uai, _cell(t.establishment_name, 30), t.category, t.line,
         _cell(t.place, 25), t.impact, STATUS_LABELS[t.status]]
        for t in tickets
    ]
    headers = ["Numéro", "Déclaré le", "UAI", "Établissement", "Catégorie", "Ligne", "Lieu", "Impact", "Statut"]
    print(tabulate(rows, headers=headers, tablefmt="simple"), file=out)
    print(f"\n{len(tickets)} ticket(s).", file=out)
    return 0


def _print_ticket(store: TicketStore, number: str, out: TextIO, err: TextIO) -> int:
    ticket = store.admin_get_ticket(number)
    if ticket is None:
        print(f"Ticket introuvable : {escape(number)}", file=err)
        return 1
    fields = [
        ["Numéro", ticket.number],
        ["Statut", STATUS_LABELS[ticket.status]],
        ["Établissement", f"{escape(ticket.establishment_name)} (UAI {ticket.uai})"],
        ["Catégorie", ticket.category],
        ["Ligne", LINE_LABELS[ticket.line]],
        ["Lieu", escape(ticket.place) or "non précisé"],
        ["Impact", IMPACT_LABELS[ticket.impact]],
        ["Contact", escape(ticket.contact) or "non précisé"],
        ["Canal", f"{CHANNEL_LABELS.get(ticket.reporter_channel, ticket.reporter_channel)} "
                  f"({escape(ticket.reporter_id) or 'anonyme'})"],
        ["Déclaré le", local_time(ticket.created_at)],
        ["Mis à jour le", local_time(ticket.updated_at)],
    ]
    print(tabulate(fields, tablefmt="plain"), file=out)
    print("\nDescription :", file=out)
    for line in escape(ticket.description, keep_newlines=True).split("\n"):
        print(f"  {line}", file=out)
    if ticket.attachments:
        print("\nPièces jointes :", file=out)
        print(tabulate([[a.id, escape(a.filename), a.content_type, f"{a.size} o"] for a in ticket.attachments],
                       headers=["Id", "Fichier", "Type", "Taille"]), file=out)
    events = store.admin_history(ticket.number) or []
    print("\nHistorique :", file=out)
    # One line per event: line breaks inside a note or comment are shown as " / ".
    print(tabulate([[local_time(e.at), e.kind, _cell(e.author, 30), _cell(e.text.replace("\n", " / "), 100)]
                    for e in events],
                   headers=["Date", "Événement", "Auteur", "Texte"]), file=out)
    mails = store.outbox_of(ticket.number)
    if mails:
        print("\nCourriels :", file=out)
        rows = [[m.id, escape(m.recipient), m.attempts, local_time(m.sent_at) if m.sent_at else "en attente",
                 "" if m.sent_at else local_time(m.next_attempt_at), _cell(m.last_error, 60)] for m in mails]
        print(tabulate(rows, headers=["Id", "Destinataire", "Essais", "Envoyé", "Prochain essai", "Dernière erreur"]),
              file=out)
    return 0


def _dispatch(store: TicketStore, args, out: TextIO) -> int:
    dispatcher = Dispatcher(store)
    if args.retry_now:
        count = store.retry_waiting_emails()
        print(f"Courriels en attente remis à maintenant : {count}.", file=out)
    if args.forever:
        stop = threading.Event()
        print(f"Envoi des courriels toutes les {args.interval:g} s (Ctrl+C pour arrêter).", file=out)
        try:
            dispatcher.run_forever(stop, interval=args.interval)
        except KeyboardInterrupt:
            stop.set()
        return 0
    report = dispatcher.dispatch_pending()
    print(f"Courriels tentés : {report.attempted}, envoyés : {report.sent}, en échec : {report.failed}.", file=out)
    for number, error in report.errors:
        print(f"  {number} : {escape(error)}", file=out)
    if report.interrupted:
        print("Serveur SMTP injoignable : les autres courriels attendent la prochaine passe.", file=out)
    return 0 if report.failed == 0 else 1


def main(argv: list[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one command; return the exit code (0 success, 1 refused or failed, 2 bad usage)."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage message
        return int(exc.code or 0)
    store = TicketStore.open(args.db or get_settings().tickets_database_url)
    try:
        if args.command == "list":
            return _print_list(store, args, out)
        if args.command == "show":
            return _print_ticket(store, args.number, out, err)
        if args.command == "set-status":
            ticket = store.set_status(args.number, args.status, author=args.author or _default_author(),
                                      note=args.note)
            print(f"Ticket {ticket.number} : statut « {STATUS_LABELS[ticket.status]} ».", file=out)
            return 0
        if args.command == "comment":
            event = store.add_comment(args.number, args.text, author=args.author or _default_author(),
                                      from_staff=True)
            if event is None:
                print(f"Ticket introuvable : {escape(args.number)}", file=err)
                return 1
            print(f"Commentaire ajouté au ticket {event.ticket_number}.", file=out)
            return 0
        if args.command == "dispatch":
            return _dispatch(store, args, out)
        raise AssertionError(args.command)
    except TicketError as exc:
        print(escape(exc.message), file=err)
        return 1
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
