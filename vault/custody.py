"""Key custody: never mint a key over sealed data, never run with a key that does not open it.

Each key id that sealed data has a check value in the database (``vault.KeyCheck``): an
AES-GCM encryption of a constant under that key. A key file that was lost and re-created, or
that is corrupt, does not open it. Sealed rows are found from the models' own declarations
(``sealed_fields``), so a model that gains sealed fields is covered without a change here.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, cast

from django.apps import apps
from django.db import DatabaseError, connection, models, transaction
from django.db.models.options import Options

from vault import crypto
from vault.keyring import Keyring, KeyringError, get_keyring, key_source
from vault.models import KeyCheck

logger = logging.getLogger("nucleus.vault")

CHECK_PLAINTEXT = "nucleus identity key check"
# Ciphertexts start with their key id (vault.crypto); blind indexes (hex digests) do not.
_KEY_ID = re.compile(r"^([A-Za-z0-9_-]{1,32})\$")
# Rows read from each end of each sealed column to learn which key ids sealed the data.
SAMPLE = 5


class State(enum.Enum):
    OK = "ok"                # the current key opens its check value and every stored one
    UNCHECKED = "unchecked"  # nothing contradicts the key, but it has no check value yet
    MISSING = "missing"      # no key to load
    WRONG = "wrong"          # the key does not open the stored data


class KeyCustodyError(KeyringError):
    """The identity key cannot be used with this database; the message says what to do."""

    def __init__(self, state: State, message: str) -> None:
        super().__init__(message)
        self.reason = state.value


@dataclass(frozen=True)
class Verdict:
    state: State
    # For logs and administrators: what is wrong and what to do. Never for anonymous callers.
    detail: str = ""

    @property
    def usable(self) -> bool:
        return self.state in (State.OK, State.UNCHECKED)


class EncryptedModel(Protocol):
    """What key custody and rotation use of a model class that holds ciphertext."""

    objects: models.Manager[Any]
    _meta: Options[Any]

    def rekey_all(self, keyring: Keyring, progress: Callable[[int], object],
                  pk_range: tuple[int, int] | None = None) -> int: ...


def encrypted_models() -> list[EncryptedModel]:
    # Models holding ciphertext implement ``rekey_all(keyring, progress)``; the app registry
    # only knows them as plain models, so the cast states what hasattr checked.
    return [cast(EncryptedModel, m) for m in apps.get_models() if hasattr(m, "rekey_all")]


def expected_location() -> str:
    env_value, path = key_source()
    return "the variable NUCLEUS_IDENTITY_KEY" if env_value is not None else f"the file {path}"


def restore_advice() -> str:
    _, path = key_source()
    return (f"Restore the identity key file from custody to {path} (mode 0600, owned by the "
            "user that runs Nucleus), or set NUCLEUS_IDENTITY_KEY to the keyring, then start "
            "again. Do not create a new key: it would make every sealed row unreadable.")


# --- check values ---

def _check_aad(key_id: str) -> str:
    return f"keycheck:{key_id}"


def check_value(keyring: Keyring, key_id: str) -> str:
    single = Keyring(current=key_id, keys={key_id: keyring.key(key_id)})
    return crypto.encrypt(CHECK_PLAINTEXT, aad=_check_aad(key_id), keyring=single)


def opens(keyring: Keyring, key_id: str, token: str) -> bool:
    if crypto.key_id_of(token) != key_id:
        return False
    try:
        return crypto.decrypt(token, aad=_check_aad(key_id), keyring=keyring) == CHECK_PLAINTEXT
    except (KeyringError, ValueError):  # wrong key, or a damaged value (bad base64)
        return False


def record_check(keyring: Keyring) -> None:
    """Store the current key's check value unless it has one."""
    KeyCheck.objects.get_or_create(key_id=keyring.current,
                                   defaults={"check_value": check_value(keyring, keyring.current)})


# --- sealed rows, found from the models' declarations ---

def _sealed_columns() -> list[tuple[type[models.Model], list[models.Field[Any, Any]]]]:
    tables = set(connection.introspection.table_names())
    found = []
    for model in apps.get_models():
        names = set(getattr(model, "sealed_fields", ()))
        fields = [f for f in model._meta.concrete_fields if f.name in names]
        if fields and model._meta.db_table in tables:  # before migrate: nothing stored yet
            found.append((model, fields))
    return found


def _is_text(field: models.Field[Any, Any]) -> bool:
    return field.get_internal_type() in ("CharField", "TextField")


def _filled(field: models.Field[Any, Any]) -> models.Q:
    filled = models.Q(**{f"{field.name}__isnull": False})
    return filled & ~models.Q(**{field.name: ""}) if _is_text(field) else filled


def sealed_row_count() -> int:
    """Rows holding at least one sealed value, over every model that declares sealed fields."""
    total = 0
    for model, fields in _sealed_columns():
        condition = models.Q()
        for field in fields:
            condition |= _filled(field)
        total += model._base_manager.filter(condition).count()
    return total


def stored_key_ids() -> set[str]:
    """Key ids named by a sample of the stored ciphertexts (both ends of each column)."""
    ids: set[str] = set()
    for model, fields in _sealed_columns():
        for field in filter(_is_text, fields):
            rows = model._base_manager.filter(_filled(field))
            for order in ("pk", "-pk"):
                for value in rows.order_by(order).values_list(field.name, flat=True)[:SAMPLE]:
                    match = _KEY_ID.match(str(value))
                    if match:
                        ids.add(match.group(1))
    return ids


# --- verdicts ---

def verify(keyring: Keyring) -> Verdict:
    """Does ``keyring`` open what the database holds? A few small queries."""
    checks = dict(KeyCheck.objects.values_list("key_id", "check_value"))
    for key_id, token in sorted(checks.items()):
        if key_id in keyring.keys and not opens(keyring, key_id, token):
            return Verdict(State.WRONG, (
                f"The identity key {key_id!r} in {expected_location()} does not open its "
                "stored check value: the key is damaged or is not the key that sealed this "
                f"database. {restore_advice()}"))
    unknown = (set(checks) | stored_key_ids()) - set(keyring.keys)
    if unknown:
        return Verdict(State.WRONG, (
            f"This database was sealed with key(s) {', '.join(sorted(unknown))}, which "
            f"{expected_location()} does not hold (it holds {', '.join(sorted(keyring.keys))}): "
            f"the key was replaced. {restore_advice()}"))
    if keyring.current not in checks:
        return Verdict(State.UNCHECKED)
    return Verdict(State.OK)


def verify_unwalled(keyring: Keyring) -> Verdict:
    """``verify`` over every row: outside a request's database wall (access/dbwall.py), where
    a request without a scope would see no sealed row at all."""
    from access import dbwall

    with dbwall.system_scope():
        return verify(keyring)


def inspect() -> Verdict:
    """The verdict on the configured key, loaded as the app loads it."""
    try:
        keyring = get_keyring()
    except KeyringError as exc:
        return Verdict(State.MISSING, f"{exc}. {restore_advice()}")
    return verify_unwalled(keyring)


_last: tuple[Keyring, Verdict] | None = None


def cached_verdict() -> Verdict:
    """``inspect()`` once per loaded keyring: a changed key file is looked at again."""
    global _last
    try:
        keyring = get_keyring()
    except KeyringError as exc:
        return Verdict(State.MISSING, f"{exc}. {restore_advice()}")
    if _last is not None and _last[0] == keyring:  # by value: a re-read file is the same key
        return _last[1]
    try:
        verdict = verify_unwalled(keyring)
    except DatabaseError:
        # No database yet (or it is down): the health check says so; nothing to cache.
        return Verdict(State.UNCHECKED)
    _last = (keyring, verdict)
    if not verdict.usable:
        # Once per process and key: the app refusing to serve is a refused start too.
        logger.error("identity key refused: %s", verdict.detail)
        from access import dbwall

        with dbwall.system_scope():
            record_key_event("refused_start", {"reason": verdict.state.value,
                                               "expected": expected_location(),
                                               "by": "web server"})
    return verdict


def forget_verdict() -> None:
    global _last
    _last = None


class _RollBack(Exception):
    pass


def open_every_row(keyring: Keyring) -> None:
    """Decrypt every sealed row with ``keyring`` (a rotation onto the same key, rolled back):
    the proof needed before a key without a check value is trusted with existing data."""
    try:
        with transaction.atomic():
            for model in encrypted_models():
                model.rekey_all(keyring, lambda n: None)
            raise _RollBack
    except _RollBack:
        return
    except KeyringError as exc:
        raise KeyCustodyError(State.WRONG,
            f"The identity key in {expected_location()} does not open the stored data "
            f"({exc}). {restore_advice()}") from None


def ensure_usable() -> Keyring:
    """Start-up: the configured key opens the stored data, and has a check value from now on.

    Raises KeyCustodyError (with what to do) when it does not.
    """
    verdict = inspect()
    if not verdict.usable:
        raise KeyCustodyError(verdict.state, verdict.detail)
    keyring = get_keyring()
    if verdict.state is State.UNCHECKED:
        if sealed_row_count():
            open_every_row(keyring)
        record_check(keyring)
    return keyring


def record_key_event(operation: str, detail: dict[str, Any], *, kind: str = "key") -> None:
    """An audit row (``audit.log.record_security_event``) for a key operation (``minted``,
    ``rotated``, ``refused_start``) or, with ``kind="security"``, a backup or restore.

    Never fails the operation it records: a refused start must still be refused when the
    audit table cannot be written.
    """
    from audit import log

    try:
        log.record_security_event(kind=kind, actor=None,
                                  detail={"operation": operation, **detail})
    except DatabaseError:
        logger.exception("could not record the key operation %s", operation)
