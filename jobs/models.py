"""Long work done by a worker: one ``Job`` row per piece (a plan run, an import, a backup).

The row is what people see and act on — status, progress, who started it, why it failed,
cancel requested — and what the worker's housekeeping reads (heartbeat, attempts). The task
queue itself (django-tasks with its database backend, ``django_tasks_db.DBTaskResult``) only
carries "run job N"; ``task_id`` names the library's row of the current attempt.

A job hangs on the unit whose work it is: ``Anchor(RECORD, "unit")``, so its page, list and
API are seen by the unit's roles only (the rest get 404). Its ``params`` hold ids and paths,
never a person's data; the kind's task function reads the records it works on through the
access layer as the user who started it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from organizations.models import Unit


class Job(Record):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=40)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("unit"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # What the kind's task needs: ids and file names, JSON. Never a person's data.
    params = models.JSONField(default=dict, blank=True)
    # The record the job works on (a plan run), for its link; empty when it has none.
    subject_uid = models.UUIDField(null=True, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(_("step"), max_length=300, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=1)
    cancel_requested = models.BooleanField(default=False)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    worker_id = models.CharField(max_length=64, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The housekeeping's look for running jobs without a recent heartbeat.
            models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat"),
            models.Index(fields=["created_by", "status"], name="job_starter_status"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.uid}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0
