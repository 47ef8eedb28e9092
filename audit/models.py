from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Who did what to which record, and which fields changed: never the values of
    identity fields."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Changed")
        DELETE = "delete", _("Deleted")
        REVEAL = "reveal", _("Identity revealed")
        MOVE = "move", _("Moved")
        MERGE = "merge", _("Merged with a duplicate")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("by"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    model = models.CharField(_("kind of record"), max_length=60)
    object_id = models.BigIntegerField(_("record number"))
    # The unit whose compartment the record is in, when it has one: audit views are scoped too.
    unit = models.ForeignKey("organizations.Unit", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+", verbose_name=_("unit"))
    fields = models.JSONField(_("changed fields"), default=list)
    # {field: [old, new]} for fields that are not sealed; sealed ones appear in ``fields`` only.
    changes = models.JSONField(_("old and new values"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.model}#{self.object_id}"


class Tombstone(models.Model):
    """What is left of a deleted record that other systems may hold a copy of: enough for a
    client to learn that it is gone, and nothing about what it was."""

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
