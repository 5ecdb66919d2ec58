"""Admin CLI (``python -m bot tickets …``): readable tables, escaped user text, exit codes."""
from __future__ import annotations

import io

import pytest

from bot.cli.tickets import escape, main
from helpdesk.tickets import SmtpSettings, TicketStore

from .support import DEMO_UAI, OTHER_UAI, RECIPIENTS, new_ticket

HOSTILE = "Écran noir\x1b[2J\x1b[31mROUGE\x07 \u202eexe.gnp\r\nligne 2 <b>x</b> 🔥"


@pytest.fixture
def cli(tmp_path, monkeypatch):
    """Runs the CLI on a fresh SQLite database; returns (run, store)."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    for key, value in RECIPIENTS.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("TICKETS_DATABASE_URL", url)
    store = TicketStore.open(url)

    def run(*argv):
        out, err = io.StringIO(), io.StringIO()
        code = main(list(argv), out=out, err=err)
        return code, out.getvalue(), err.getvalue()

    yield run, store
    store.close()


def test_list_shows_a_table_of_tickets(cli):
    run, store = cli
    first = new_ticket(store, place="Salle 12")
    second = new_ticket(store, uai=OTHER_UAI, line="college", category="videoprojecteur", place="Salle 4")

    code, out, _ = run("list")
    assert code == 0
    header = out.splitlines()[0]
    for column in ("Numéro", "Déclaré le", "UAI", "Établissement", "Catégorie", "Ligne", "Lieu", "Statut"):
        assert column in header
    assert first.number in out and second.number in out
    assert "suivi par le collège" in out and "ouvert" in out
    assert out.index(second.number) < out.index(first.number)  # newest first
    assert "2 ticket(s)." in out

    code, out, _ = run("list", "--uai", "0799003g")
    assert code == 0 and second.number in out and first.number not in out
    code, out, _ = run("list", "--status", "ouvert")
    assert first.number in out and second.number not in out
    code, out, _ = run("list", "--status", "resolu")
    assert out.strip() == "Aucun ticket."


def test_hostile_user_text_is_escaped_not_interpreted(cli):
    run, store = cli
    ticket = new_ticket(store, description=HOSTILE, place="Salle\x1b[2J 12", contact="\u202eTNETNOC")

    for argv in (("list",), ("show", ticket.number)):
        code, out, _ = run(*argv)
        assert code == 0
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\r" not in out
        assert "Salle\\x1b[2J 12" in out
    _, out, _ = run("show", ticket.number)
    assert "Écran noir\\x1b[2J\\x1b[31mROUGE\\x07 \\u202eexe.gnp\\x0d" in out
    assert "  ligne 2 <b>x</b> 🔥" in out  # newlines kept as separate indented lines
    assert "\\u202eTNETNOC" in out


def test_escape_keeps_ordinary_text():
    assert escape("Réseau – salle 12 🔥 مرحبا") == "Réseau – salle 12 🔥 مرحبا"
    assert escape("a\tb\nc") == "a\\x09b\\x0ac"
    assert escape(None) == ""


def test_show_gives_fields_history_and_emails(cli):
    run, store = cli
    ticket = new_ticket(store, line="academie")
    code, out, _ = run("show", ticket.number.lower())
    assert code == 0
    for expected in (ticket.number, "Collège Jean Donnet (UAI 0799001E)", "Académie de Poitiers",
                     "Historique :", "created", "routed", "Courriels :", RECIPIENTS["TICKETS_EMAIL_ACADEMIE"],
                     "en attente", ticket.description):
        assert expected in out

    code, out, err = run("show", "INC-2026-09999")
    assert code == 1 and out == "" and "Ticket introuvable" in err


def test_set_status_and_comment_update_the_ticket_and_notify_the_reporter(cli):
    run, store = cli
    ticket = new_ticket(store, reporter_channel="telegram", reporter_id="777")

    code, out, _ = run("set-status", ticket.number, "en_cours", "--note", "Intervention mardi.", "--author", "dsi")
    assert code == 0 and "en cours de traitement" in out
    assert store.get_ticket(ticket.number, DEMO_UAI).status == "en_cours"
    code, out, _ = run("comment", ticket.number, "Merci de laisser la salle ouverte.", "--author", "dsi")
    assert code == 0 and "Commentaire ajouté" in out

    texts = [n.text for n in store.pending_notifications("telegram")]
    assert len(texts) == 2
    assert "Intervention mardi." in texts[0] and "Merci de laisser la salle ouverte." in texts[1]
    history = store.history(ticket.number, DEMO_UAI)
    assert [(e.kind, e.author) for e in history[-2:]] == [("status_changed", "dsi"), ("commented", "dsi")]


def test_refusals_and_bad_usage(cli):
    run, store = cli
    ticket = new_ticket(store)
    run("set-status", ticket.number, "annule")
    code, _, err = run("set-status", ticket.number, "en_cours")
    assert code == 1 and "annulé" in err and "ne peut pas passer" in err
    code, _, err = run("comment", "INC-2026-09999", "texte")
    assert code == 1 and "Ticket introuvable" in err
    assert run("set-status", ticket.number, "termine")[0] == 2  # not a status: argparse usage error
    assert run()[0] == 2
    assert run("--help")[0] == 0


def test_dispatch_runs_one_pass(cli, smtp_server, monkeypatch):
    run, store = cli
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(smtp_server.port))
    new_ticket(store)

    code, out, _ = run("dispatch")  # server down
    assert code == 1
    assert "envoyés : 0, en échec : 1" in out and "Serveur SMTP injoignable" in out

    smtp_server.start()
    code, out, _ = run("dispatch")  # the retry is not due yet (back-off)
    assert code == 0 and "Courriels tentés : 0" in out and smtp_server.messages == []
    code, out, _ = run("dispatch", "--retry-now")
    assert "remis à maintenant : 1" in out
    assert code == 0 and "envoyés : 1, en échec : 0" in out
    assert len(smtp_server.messages) == 1
    code, out, _ = run("dispatch")
    assert code == 0 and "Courriels tentés : 0" in out and len(smtp_server.messages) == 1


def test_smtp_settings_come_from_the_environment():
    settings = SmtpSettings.from_env({"SMTP_HOST": "mail.example.invalid", "SMTP_PORT": "2525",
                                      "SMTP_USER": "u", "SMTP_PASSWORD": "secret", "SMTP_FROM": "a@b.invalid"})
    assert (settings.host, settings.port, settings.user, settings.sender) == (
        "mail.example.invalid", 2525, "u", "a@b.invalid")
    assert "secret" not in repr(settings)
    defaults = SmtpSettings.from_env({})
    assert (defaults.host, defaults.port, defaults.user) == ("127.0.0.1", 8025, None)
