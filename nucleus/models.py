"""The marker of a long import written in batches (see fieldwork/import_runs.py).

A long import commits in short transactions so that logins, reveals and other writers get
their turn in between; this row is what keeps it all-or-nothing. It is written in the same
transaction as each batch, with what that batch created and the values it replaced, so that
a run that fails, is interrupted or whose process died can be undone exactly (and only what
it wrote). A finished or undone run keeps its counts and forgets its journal.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from access.anchor import RECORD, Anchor
from access.records import Record


class ImportRun(Record):
    class State(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        UNDONE = "undone", _("undone")

    kind = models.CharField(_("kind of import"), max_length=40)
    unit = models.ForeignKey("organizations.Unit", on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("unit"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("user"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.RUNNING)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    # What the batches wrote so far: ids of created records, values they replaced.
    journal = models.JSONField(_("journal"), default=dict, blank=True)
    error = models.CharField(_("why it was undone"), max_length=300, blank=True)

    anchor = Anchor(RECORD, "unit")
    # The journal holds aliases and profile values: audit rows name it, never copy it.
    sealed_fields = ("journal",)

    class Meta:
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        indexes = [models.Index(fields=["unit", "state"], name="nucleus_importrun_unit_state")]

    def __str__(self) -> str:
        return f"{self.kind} {self.uid} ({self.state})"
