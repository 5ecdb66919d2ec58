"""A Redis lock store whose ticket operations are atomic across Rasa instances.

Rasa 3.6's ``RedisLockStore`` reads the conversation's ticket lock, changes it in Python and writes it
back with two separate commands (RasaHQ/rasa#9213). Two instances that take a ticket for the same
conversation at the same moment can then both draw the same number and process the conversation at once,
and one turn's events overwrite the other's in the tracker store. Rasa's own fix (a
``ConcurrentRedisLockStore``, RasaHQ/rasa#11256) was reverted from Rasa Open Source.

This store keeps Rasa's ticket-lock algorithm and data format, and runs every read-modify-write of a lock
inside a Redis transaction (WATCH/MULTI/EXEC): when another instance touches the same lock in between, the
transaction is replayed on the fresh value. Configure it in ``endpoints.yml`` with
``type: bot.rasa_process.lock_store.AtomicRedisLockStore`` and the same keys as Rasa's ``redis`` type.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Optional, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

Result = TypeVar("Result")
# A change receives the stored lock (None when there is none) and returns the lock to store (None deletes
# it) with the value the operation gives back.
Change = Callable[[Optional[TicketLock]], Tuple[Optional[TicketLock], Result]]


class AtomicRedisLockStore(RedisLockStore):
    """``RedisLockStore`` with atomic ticket issue, refresh, release and clean-up."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, **kwargs: Any) -> None:
        """Accept Rasa's endpoint configuration (custom lock stores get it whole) or plain keywords."""
        if endpoint_config is not None:
            kwargs = {**endpoint_config.kwargs, **kwargs}
            kwargs.setdefault("host", endpoint_config.url or "localhost")
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Change) -> Result:
        key = self.key_prefix + conversation_id

        def attempt(pipe: Any) -> Result:
            stored = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(stored)) if stored else None
            new_lock, result = change(lock)
            pipe.multi()
            if new_lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, new_lock.dumps())
            return result

        # redis-py replays `attempt` whenever the watched key changed before EXEC.
        return self.red.transaction(attempt, key, value_from_callable=True)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """Draw the next ticket number for the conversation, creating its lock if needed."""

        def issue(lock: Optional[TicketLock]) -> Tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:  # Rasa's callers expect a LockError, whatever Redis raised
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        """Drop the expired tickets of the conversation's lock, if it still exists."""

        def refresh(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, refresh)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Give back a ticket and keep the lock for whoever still waits."""

        def release(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, release)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Give back a ticket and delete the lock in the same step when nobody else holds one.

        Rasa's version checks for waiters and deletes in two commands: a ticket drawn in between by another
        instance would be deleted with the lock, and that instance would fail to acquire it.
        """

        def release_and_maybe_delete(lock: Optional[TicketLock]) -> Tuple[Optional[TicketLock], None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._change(conversation_id, release_and_maybe_delete)
