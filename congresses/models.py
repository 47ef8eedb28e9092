"""Congresses and conferences, their delegate keys, delegates and credentials, and the
class positions their composition is reported by (issue #11, point 4).

A ``Congress`` is convened by a unit (the party's Congress unit for a party congress, a
committee for a conference of its units) and is that unit's record. Its ``DelegateKey``
computes the seats of each sending unit. A sending unit elects or appoints its delegates: the
``Mandate`` is the sending unit's record and names the person; the ``Delegate`` credential is
the congress's record and names **no person** — the convening unit holds the credentials of
every compartment below it and sees only the sending unit and the credential number.

Class positions (004 §13–15: "the class composition of its organisations and members") are an
organization's catalogue; a person's position and sector are sealed with their identity
(``people.models.Identity``), never stored in the clear.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from organizations.models import Organization, Unit
from people.models import Person
from people.references import Held


class Congress(Record):
    class Kind(models.TextChoices):
        CONGRESS = "congress", _("Congress")
        CONFERENCE = "conference", _("Conference")

    class Status(models.TextChoices):
        CALLED = "called", _("Called")
        IN_SESSION = "in_session", _("In session")
        CLOSED = "closed", _("Closed")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="congresses",
                             verbose_name=_("convening unit"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices,
                            default=Kind.CONGRESS)
    # Shown as "Congress 4" / "Conference 2" through one translated pattern (``title``).
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    starts_on = models.DateField(_("opens on"))
    ends_on = models.DateField(_("closes on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.CALLED)

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        verbose_name = _("congress")
        verbose_name_plural = _("congresses")
        ordering = ["unit", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "number"],
                                    name="congress_unique_number"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True)
                                   | Q(ends_on__gte=models.F("starts_on")),
                                   name="congress_ends_after_start"),
        ]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def title(self) -> str:
        from django.utils.translation import gettext

        if self.kind == self.Kind.CONFERENCE:
            return gettext("Conference %(number)s") % {"number": self.number}
        return gettext("Congress %(number)s") % {"number": self.number}

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A congress cannot close before it opens.")})


class DelegateKey(Record):
    """How many delegates each unit sends.

    * ``per_members_below``: one delegate per N voting members (status member) of each unit
      directly below the convening unit, counted over that unit's whole subtree;
    * ``per_members_cells``: one per N voting members of each cell in the convening unit's
      subtree (the cells send, the committees between them do not);
    * ``named``: named units with a number of seats each (``DelegateSeat``).

    Counted seats are rounded as ``rounding`` says, and a unit with a voting member has at
    least one seat."""

    class Kind(models.TextChoices):
        PER_MEMBERS_BELOW = "per_members_below", _(
            "One delegate per N voting members of each unit directly below")
        PER_MEMBERS_CELLS = "per_members_cells", _(
            "One delegate per N voting members of each cell")
        NAMED = "named", _("Named units with seats")

    class Rounding(models.TextChoices):
        UP = "up", _("Rounded up")
        DOWN = "down", _("Rounded down")
        NEAREST = "nearest", _("Rounded to the nearest")

    congress = models.OneToOneField(Congress, on_delete=models.CASCADE, related_name="key",
                                    verbose_name=_("congress"))
    kind = models.CharField(_("key"), max_length=20, choices=Kind.choices,
                            default=Kind.PER_MEMBERS_BELOW)
    members_per_delegate = models.PositiveSmallIntegerField(
        _("members per delegate"), null=True, blank=True)
    rounding = models.CharField(_("rounding"), max_length=8, choices=Rounding.choices,
                                default=Rounding.UP)

    anchor = Anchor(at.RECORD, "congress__unit")

    class Meta:
        verbose_name = _("delegate key")
        verbose_name_plural = _("delegate keys")

    def __str__(self) -> str:
        return f"key of {self.congress_id}"

    def clean(self) -> None:
        if self.kind != self.Kind.NAMED and not self.members_per_delegate:
            raise ValidationError({"members_per_delegate": _(
                "Say how many voting members send one delegate.")})


class DelegateSeat(Record):
    """A named unit's seats under a ``named`` key."""

    key = models.ForeignKey(DelegateKey, on_delete=models.CASCADE, related_name="seats",
                            verbose_name=_("delegate key"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("unit"))
    seats = models.PositiveSmallIntegerField(_("seats"))

    anchor = Anchor(at.RECORD, "key__congress__unit")

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["unit__path"]
        constraints = [models.UniqueConstraint(fields=["key", "unit"],
                                               name="delegate_seat_unique_unit")]

    def __str__(self) -> str:
        return f"{self.seats} seats"


class Delegate(Record):
    """A delegate's credential at a congress. It names no person: the convening unit sees
    the sending unit and the credential number, never an alias of another compartment."""

    class Selection(models.TextChoices):
        ELECTED = "elected", _("Elected")
        APPOINTED = "appointed", _("Appointed")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Not recorded")
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="delegates",
                                 verbose_name=_("congress"))
    number = models.PositiveSmallIntegerField(_("credential number"), editable=False)
    sending_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("sending unit"))
    selection = models.CharField(_("elected or appointed"), max_length=10,
                                 choices=Selection.choices, default=Selection.ELECTED)
    status = models.CharField(_("credential"), max_length=10, choices=Status.choices,
                              default=Status.SUBMITTED, editable=False)
    refusal_reason = models.CharField(_("reason for refusal"), max_length=500, blank=True,
                                      editable=False)
    attendance = models.CharField(_("attendance"), max_length=8, choices=Attendance.choices,
                                  default=Attendance.UNKNOWN, blank=True)

    anchor = Anchor(at.RECORD, "congress__unit")

    class Meta:
        verbose_name = _("delegate credential")
        verbose_name_plural = _("delegate credentials")
        ordering = ["congress", "number"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "number"],
                                    name="delegate_unique_credential_number"),
            models.CheckConstraint(condition=~Q(status="refused") | ~Q(refusal_reason=""),
                                   name="delegate_refusal_has_reason"),
        ]

    def __str__(self) -> str:
        return f"credential {self.number}"

    @property
    def voter_key(self) -> str:
        return f"delegate:{self.uid}"


class Mandate(Record):
    """The sending unit's record of whom it elected or appointed. Only here is the delegate a
    person; the congress holds the credential it points at."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="mandates",
                             verbose_name=_("sending unit"))
    congress = models.ForeignKey(Congress, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("congress"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mandates",
                               verbose_name=_("delegate"))
    selection = models.CharField(_("elected or appointed"), max_length=10,
                                 choices=Delegate.Selection.choices,
                                 default=Delegate.Selection.ELECTED)
    on = models.DateField(_("date"))
    credential = models.OneToOneField(Delegate, on_delete=models.PROTECT,
                                      related_name="mandate", editable=False,
                                      verbose_name=_("credential"))

    anchor = Anchor(at.RECORD, "unit")
    person_references = {"person": Held(_(
        "A delegate's mandate stays with the unit that sent them."))}

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        # By the columns, not through the congress: ordering by the related row would join
        # the convening unit's table, which PostgreSQL's wall hides from the sending unit.
        ordering = ["congress_id", "unit_id", "on"]
        constraints = [models.UniqueConstraint(fields=["congress", "person"],
                                               name="mandate_unique_person")]

    def __str__(self) -> str:
        return f"mandate of {self.person_id}"


class ClassPosition(Record):
    """An entry of an organization's list of class positions (004). A person's position is
    stored sealed in their identity as this entry's uid; entries are retired, never deleted
    while a sealed identity may name them."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="class_positions",
                                     verbose_name=_("organization"))
    label = models.CharField(_("class position"), max_length=100)
    position = models.SmallIntegerField(_("order"), default=0)
    retired = models.BooleanField(_("retired"), default=False)

    anchor = Anchor(at.CATALOGUE, "organization")

    class Meta:
        verbose_name = _("class position")
        verbose_name_plural = _("class positions")
        ordering = ["organization", "position", "label"]
        constraints = [models.UniqueConstraint(fields=["organization", "label"],
                                               name="class_position_unique_label")]

    def __str__(self) -> str:
        return self.label
