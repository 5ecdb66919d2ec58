"""docs/deploy.md lists every process with the address it listens on and the secrets it needs, and says the
same as the code: the listening-address settings and the secrets each process refuses to start without."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from settings.config import Settings
from settings.deployment import ACTION_SERVER_SECRETS, GATEWAY_SECRETS, RASA_SECRETS, TELEGRAM_GATEWAY_SECRETS

DOC = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"
PROCESSES = {  # row of the table -> (the command that starts it, secrets the code requires in production)
    "Rasa": ("bot.rasa_process.server run", RASA_SECRETS),
    "action server": ("python -m actions.server", ACTION_SERVER_SECRETS),
    "web chat gateway": ("python -m bot webchat", GATEWAY_SECRETS),
    "Telegram gateway": ("python -m bot telegram run", TELEGRAM_GATEWAY_SECRETS),
    "ticket dispatcher": ("python -m bot dispatcher", ()),
}


def table() -> dict[str, list[str]]:
    """The "Processes, addresses and secrets" table: process -> its cells (command, address, secrets)."""
    section = DOC.read_text(encoding="utf-8").split("## Processes, addresses and secrets", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip().strip("|").split("|") for line in section.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows[1:] if not set(cells[0]) <= {"-", " "}}


def names(cell: str) -> set[str]:
    return set(re.findall(r"`([A-Z][A-Z0-9_]+)`", cell))


@pytest.mark.parametrize("process", PROCESSES)
def test_each_process_is_listed_with_its_command_and_the_secrets_it_refuses_to_start_without(process):
    command, required = PROCESSES[process]
    rows = table()
    assert process in rows, sorted(rows)
    started_by, _listens_on, secrets = rows[process]
    assert command in started_by
    assert set(required) <= names(secrets), (process, secrets)


def test_every_listening_address_setting_is_in_the_table_loopback_by_default():
    hosts = {name.upper() for name in Settings.__fields__ if name.endswith("_host") and name != "smtp_host"}
    listed = set().union(*(names(cells[1]) for cells in table().values()))
    assert hosts and hosts <= listed, hosts - listed
    for name in hosts:
        assert getattr(Settings.from_env({}), name.lower()) == "127.0.0.1"
    assert all("127.0.0.1" in cells[1] or "nothing" in cells[1] for name, cells in table().items()
               if "development" not in name)


def test_the_telegram_gateway_is_not_handed_the_ent_secret():
    assert "ENT_JWT_SECRET" not in names(table()["Telegram gateway"][2])
    assert "ENT_JWT_SECRET" not in TELEGRAM_GATEWAY_SECRETS


def test_no_command_of_the_page_listens_on_every_interface():
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if "0.0.0.0" in line:
            assert "never" in line, line
