"""Activities: the daily work log of a unit, with sealed notes and outcomes."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from fieldwork.models.common import _not_in_future
from fieldwork.models.fields import Field
from fieldwork.models.sealing import SealedColumn, rekey_columns
from organizations.models import Unit
from people.models import Person
from people.references import STAYS
from vault.keyring import Keyring

# --- activities ---

class Activity(Record):
    class Kind(models.TextChoices):
        ONE_TO_ONE = "one_to_one", _("One-to-one conversation")
        HOME_VISIT = "home_visit", _("Home visit")
        DISTRIBUTION = "distribution", _("Distribution")
        AGITATION_MEETING = "agitation_meeting", _("Agitation meeting")
        EDUCATION_SESSION = "education_session", _("Education session")
        UNION_MEETING = "union_meeting", _("Union meeting")
        STRIKE_SUPPORT = "strike_support", _("Strike support")
        PUBLIC_STATEMENT = "public_statement", _("Public statement")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="activities",
                             verbose_name=_("unit"))
    field = models.ForeignKey(Field, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="activities", verbose_name=_("field"))
    kind = models.CharField(_("kind"), max_length=18, choices=Kind.choices)
    quantity = models.PositiveIntegerField(_("quantity distributed"), null=True, blank=True)
    date = models.DateField(_("date"), validators=[_not_in_future])
    members = models.ManyToManyField(Person, blank=True, related_name="activities_as_member",
                                     verbose_name=_("members"))
    contacts = models.ManyToManyField(Person, blank=True, related_name="activities_as_contact",
                                      verbose_name=_("contacts"))
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    # Notes and the outcome may name or place people: sealed like identities (associated
    # data "activity:<uid>" and "activity-outcome:<uid>"); empty stays empty.
    notes_sealed = models.TextField(blank=True, editable=False)
    outcome_sealed = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("recorded by"))

    # Every member of the unit logs their own field work, and corrects what they recorded.
    anchor = Anchor(at.RECORD, "unit", member_right=at.LOG, own="created_by")
    # Activities stay with their unit; the people they name are loaded through the access
    # layer, so someone who moved away is no longer shown to the old unit.
    person_references = {"members": STAYS, "contacts": STAYS}
    keeps_tombstone = True
    sealed_fields = ("notes_sealed", "outcome_sealed")
    NOTES = SealedColumn("notes_sealed", "activity")
    OUTCOME = SealedColumn("outcome_sealed", "activity-outcome")

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["unit", "date"], name="activity_unit_date"),
            models.Index(fields=["field", "date"], name="activity_field_date"),
            # Activities per day across a subtree: an index-only scan of a date range.
            models.Index(fields=["date", "unit"], name="activity_date_unit"),
            # Open follow-ups only: small, and exactly what the overdue counts scan.
            models.Index(fields=["field", "follow_up_on"], name="activity_open_follow_up",
                         condition=models.Q(follow_up_done=False,
                                            follow_up_on__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"

    @classmethod
    def after_person_merge(cls, person: Person) -> None:
        """The kept contact now has both histories: their last contact is the later one."""
        from fieldwork.contact_dates import refresh_last_contact

        refresh_last_contact([person.pk])

    def clean(self) -> None:
        errors = {}
        if self.unit_id and self.field is not None and self.field.unit_id != self.unit_id:
            errors["field"] = _("This field is worked by another unit.")
        if self.follow_up_on and self.date and self.follow_up_on < self.date:
            errors["follow_up_on"] = _("The follow-up cannot be before the activity.")
        if self.kind == self.Kind.DISTRIBUTION and not self.quantity:
            errors["quantity"] = _("Say how many were distributed.")
        if self.kind != self.Kind.DISTRIBUTION and self.quantity is not None:
            errors["quantity"] = _("Only a distribution has a quantity.")
        if errors:
            raise ValidationError(errors)

    # --- sealed notes and outcome; read through fieldwork.actions.reveal_activity_notes ---
    def seal_notes(self, text: str, keyring: Keyring | None = None) -> None:
        self.NOTES.seal(self, text, keyring)

    def unseal_notes(self, keyring: Keyring | None = None) -> str:
        return self.NOTES.unseal(self, keyring)

    def seal_outcome(self, text: str, keyring: Keyring | None = None) -> None:
        self.OUTCOME.seal(self, text, keyring)

    def unseal_outcome(self, keyring: Keyring | None = None) -> str:
        return self.OUTCOME.unseal(self, keyring)

    @property
    def has_sealed_text(self) -> bool:
        return bool(self.notes_sealed or self.outcome_sealed)

    @classmethod
    def rekey_all(cls, keyring: Keyring, progress: Callable[[int], object],
                  pk_range: tuple[int, int] | None = None) -> int:
        """Re-encrypt every sealed note and outcome with the keyring's current key."""
        return rekey_columns(cls, (cls.NOTES, cls.OUTCOME), keyring, progress, pk_range)
