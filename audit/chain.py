"""The audit log's hash chain: appending a row and verifying the whole log.

Each row's ``hash`` is SHA-256 over a canonical serialisation of every stored field (except
the database's own ``id`` and the hash itself) including ``prev_hash``, the hash of the row
before it (``GENESIS`` for the first). Editing any field of a row changes its hash; deleting a
row leaves a gap in ``seq`` and a ``prev_hash`` that matches nothing; reordering rows (swapping
their positions, times or ids) breaks either the hashes or the order of ids.

Appending takes the chain head's row lock first (an UPDATE, on every database): a second
writer waits for the first to commit and then appends after its row, so the chain never
forks. On SQLite that UPDATE takes the database's write lock before the head is read.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction

from access.dbwall import system_scope
from audit.models import GENESIS, AuditChainHead, AuditEvent

# Bumped if the serialisation ever changes; part of every hash.
VERSION = "nucleus-audit-v1"
HEAD_PK = 1


def plain(value: Any) -> Any:
    """A value as a JSON column gives it back (dates as ISO text, decimals and UUIDs as
    strings, tuples as lists): what is hashed is what is read back."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _at(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def canonical(*, seq: int, at: datetime.datetime, actor_id: int | None, action: str,
              model: str, object_id: int, unit_id: int | None, fields: Any, changes: Any,
              detail: Any, prev_hash: str) -> bytes:
    """The bytes a row's hash is taken over: its stored values, in a fixed order, as JSON
    with sorted keys (so the database's own key order in JSON columns does not matter)."""
    body = [VERSION, seq, _at(at), actor_id, action, model, object_id, unit_id, fields,
            changes, detail, prev_hash]
    return json.dumps(body, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode()


def digest(event: AuditEvent) -> str:
    return hashlib.sha256(canonical(
        seq=event.seq, at=event.at, actor_id=event.actor_id, action=event.action,
        model=event.model, object_id=event.object_id, unit_id=event.unit_id,
        fields=event.fields, changes=event.changes, detail=event.detail,
        prev_hash=event.prev_hash)).hexdigest()


def _head_table() -> str:
    return connection.ops.quote_name(AuditChainHead._meta.db_table)


def _lock_head() -> tuple[int, str]:
    """Lock the head row and read it in one statement (raw SQL: this runs for every audit
    row). The UPDATE locks the row (PostgreSQL) or takes the write lock (SQLite) before
    anything is read, so no writer appends after a head another one is moving."""
    lock = f"UPDATE {_head_table()} SET seq = seq WHERE id = %s RETURNING seq, hash"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(lock, [HEAD_PK])
        row = cursor.fetchone()
        if row is None:
            _create_head()
            cursor.execute(lock, [HEAD_PK])
            row = cursor.fetchone()
    return int(row[0]), str(row[1])


def _move_head(seq: int, hash_: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_head_table()} SET seq = %s, hash = %s WHERE id = %s",  # noqa: S608
                       [seq, hash_, HEAD_PK])


def _create_head() -> None:
    # A fresh database (tests build it from the models), or a flushed one: the head starts
    # after whatever rows there are, so a lost head cannot start a second chain.
    # Every row, whoever is acting: on PostgreSQL the wall shows a user only their units'.
    with system_scope():
        last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, hash_ = last if last is not None else (0, GENESIS)
    try:
        with transaction.atomic():
            AuditChainHead.objects.create(pk=HEAD_PK, seq=seq, hash=hash_)
    except IntegrityError:  # another writer created it first: theirs is as good
        pass


def append(event: AuditEvent) -> AuditEvent:
    """Insert ``event`` (unsaved) at the end of the chain, in the caller's transaction."""
    # No savepoint of its own: it is part of the caller's transaction (an action's), or,
    # called outside one, its own.
    event.fields, event.changes, event.detail = (
        plain(event.fields), plain(event.changes), plain(event.detail))
    with transaction.atomic(savepoint=False):
        seq, prev_hash = _lock_head()
        event.seq = seq + 1
        event.prev_hash = prev_hash
        event.hash = digest(event)
        # Under the system scope of the database wall: the INSERT gives the new row's id back
        # (RETURNING), which PostgreSQL only allows for a row the scope may read, and a failed
        # login has no scope at all. Only the row just written is read.
        with system_scope():
            event.save(force_insert=True)
        _move_head(event.seq, event.hash)
    return event


@dataclass(frozen=True)
class Break:
    """The first row where the chain does not hold (``seq`` and ``id`` of that row, or of the
    head when rows are missing at the end), and why."""

    seq: int | None
    id: int | None
    reason: str

    def __str__(self) -> str:
        return f"row seq={self.seq} id={self.id}: {self.reason}"


_COLUMNS = ("id", "seq", "at", "actor_id", "action", "model", "object_id", "unit_id",
            "fields", "changes", "detail", "prev_hash", "hash")


def _rows(up_to: int | None) -> Iterator[AuditEvent]:
    # Plain rows in chain order, in chunks: the log can hold millions.
    rows = AuditEvent.objects.order_by("seq").only(*_COLUMNS)
    if up_to is not None:
        rows = rows.filter(seq__lte=up_to)
    return rows.iterator(chunk_size=2000)


def verify() -> Break | None:
    """Walk the log in chain order; the first row that was edited, follows a deleted row, or
    is out of order. None when the whole chain holds, up to the head. Reads every row (the
    system scope of the database wall), whoever asks: only the verdict leaves. One
    transaction, so that the scope holds for the whole walk."""
    with system_scope(), transaction.atomic():
        return _walk()


def _walk() -> Break | None:
    # The head first: rows appended while the walk runs come after it and are left for the
    # next walk (their row and the head are committed together).
    head = AuditChainHead.objects.filter(pk=HEAD_PK).first()
    prev_hash, prev_seq, prev_id = GENESIS, 0, 0
    for event in _rows(head.seq if head is not None else None):
        if digest(event) != event.hash:
            return Break(event.seq, event.id, "its content does not match its hash (edited)")
        if event.seq != prev_seq + 1 or event.prev_hash != prev_hash:
            return Break(event.seq, event.id,
                         f"it does not follow row seq={prev_seq} (a row before it was deleted "
                         "or the rows were reordered)")
        if event.id <= prev_id:
            return Break(event.seq, event.id, f"its id is not after row seq={prev_seq}'s "
                                              "(reordered)")
        prev_hash, prev_seq, prev_id = event.hash, event.seq, event.id
    if head is not None and (head.seq, head.hash) != (prev_seq, prev_hash):
        return Break(head.seq, None, f"the chain head is at seq={head.seq} but the last row is "
                                     f"seq={prev_seq} (rows at the end were deleted)")
    return None


def head_hash() -> tuple[int, str]:
    """The position and hash of the last row: written down elsewhere now and then, it proves
    later that the log was not rewritten from the start (anyone with the database file could
    recompute a whole chain; no one can match a hash kept outside it)."""
    head = AuditChainHead.objects.filter(pk=HEAD_PK).first()
    return (head.seq, head.hash) if head is not None else (0, GENESIS)


# The last full verification, per process: (head seq, head hash, monotonic time, result).
_memo: tuple[int, str, float, bool] | None = None
# A full walk at most this often while the head stays the same (seconds): the health check is
# called every few seconds, the log can hold millions of rows.
RECHECK_SECONDS = 300.0


def chain_intact() -> bool:
    """Whether the whole chain holds, for the health check: the full walk is repeated when
    a row was appended since, or after ``RECHECK_SECONDS``."""
    global _memo
    seq, hash_ = head_hash()
    now = time.monotonic()
    if _memo is not None and _memo[:2] == (seq, hash_) and now - _memo[2] < RECHECK_SECONDS:
        return _memo[3]
    intact = verify() is None
    _memo = (seq, hash_, now, intact)
    return intact


def forget_verification() -> None:
    """Drop the remembered result (tests that break the chain on purpose)."""
    global _memo
    _memo = None
