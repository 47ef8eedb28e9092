from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """Who did what to which record, and which fields changed: never the values of
    identity fields."""

    class Action(models.TextChoices):
        CREATE = "create"
        UPDATE = "update"
        DELETE = "delete"
        REVEAL = "reveal"
        MOVE = "move"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    action = models.CharField(max_length=10, choices=Action.choices)
    model = models.CharField(max_length=60)
    object_id = models.BigIntegerField()
    # The unit whose compartment the record is in, when it has one: audit views are scoped too.
    unit = models.ForeignKey("organizations.Unit", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    fields = models.JSONField(default=list)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["model", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.model}#{self.object_id}"
