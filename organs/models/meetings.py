"""Meetings of an organ: the date, the agenda, who of the organ's members attended, and the
minutes, sealed like a person's notes. ``OrganRules`` holds the organ's quorum and majority
rules (``organs.rules``); an organ without a row uses the defaults."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from fieldwork.models.sealing import SealedColumn, rekey_columns
from organizations.models import Unit
from organs import rules
from people.models import Person
from people.references import STAYS
from publications.models import Precision
from vault.keyring import Keyring

TITLE_MAX = 300


class MajorityRule(models.TextChoices):
    SIMPLE = rules.SIMPLE, _("Simple majority (more for than against)")
    ABSOLUTE = rules.ABSOLUTE, _("Absolute majority of the voting members")
    TWO_THIRDS = rules.TWO_THIRDS, _("Two thirds of the votes cast")


class QuorumRule(models.TextChoices):
    HALF = rules.QUORUM_HALF, _("More than half of the voting members")
    TWO_THIRDS = rules.QUORUM_TWO_THIRDS, _("At least two thirds of the voting members")


class OrganRules(Record):
    """The rules an organ decides by; one row per unit, optional."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="organ_rules",
                                verbose_name=_("organ"))
    quorum = models.CharField(_("quorum"), max_length=12, choices=QuorumRule.choices,
                              default=QuorumRule.HALF)
    majority = models.CharField(_("majority rule"), max_length=12,
                                choices=MajorityRule.choices, default=MajorityRule.SIMPLE)

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        verbose_name = _("rules of the organ")
        verbose_name_plural = _("rules of organs")

    def __str__(self) -> str:
        return f"rules of {self.unit_id}: {self.quorum}, {self.majority}"

    @classmethod
    def of(cls, unit: Unit) -> OrganRules:
        """The organ's rules, or the defaults (unsaved) when it has set none."""
        return cls.objects.filter(unit=unit).first() or cls(unit=unit)


class Meeting(Record):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="meetings",
                             verbose_name=_("organ"))
    held_on = models.DateField(_("date"))
    # A historical meeting may be known to the month or the year only (then held_on is its
    # first day), as the sources give it.
    date_precision = models.CharField(_("date known to the"), max_length=5,
                                      choices=Precision.choices, default=Precision.DAY)
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices,
                            default=Kind.REGULAR)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.PLANNED)
    # The minutes may name who said what and where: sealed (associated data
    # "meeting-minutes:<uid>"), shown only by an audited reveal.
    minutes_sealed = models.TextField(blank=True, editable=False)

    anchor = Anchor(at.RECORD, "unit")
    sealed_fields = ("minutes_sealed",)
    MINUTES = SealedColumn("minutes_sealed", "meeting-minutes")
    MINUTES_MAX = 20000

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "held_on"], name="meeting_unit_date")]

    def __str__(self) -> str:
        return f"meeting of {self.unit_id} on {self.held_on}"

    def seal_minutes(self, text: str, keyring: Keyring | None = None) -> None:
        self.MINUTES.seal(self, text, keyring)

    def unseal_minutes(self, keyring: Keyring | None = None) -> str:
        return self.MINUTES.unseal(self, keyring)

    @property
    def has_minutes(self) -> bool:
        return bool(self.minutes_sealed)

    @classmethod
    def rekey_all(cls, keyring: Keyring, progress: Callable[[int], object],
                  pk_range: tuple[int, int] | None = None) -> int:
        return rekey_columns(cls, (cls.MINUTES,), keyring, progress, pk_range)


class AgendaItem(Record):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda",
                                verbose_name=_("meeting"))
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("item"), max_length=TITLE_MAX)

    anchor = Anchor(at.RECORD, "meeting__unit")

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"],
                                               name="agenda_item_unique_position")]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Attendance(Record):
    class Presence(models.TextChoices):
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("meeting"))
    # Empty only after the member was deleted: the meeting keeps its count.
    person = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("member"))
    presence = models.CharField(_("attendance"), max_length=8, choices=Presence.choices)

    anchor = Anchor(at.RECORD, "meeting__unit")
    # The attendance is the organ's record of its meeting and stays with it; pages load the
    # member through the access layer, so one who moved away is no longer named.
    person_references = {"person": STAYS}

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "person__alias"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"],
                                               name="attendance_once_per_member")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.presence} at {self.meeting_id}"

    def clean(self) -> None:
        if self.person_id and self.meeting_id and not is_member_of(self.person,
                                                                   self.meeting.unit):
            raise ValidationError({"person": _(
                "Only members of the organ have an attendance at its meetings.")})


def is_member_of(person: Any, unit: Unit) -> bool:
    """A member (not a contact) of the organ, whatever the membership status."""
    return bool(person.unit_id == unit.pk and person.kind == Person.Kind.MEMBER)


def votes(person: Any) -> bool:
    """Only full members vote; candidates have a voice, no vote."""
    return bool(person.status == Person.Status.MEMBER)
