"""What the supervisor checks on this machine around its children: free ports and a writable conversation
store before start-up, and, when a child stops, the reason an operator should read."""
from __future__ import annotations

import os
import signal
import socket
from pathlib import Path
from typing import TYPE_CHECKING

from bot.rasa_process import EXIT_STORE_UNWRITABLE  # the package only: nothing of Rasa is imported

if TYPE_CHECKING:
    from bot.supervisor import StackSettings


def check_ports_free(settings: "StackSettings") -> None:
    """Refuse to start when a port of the stack is taken: the health checks would otherwise find another
    bot there (a leftover stack) and this one would run without anyone noticing that its children died."""
    ports = {"Rasa": (settings.rasa_host, settings.rasa_port), "serveur d'actions": (settings.action_host, settings.action_port)}
    if settings.with_webchat:
        ports["web chat"] = (settings.webchat_host, settings.webchat_port)
    for name, (host, port) in ports.items():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            # As the servers themselves do: connections of a stack that just stopped (TIME_WAIT) do not make
            # the port busy, a process listening on it does.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError:
                raise RuntimeError(f"le port {port} ({name}) est déjà utilisé : un autre bot tourne-t-il déjà ? "
                                   "Arrêtez-le ou choisissez d'autres ports.") from None


class UnwritableStore(RuntimeError):
    """A database file of the stack cannot be written (Rasa would crash with « Bus error »)."""


def check_writable(settings: "StackSettings") -> None:
    """Refuse to start, with a French message, when the conversations' SQLite file or its folder cannot be
    written: Rasa dies on its first turn otherwise (SQLite's shared memory cannot be mapped)."""
    if settings.endpoints:
        return  # an operator's endpoints file (PostgreSQL in production): nothing local to check
    trackers = settings.var_dir / "trackers.db"
    for path, folder in ((settings.var_dir, True), (trackers, False), (trackers.with_name("trackers.db-wal"), False),
                         (trackers.with_name("trackers.db-shm"), False)):
        if path.exists() and (path.is_dir() != folder or not _can_write(path)):
            raise UnwritableStore(
                f"Impossible d'écrire dans {path} : les conversations ne pourraient pas être enregistrées. "
                "Corrigez les droits (ou le disque plein / en lecture seule) puis relancez."
            )


def _can_write(path: Path) -> bool:
    if path.is_dir():
        probe = path / f".write-probe-{os.getpid()}"
        try:
            probe.write_bytes(b"")
            probe.unlink()
            return True
        except OSError:
            return False
    try:
        with open(path, "r+b"):
            return True
    except OSError:
        return False


def why_it_stopped(name: str, returncode: int, settings: "StackSettings") -> str:
    """What an operator should read when child ``name`` exited with ``returncode`` (French, one line)."""
    if returncode < 0:
        try:
            code = f"signal {signal.Signals(-returncode).name}"
        except ValueError:
            code = f"signal {-returncode}"
        if returncode == -signal.SIGBUS:
            code += ", « Bus error »"
    else:
        code = f"code {returncode}"
    cause = ""
    if name == "rasa":
        try:
            check_writable(settings)
        except UnwritableStore as error:
            cause = f" ; {error}"
        else:
            if returncode == EXIT_STORE_UNWRITABLE:
                cause = (" ; les conversations ne pouvaient plus être enregistrées (droits, disque plein ou en "
                         "lecture seule : voir son journal)")
    return f"{name} s'est arrêté ({code}){cause}"
