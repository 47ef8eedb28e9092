"""Sealed columns: free text and places that could identify or locate a person (activity notes
and outcomes, assessment notes, a member's home, work and capacity notes) are stored like
identities, as AES-256-GCM ciphertext (``vault.crypto``).

Each column names its purpose; the associated data is ``"<purpose>:<row uid>"``, so a value
copied into another row or another column fails to decrypt. Empty stays empty (nothing to
hide, and "no notes" needs no key). A model lists its columns in ``sealed_fields`` so that the
audit log keeps only their names, and defines ``rekey_all`` with :func:`rekey_columns` so that
``manage.py rotate_identity_keys`` re-encrypts them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models

from vault import crypto
from vault.keyring import Keyring


@dataclass(frozen=True)
class SealedColumn:
    column: str
    purpose: str

    def aad(self, obj: models.Model) -> str:
        return f"{self.purpose}:{obj.uid}"  # type: ignore[attr-defined]

    def seal(self, obj: models.Model, text: str, keyring: Keyring | None = None) -> None:
        token = crypto.encrypt(text, aad=self.aad(obj), keyring=keyring) if text else ""
        setattr(obj, self.column, token)

    def unseal(self, obj: models.Model, keyring: Keyring | None = None) -> str:
        token = getattr(obj, self.column)
        return crypto.decrypt(token, aad=self.aad(obj), keyring=keyring) if token else ""


def rekey_columns(model: type[models.Model], columns: Sequence[SealedColumn],
                  keyring: Keyring, progress: Callable[[int], object],
                  pk_range: tuple[int, int] | None = None) -> int:
    """Re-encrypt every sealed column of ``model`` (with ``pk_range``, of the rows with a
    primary key in it: one batch of ``vault.rotation``) with the keyring's current key; rows
    without a sealed value are counted without being rewritten."""
    names = [c.column for c in columns]
    manager: Any = model._default_manager
    if pk_range is not None:
        manager = manager.filter(pk__range=pk_range)
    empty = manager.filter(**{n: "" for n in names}).count()
    if empty:
        progress(empty)
    rows = manager.exclude(**{n: "" for n in names}).only("pk", "uid", *names)
    count = 0
    for obj in rows.order_by("pk").iterator(chunk_size=500):
        read = {n: getattr(obj, n) for n in names}
        values = {}
        for c in columns:
            if getattr(obj, c.column):
                c.seal(obj, c.unseal(obj), keyring=keyring)
                values[c.column] = getattr(obj, c.column)
        # Only over what was read: a row edited meanwhile was sealed by its editor under
        # the current key (or is found by the rotation's next pass), and keeps the edit.
        manager.filter(pk=obj.pk, **read).update(**values)
        count += 1
        progress(1)
    return count
