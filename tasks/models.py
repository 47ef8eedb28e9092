"""Tasks with owners, conversation assignments and in-app notifications.

A ``Task`` is a unit's record: a follow-up of an activity (kept in step with the activity's
``follow_up_on`` / ``follow_up_done`` by ``tasks.follow_ups``), a task someone was given, or a
committee's question why a field stopped (``reason_asked``). Its owner is a member of the unit,
shown by alias; no owner means the unit's secretaries.

An ``Assignment`` is a list of the unit's contacts given to one member to talk to within a
period, with a goal (a number of conversations), like Zetkin's call assignments. Progress is
counted from the activities (``tasks.progress``), never stored.

A ``Notification`` hangs on a unit (so it stays in that compartment) and is read by its
recipient only: every read filters by recipient as well as ``restrict``. Its text is a message
template named by its kind with parameters, translated when shown (``tasks.notify``).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from fieldwork.models import Activity, Field
from organizations.models import Unit
from people.models import Person
from people.references import STAYS


class Task(Record):
    class Kind(models.TextChoices):
        FOLLOW_UP = "follow_up", _("Follow-up")
        TASK = "task", _("Task")
        REASON_ASKED = "reason_asked", _("Reason asked")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.TASK)
    # Blank for a follow-up: its title is said from its activity when shown.
    title = models.CharField(_("title"), max_length=200, blank=True)
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("owner"),
                              help_text=_("Empty: the unit's secretaries."))
    due_on = models.DateField(_("due on"))
    contact = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("contact"))
    field = models.ForeignKey(Field, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("field"))
    # A follow-up is its activity's: removed with it.
    source_activity = models.OneToOneField(Activity, null=True, blank=True,
                                           on_delete=models.CASCADE,
                                           related_name="follow_up_task",
                                           verbose_name=_("activity followed up"))
    state = models.CharField(_("state"), max_length=4, choices=State.choices,
                             default=State.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+",
                                verbose_name=_("done by"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("given by"))

    anchor = Anchor(at.RECORD, "unit")
    # The task stays with its unit; pages load the people it names through the access layer.
    person_references = {"owner": STAYS, "contact": STAYS}
    keeps_tombstone = True

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["unit", "state", "due_on"], name="task_unit_open"),
                   models.Index(fields=["owner", "state", "due_on"], name="task_owner_open")]

    def __str__(self) -> str:
        return self.title or f"{self.get_kind_display()} {self.due_on}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today

    def clean(self) -> None:
        errors = {}
        owner, contact, field = self.owner, self.contact, self.field
        if owner is not None and (owner.unit_id != self.unit_id
                                  or owner.kind != Person.Kind.MEMBER):
            errors["owner"] = _("The owner must be a member of the unit.")
        if contact is not None and (contact.unit_id != self.unit_id
                                    or contact.kind != Person.Kind.CONTACT):
            errors["contact"] = _("Choose a contact of the unit.")
        if field is not None and field.unit_id != self.unit_id:
            errors["field"] = _("This field is worked by another unit.")
        if self.kind == self.Kind.TASK and not self.title.strip():
            errors["title"] = _("Say what is to be done.")
        if errors:
            raise ValidationError(errors)


class Assignment(Record):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=200)
    # Null only once the member was deleted: the list stays the unit's record.
    member = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("member"))
    contacts = models.ManyToManyField(Person, related_name="+", verbose_name=_("contacts"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    goal = models.PositiveIntegerField(_("goal (conversations)"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("given by"))

    anchor = Anchor(at.RECORD, "unit")
    person_references = {"member": STAYS, "contacts": STAYS}
    keeps_tombstone = True

    class Meta:
        verbose_name = _("conversation assignment")
        verbose_name_plural = _("conversation assignments")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        member = self.member
        if member is not None and (member.unit_id != self.unit_id
                                   or member.kind != Person.Kind.MEMBER):
            errors["member"] = _("The member must be a member of the unit.")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The period ends before it starts.")
        if self.goal is not None and self.goal < 1:
            errors["goal"] = _("The goal is at least one conversation.")
        if errors:
            raise ValidationError(errors)


class Notification(Record):
    class Kind(models.TextChoices):
        TASK_ASSIGNED = "task_assigned", _("Task assigned")
        TASK_OVERDUE = "task_overdue", _("Task overdue")
        PLAN_READY = "plan_ready", _("Plan ready")
        FIELD_STOPPED = "field_stopped", _("Field stopped")
        REASON_GIVEN = "reason_given", _("Reason given")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications", verbose_name=_("recipient"))
    # The compartment it belongs to: a notification never shows outside its unit's scope.
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    subject_uid = models.UUIDField(_("about"))
    # Parameters of the kind's message template (tasks.notify.MESSAGES): names and dates,
    # never an identity.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            # "Overdue" is said once per task and recipient (tasks.notify.notify_overdue).
            models.UniqueConstraint(fields=["recipient", "subject_uid"],
                                    condition=models.Q(kind="task_overdue"),
                                    name="notification_overdue_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_uid}"
