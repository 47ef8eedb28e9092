"""The assessment scale of an organization and the assessments made on it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    RegexValidator,
)
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from fieldwork.defaults import shown
from fieldwork.models.common import _not_in_future
from fieldwork.models.contacts import ContactProfile
from fieldwork.models.sealing import SealedColumn, rekey_columns
from organizations.models import Organization
from people.models import Person
from people.references import FOLLOWS
from vault.keyring import Keyring

# --- assessment ---

class AssessmentLevel(Record):
    """A step of an organization's assessment scale. Levels are added or retired, never
    rewritten: old assessments keep pointing at the level they were made on."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="assessment_levels",
                                     verbose_name=_("organization"))
    value = models.SmallIntegerField(_("value"))
    label = models.CharField(_("label"), max_length=80)
    colour = models.CharField(_("colour"), max_length=7, validators=[RegexValidator(
        r"^#[0-9a-fA-F]{6}$", _("A colour is written #rrggbb."))])
    retired = models.BooleanField(_("retired"), default=False)
    position = models.SmallIntegerField(_("order"), default=0)

    anchor = Anchor(at.CATALOGUE, "organization")

    class Meta:
        verbose_name = _("assessment level")
        verbose_name_plural = _("assessment levels")
        ordering = ["organization", "position", "value"]
        constraints = [models.UniqueConstraint(fields=["organization", "value"],
                                               name="assessment_level_unique_value")]

    def __str__(self) -> str:
        return f"{self.value} {self.shown_label}"

    @property
    def shown_label(self) -> str:
        """The label in the reader's language while it is a default's (fieldwork/defaults.py)."""
        return shown(self.label)


class Assessment(Record):
    """A person's current level is their latest assessment (by date, then id). Corrected or
    removed only when made in error (fieldwork.actions.do_update_assessment, do_delete)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assessments",
                               verbose_name=_("person"))
    level = models.ForeignKey(AssessmentLevel, on_delete=models.PROTECT,
                              related_name="assessments", verbose_name=_("level"))
    assessed_on = models.DateField(_("assessed on"), validators=[_not_in_future])
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("assessed by"))
    # The note may say who the person is or where to find them: sealed (associated data
    # "assessment-note:<uid>"), shown only by an audited reveal.
    note_sealed = models.TextField(blank=True, editable=False)
    # Members assess too where the unit's secretary allows it (Unit.members_assess).
    anchor = Anchor(at.RECORD, "person__unit", member_right=at.ASSESS, own="assessed_by")
    person_references = {"person": FOLLOWS}
    keeps_tombstone = True
    sealed_fields = ("note_sealed",)
    NOTE = SealedColumn("note_sealed", "assessment-note")
    NOTE_MAX = 500

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-assessed_on", "-id"]
        # The latest assessment of a person is one backward index scan.
        indexes = [models.Index(fields=["person", "-assessed_on", "-id"],
                                name="assessment_latest")]

    def __str__(self) -> str:
        return f"{self.person} {self.level.value} on {self.assessed_on}"

    @classmethod
    def after_person_merge(cls, person: Person) -> None:
        """Two histories became one: the current level is the latest of them."""
        latest = (cls.objects.filter(person=person).order_by("-assessed_on", "-id")
                  .values("level_id", "assessed_on").first())
        ContactProfile.objects.filter(person=person).update(
            current_level_id=latest["level_id"] if latest else None,
            current_assessed_on=latest["assessed_on"] if latest else None)

    def clean(self) -> None:
        if self.person_id and self.level_id and (
                self.level.organization_id != self.person.unit.organization_id
                or self.level.retired):
            raise ValidationError({"level": _("This level is outside the scale of the "
                                              "person's organization.")})

    def seal_note(self, text: str, keyring: Keyring | None = None) -> None:
        self.NOTE.seal(self, text, keyring)

    def unseal_note(self, keyring: Keyring | None = None) -> str:
        return self.NOTE.unseal(self, keyring)

    @classmethod
    def rekey_all(cls, keyring: Keyring, progress: Callable[[int], object],
                  pk_range: tuple[int, int] | None = None) -> int:
        return rekey_columns(cls, (cls.NOTE,), keyring, progress, pk_range)
