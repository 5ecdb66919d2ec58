"""The one knowledge base of a running process, loaded once and kept in memory."""
from __future__ import annotations

import threading
from typing import Optional

from knowledge import loader, storage
from knowledge.records import KnowledgeBase
from knowledge.schedule import now_paris
from knowledge.versions import version_on

_lock = threading.Lock()
_cached: Optional[KnowledgeBase] = None


def sync_database(url: Optional[str] = None) -> KnowledgeBase:
    """Validate the YAML data, refresh the database when the data changed, and read the knowledge back."""
    kb = loader.load()
    engine = storage.make_engine(url)
    try:
        if storage.stored_hash(engine) != kb.content_hash:
            storage.write(kb, engine)
        return storage.read(engine)
    finally:
        engine.dispose()


def get_knowledge() -> KnowledgeBase:
    """The process-wide knowledge base as it stands today (first call loads it; later calls are free).

    With avenants, "today" matters: the version in force is picked on each call (a cached lookup), so a
    long-running bot switches to an avenant on its date in force without a restart.
    """
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                _cached = sync_database()
    return version_on(_cached, now_paris().date())


def reset_cache() -> None:
    """Forget the loaded knowledge base (tests, or after editing the data)."""
    global _cached
    with _lock:
        _cached = None
