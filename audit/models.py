"""The audit log, its chain head, and tombstones.

Every ``AuditEvent`` carries ``hash``: SHA-256 over a canonical serialisation of all its
stored fields and the previous row's hash (``audit/chain.py``), so an edited, deleted or
reordered row breaks the chain (``manage.py verify_audit``). Rows are only ever inserted:
on PostgreSQL the app's role may not update or delete them, so the chain's head (position
and hash of the last row) lives in ``AuditChainHead``, which the app may update.

``actor`` and ``unit`` point at users and units without a database constraint and are never
changed (``DO_NOTHING``): a deleted user or unit must not rewrite the rows that name it
(``SET_NULL`` would be an UPDATE, which breaks the chain and which the app role may not do).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.querysets import AuditQuerySet

GENESIS = "0" * 64


class AuditEvent(models.Model):
    """Who did what to which record, and which fields changed: never the values of
    identity fields. Security events (logins, lockouts, freezes, key operations) name the
    account they are about as the record (``accounts.User``) and have no unit."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        REVEAL = "reveal", _("Identity revealed")
        MOVE = "move", _("Moved")
        MERGE = "merge", _("Merged with a duplicate")
        EXPORT = "export", _("Exported")
        LOGIN = "login", _("Logged in")
        LOGOUT = "logout", _("Logged out")
        LOGIN_FAILED = "login_failed", _("Failed login")
        LOCKOUT = "lockout", _("Locked out")
        FREEZE = "freeze", _("Account frozen")
        UNFREEZE = "unfreeze", _("Account unfrozen")
        KEY = "key", _("Key operation")
        SECURITY = "security", _("Security event")
        ENROL_SECOND_FACTOR = "enrol_second_factor", _("Authenticator app set up")
        ADD_PASSKEY = "add_passkey", _("Passkey added")
        REMOVE_PASSKEY = "remove_passkey", _("Passkey removed")
        NEW_RECOVERY_CODES = "new_recovery_codes", _("New recovery codes")
        USE_RECOVERY_CODE = "use_recovery_code", _("Recovery code used")
        UNLOCK_LOGIN = "unlock_login", _("Login unlocked")

    # The position in the chain (1, 2, 3 ...), given at insert from the chain head.
    seq = models.BigIntegerField(_("position"), unique=True, editable=False)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.DO_NOTHING,
                              db_constraint=False, related_name="+", verbose_name=_("by"))
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    model = models.CharField(_("kind of record"), max_length=60)
    object_id = models.BigIntegerField(_("record number"))
    # The unit whose compartment the record is in, when it has one: audit views are scoped too.
    unit = models.ForeignKey("organizations.Unit", null=True, blank=True,
                             on_delete=models.DO_NOTHING, db_constraint=False,
                             related_name="+", verbose_name=_("unit"))
    fields = models.JSONField(_("changed fields"), default=list)
    # {field: [old, new]} for fields that are not sealed; sealed ones appear in ``fields`` only.
    changes = models.JSONField(_("old and new values"), default=dict, blank=True)
    # What a security event adds (the attempted username of a failed login, the kind of key
    # operation): never a password, a key or an identity.
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.model}#{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Rows are written once, by audit.log, and never changed: the chain would break.
        if not self._state.adding:
            raise TypeError("audit rows are never changed")
        super().save(*args, **kwargs)


class AuditChainHead(models.Model):
    """One row: the position and hash of the last audit row. Writers lock it first, so two
    transactions cannot both append after the same row (no fork)."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain heads")

    def __str__(self) -> str:
        return f"audit chain at {self.seq}"


class Tombstone(models.Model):
    """What is left of a deleted record that other systems may hold a copy of: enough for a
    client to learn that it is gone, and nothing about what it was.

    Not in the chain: it says nothing of who did what (the deletion's audit row, which is in
    the chain, does), it is a hint for clients that sync."""

    model = models.CharField(_("kind of record"), max_length=60)
    uid = models.UUIDField(_("identifier"), unique=True)
    # Integers and the path, not a foreign key: the tombstone outlives a deleted unit's row,
    # and the path lets the access layer scope tombstones like the records they were
    # (``unit_`` as the lookup prefix: ``unit_id``, ``unit_path``).
    unit_id = models.BigIntegerField(_("unit"), null=True, blank=True, db_index=True)
    unit_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    deleted_at = models.DateTimeField(_("deleted at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["deleted_at", "id"]
        verbose_name = _("tombstone")
        verbose_name_plural = _("tombstones")

    def __str__(self) -> str:
        return f"{self.model} {self.uid} deleted"
