"""Resident memory of a process and all its descendants, read from /proc (Linux)."""
from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name may contain spaces and parentheses: the fields start after the last ')'.
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
        children.setdefault(ppid, []).append(int(entry.name))
    return children


def process_tree(pid: int) -> list[int]:
    """``pid`` and every descendant still alive."""
    children = _children_map()
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def rss_bytes(pid: int) -> int:
    """VmRSS of one process in bytes (0 when it is gone or has no user memory)."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024  # the kernel reports kB
    except (OSError, ValueError):
        pass
    return 0


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants, summed (shared pages count once per process)."""
    return sum(rss_bytes(p) for p in process_tree(pid))


def available() -> bool:
    """True on a system with /proc (the bench reports memory only there)."""
    return (PROC / str(os.getpid()) / "status").exists()
