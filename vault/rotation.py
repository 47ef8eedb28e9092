"""Rotating the identity key batch by batch: resumable, idempotent, stoppable between batches.

The order keeps every row readable at every moment, whatever stops the rotation (a crash, a
killed worker, a cancel):

1. the key file gains the new key and makes it current, keeping the old one; the new key's
   check value is stored (``vault.custody``). From here on every process seals new rows
   under the new key and opens rows under either key (a ciphertext names its key id);
2. the rows still sealed under another key are re-sealed, ``BATCH`` rows a transaction
   (``rekey_all(keyring, progress, pk_range)`` of each model holding ciphertext, the
   identity and its blind indexes in one update). Between batches the rotation may stop:
   every row is then under the old or the new key, and both are in the file;
3. once no row is left under another key, the other keys' check values go and the rotation
   is audited in one transaction, and only then does the old key leave the file.

Run again after any stop, it finds the file holding more than one key and finishes the
rotation it started (no third key is minted), re-sealing only the rows still under the old
key. While it is under way, a blind index of a row not yet re-sealed is the old key's: the
exact lookups of ``people.actions`` and the contacts import's matching
(``fieldwork.csv_rows``) look under every key the file holds.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from vault import custody
from vault.custody import EncryptedModel, encrypted_models
from vault.keyring import Keyring, key_source, write_keyring_file
from vault.models import KeyCheck

BATCH = 500
# Passes over the rows left under another key: a web process that read the key file just
# before it changed may seal a row under the old key once more; more passes than this mean
# something keeps doing so.
PASSES = 3


class RotationError(Exception):
    """The rotation cannot start or finish; the message says why (and what to do)."""


@dataclass
class Rotation:
    new_key_id: str
    old_key_ids: list[str]
    rows: int = 0
    resumed: bool = False
    stopped: bool = False  # asked to stop between two batches: not finished, run it again


def _ciphertext_columns(model: EncryptedModel) -> list[str]:
    # Ciphertext columns are named "…_sealed" (the blind indexes next to them carry no key
    # id: they are rewritten with their identity, in the same update).
    return [f.name for f in model._meta.concrete_fields if f.name.endswith("_sealed")]


def _elsewhere(model: EncryptedModel, key_id: str) -> Any:
    """The model's rows with a ciphertext under another key than ``key_id``."""
    condition = models.Q(pk__in=[])
    for name in _ciphertext_columns(model):
        condition |= (models.Q(**{f"{name}__isnull": False}) & ~models.Q(**{name: ""})
                      & ~models.Q(**{f"{name}__startswith": f"{key_id}$"}))
    return model._meta.base_manager.filter(condition)


def rows_left(key_id: str) -> int:
    """Rows holding a ciphertext under another key than ``key_id``."""
    return sum(_elsewhere(model, key_id).count() for model in encrypted_models())


def _batches(model: EncryptedModel, key_id: str) -> Iterator[tuple[int, int, int]]:
    """(first pk, last pk, rows) of the next ``BATCH`` rows left, read anew each time."""
    last = None
    while True:
        rows = _elsewhere(model, key_id).order_by("pk")
        if last is not None:
            rows = rows.filter(pk__gt=last)
        pks = list(rows.values_list("pk", flat=True)[:BATCH])
        if not pks:
            return
        yield pks[0], pks[-1], len(pks)
        last = pks[-1]


@contextmanager
def _only_one() -> Iterator[None]:
    """One rotation at a time on this machine (a command, a job): two starting together
    would each mint a key, and the second written would lose the first's."""
    _, path = key_source()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path.with_name(path.name + ".rotating"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RotationError("another rotation of the identity key is running") from None
        yield
    finally:
        os.close(fd)  # releases the lock


def begin() -> tuple[Keyring, Rotation]:
    """The keyring to rotate onto: a new key, or the one of a rotation under way."""
    env_value, path = key_source()
    if env_value is not None:
        raise RotationError("the identity key comes from NUCLEUS_IDENTITY_KEY: rotation "
                            "rewrites the key file, so unset the variable and use "
                            "NUCLEUS_IDENTITY_KEY_FILE")
    try:
        # Rotating from a key that does not open the data would seal garbage for good.
        ring = custody.ensure_usable()
    except custody.KeyCustodyError as exc:
        raise RotationError(str(exc)) from None
    if len(ring.keys) > 1:
        return ring, Rotation(ring.current, sorted(set(ring.keys) - {ring.current}),
                              resumed=True)
    new = ring.with_new_key()
    write_keyring_file(path, new)
    custody.record_check(new)
    return new, Rotation(new.current, [ring.current])


def rotate(*, progress: Callable[[int, int], object] = lambda done, total: None,
           should_stop: Callable[[], bool] = lambda: False) -> Rotation:
    """Rotate the identity key (or finish the rotation under way). ``progress(done, total)``
    after each batch; ``should_stop()`` asked between batches."""
    from access import dbwall

    with _only_one(), dbwall.system_scope():  # every row, whatever a request's wall shows
        ring, rotation = begin()
        total = rows_left(ring.current)
        progress(0, total)
        for _pass in range(PASSES):
            for model in encrypted_models():
                for first, last, count in _batches(model, ring.current):
                    if should_stop():
                        rotation.stopped = True
                        return rotation
                    with transaction.atomic():
                        model.rekey_all(ring, lambda n: None, pk_range=(first, last))
                    rotation.rows += count
                    total = max(total, rotation.rows)  # rows sealed meanwhile, old key
                    progress(rotation.rows, total)
            if not rows_left(ring.current):
                break
        else:
            raise RotationError(f"{rows_left(ring.current)} rows are still sealed under an "
                                "old key after several passes: restart the web server and "
                                "workers, then run the rotation again")
        _finish(ring, rotation)
    return rotation


def _finish(ring: Keyring, rotation: Rotation) -> None:
    _, path = key_source()
    with transaction.atomic():
        # The new key's check value stays; the old keys leave the file below, so theirs go.
        custody.record_check(ring)
        KeyCheck.objects.exclude(key_id=ring.current).delete()
        custody.record_key_event("rotated", {
            "old_key_id": ", ".join(rotation.old_key_ids), "new_key_id": ring.current,
            "rows": rotation.rows, "resumed": rotation.resumed})
    write_keyring_file(path, ring.only_current())
