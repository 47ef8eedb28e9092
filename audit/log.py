"""Writing audit rows; called by every action inside its transaction.

Every row is appended to the hash chain (``audit/chain.py``) in the same transaction as the
change it records. Security events (logins, lockouts, freezes, key operations) are written
by ``record_security_event``.

The row's unit comes from the record's anchor (``access/anchor.py``), so an audit view can be
scoped like the record itself. Changed fields are stored with their old and new values,
except sealed ones (identities, notes, blind indexes): of those only the name is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from audit.chain import append
from audit.models import AuditEvent
from audit.querysets import account_label

if TYPE_CHECKING:
    from access.anchor import Anchor

# Bookkeeping columns of every record: not worth an audit entry of their own.
_BOOKKEEPING = frozenset({"id", "uid", "created_at", "updated_at", "version"})


def _plain(value: Any) -> Any:
    """A value as JSON would keep it (dates as ISO text, decimals and UUIDs as strings)."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The audited values of a record: every concrete field but sealed and bookkeeping ones
    (foreign keys by id)."""
    sealed = set(getattr(obj, "sealed_fields", ()))
    return {f.name: _plain(getattr(obj, f.attname)) for f in obj._meta.concrete_fields
            if f.name not in sealed and f.name not in _BOOKKEEPING}


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(k for k in after if before.get(k) != after.get(k))


def unit_of(obj: models.Model) -> int | None:
    anchor: Anchor | None = getattr(type(obj), "anchor", None)
    if anchor is not None:
        return anchor.unit_id_of(obj)
    return getattr(obj, "unit_id", None)


def record(*, actor: Any, action: str, obj: models.Model, fields: Iterable[str] = (),
           before: dict[str, Any] | None = None, unit_id: int | None = None) -> AuditEvent:
    """One audit row. ``before`` (a ``snapshot`` taken before the change) gives old and new
    values of what changed (of a delete: the values that went); a create records the new
    values. ``fields`` adds names whose values are never stored (sealed identity parts) or
    that are not columns (many-to-many). ``action`` is one of ``AuditEvent.Action``, so that
    the log page can name it."""
    if action not in AuditEvent.Action.values:
        raise ValueError(f"unknown audit action {action!r}")
    names = set(fields)
    changes: dict[str, list[Any]] = {}
    if action == "delete" and before is not None:
        # A removal with ``before``: the values that went, so that it can be told (and undone
        # by hand) from the log.
        changes = {n: [v, None] for n, v in before.items() if v not in (None, "", False, [])}
        names |= changes.keys()
    elif before is not None or action == "create":
        after = snapshot(obj)
        old = before or {}
        for name, value in after.items():
            if name in old and old[name] == value:
                continue
            if name not in old and action != "create":
                continue
            if action == "create" and value in (None, "", False, []):
                continue
            changes[name] = [old.get(name), value]
        names |= changes.keys()
    if unit_id is None:
        unit_id = unit_of(obj)
    return append(AuditEvent(
        actor=_user_or_none(actor), action=action, model=obj._meta.label, object_id=obj.pk,
        unit_id=unit_id, fields=sorted(names), changes=changes))


def record_batch(*, actor: Any, action: str, model: type[models.Model], unit_id: int | None,
                 uids: dict[str, Sequence[Any]], fields: Iterable[str] = (),
                 detail: dict[str, Any] | None = None) -> AuditEvent:
    """One audit row for many records written together (a bulk import's batch), instead of
    one per record: ``model`` the main kind of record, ``object_id`` 0, and in ``detail``
    the uids of every record written, by kind ({"people.Person": [uid, ...], ...}), plus
    ``detail`` (an import run's uid, say). ``fields`` as in ``record``: names only."""
    if action not in AuditEvent.Action.values:
        raise ValueError(f"unknown audit action {action!r}")
    return append(AuditEvent(
        actor=_user_or_none(actor), action=action, model=model._meta.label, object_id=0,
        unit_id=unit_id, fields=sorted(set(fields)),
        detail={**(detail or {}), "uids": {k: [str(u) for u in v] for k, v in uids.items()}}))


def _user_or_none(user: Any) -> Any:
    return user if user is not None and user.is_authenticated else None


# Longest attempted username kept: a login name, never a pasted password or a payload.
_MAX_DETAIL_TEXT = 150


def _clip(detail: dict[str, Any] | None) -> dict[str, Any]:
    return {str(k): v[:_MAX_DETAIL_TEXT] if isinstance(v, str) else v
            for k, v in (detail or {}).items()}


def record_security_event(*, kind: str, actor: Any, subject: Any = None,
                          detail: dict[str, Any] | None = None) -> AuditEvent:
    """One security event: ``kind`` an ``AuditEvent.Action`` (LOGIN, LOGIN_FAILED, LOCKOUT,
    FREEZE, UNFREEZE, KEY, SECURITY ...), ``actor`` the user who acted (None or anonymous
    for a failed login or a command), ``subject`` the account it is about (a user; the actor
    when not given; another record, a unit say, files the event with that record's unit),
    ``detail`` a few plain values (never a password, key or identity).

    Call it inside the action's transaction, like ``record``. Events about an account are
    read by the secretaries of the units where it holds a role (``audit.querysets``)."""
    if kind not in AuditEvent.Action.values:
        raise ValueError(f"unknown audit action {kind!r}")
    actor = _user_or_none(actor)
    about = subject if subject is not None else actor
    if about is None:  # a failed login for a name that is no account, a command's key work
        return append(AuditEvent(actor=None, action=kind, model=account_label(), object_id=0,
                                 detail=_clip(detail)))
    return append(AuditEvent(actor=actor, action=kind, model=about._meta.label,
                             object_id=about.pk, unit_id=unit_of(about), detail=_clip(detail)))
