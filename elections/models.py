"""Elections of an organ: an office (one seat) or a body (N seats), its nominations, and the
terms of those elected.

An ``Election`` hangs on the organ that elects (``RECORD`` on the unit): its nominations,
count and results are the organ's records, seen by whoever sees the unit's records. The
office it fills belongs to ``seat_unit`` (the electing organ unless another is named: a
conference electing a committee). Candidates are the organ's voting members (``Person`` rows
of the unit with member status); only an election ``recorded`` from the public record names
candidates by a public name, because public leaders are never ``Person`` rows.

``OfficeTerm`` is who held an office from when until when; a login's role on the seat unit
follows it (granted and ended through the audited role actions).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.models import Role
from access.records import Record
from organizations.models import Unit
from people.models import Person
from people.references import STAYS


class Election(Record):
    class Kind(models.TextChoices):
        OFFICE = "office", _("Office")
        BODY = "body", _("Body")

    class Method(models.TextChoices):
        PLURALITY = "plurality", _("Simple majority")
        ABSOLUTE = "absolute", _("Absolute majority with a runoff")
        APPROVAL = "approval", _("Approval")
        STV = "stv", _("Single transferable vote")
        RECORDED = "recorded", _("Recorded from the public record")

    class Status(models.TextChoices):
        NOMINATING = "nominating", _("Nominating")
        VOTING = "voting", _("Voting")
        COUNTED = "counted", _("Counted")
        PUBLISHED = "published", _("Published")

    class Outcome(models.TextChoices):
        NONE = "", _("Not decided")
        COUNTED = "counted", _("Elected by ballot")
        SOLE = "sole", _("Appointed as sole candidate")
        RECORDED = "recorded", _("Recorded from the public record")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="elections",
                             verbose_name=_("electing organ"))
    seat_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("unit of the office"),
        help_text=_("Leave empty when the office is the electing organ's own."))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.OFFICE)
    title = models.CharField(_("title"), max_length=120)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices,
                              default=Method.PLURALITY)
    sole_candidate_rule = models.BooleanField(
        _("sole candidate appointed without a ballot"), default=False,
        help_text=_("When one accepted candidate remains for an office, the organ may "
                    "appoint them without a ballot."))
    role_kind = models.CharField(
        _("role of those elected"), max_length=12, blank=True,
        choices=Role.Kind.choices,
        help_text=_("Given on the unit of the office to those elected who have a login, "
                    "for their term."))
    nominations_close = models.DateField(_("nominations close"), null=True, blank=True,
                                         help_text=_("The last day a nomination is taken."))
    held_on = models.DateField(_("date of the election"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.NOMINATING, editable=False)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices,
                               default=Outcome.NONE, blank=True, editable=False)
    # The full count as ballots.counting returned it, with the candidates by nomination uid:
    # {"method", "ballots", "voted", "electorate", "counts" or "rounds", "elected", ...}.
    result = models.JSONField(_("result"), default=dict, blank=True, editable=False)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    called_by = models.ForeignKey("organs.Decision", on_delete=models.PROTECT, null=True,
                                  blank=True, related_name="+",
                                  verbose_name=_("called by decision"))
    # An election at a congress: the confirmed delegates vote and stand, not the members.
    congress = models.ForeignKey("congresses.Congress", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("congress"))
    # The ballot boxes of the vote: the first round, and the runoff of the absolute-majority
    # method (a second box with the strongest two).
    box = models.OneToOneField("ballots.BallotBox", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+", editable=False)
    runoff_box = models.OneToOneField("ballots.BallotBox", on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="+", editable=False)

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="election_has_a_seat"),
            models.CheckConstraint(condition=~Q(kind="office") | Q(seats=1),
                                   name="election_office_one_seat"),
        ]

    def __str__(self) -> str:
        return f"election of {self.title} by unit {self.unit_id}"

    @property
    def office_unit(self) -> Unit:
        return self.seat_unit or self.unit

    @property
    def is_recorded(self) -> bool:
        return self.method == self.Method.RECORDED

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.kind == self.Kind.OFFICE and self.seats != 1:
            errors["seats"] = _("An office has one seat; elect a body for more.")
        if self.seats and self.seats > 1 and self.method in (self.Method.PLURALITY,
                                                              self.Method.ABSOLUTE):
            errors["method"] = _("A body of several seats is elected by approval or by "
                                 "single transferable vote.")
        if (self.seat_unit is not None and self.unit_id
                and self.seat_unit.organization_id != self.unit.organization_id):
            errors["seat_unit"] = _("The office must be in the electing organ's "
                                    "organization.")
        if self.nominations_close and self.held_on and self.nominations_close > self.held_on:
            errors["nominations_close"] = _("Nominations close on or before the election.")
        if self.congress is not None and self.unit_id and self.congress.unit_id != self.unit_id:
            errors["congress"] = _("The congress must be convened by the electing organ.")
        if errors:
            raise ValidationError(errors)


class Nomination(Record):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting acceptance")
        ACCEPTED = "accepted", _("Accepted")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="nominations",
                                 verbose_name=_("election"))
    candidate = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("candidate"))
    # At a congress: the delegate's credential, which names no person (congresses.models).
    delegate = models.ForeignKey("congresses.Delegate", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("delegate"))
    nominated_by_delegate = models.ForeignKey(
        "congresses.Delegate", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("nominated by delegate"))
    # Only in an election recorded from the public record: a public figure, never a Person.
    public_name = models.CharField(_("public name"), max_length=200, blank=True)
    nominated_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("nominated by"))
    self_nominated = models.BooleanField(_("self-nomination"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PROPOSED, editable=False)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, editable=False)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True, editable=False)
    in_favour_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", editable=False,
                                     verbose_name=_("withdrawn in favour of"))

    anchor = Anchor(at.RECORD, "election__unit")
    # The nomination is the electing organ's record: it stays with the election.
    person_references = {"candidate": STAYS, "nominated_by": STAYS}

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["election", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["election", "candidate"],
                                    condition=Q(candidate__isnull=False),
                                    name="nomination_once_per_candidate"),
            models.UniqueConstraint(fields=["election", "delegate"],
                                    condition=Q(delegate__isnull=False),
                                    name="nomination_once_per_delegate"),
            models.UniqueConstraint(fields=["election", "public_name"],
                                    condition=~Q(public_name=""),
                                    name="nomination_once_per_public_name"),
            models.CheckConstraint(
                condition=(Q(candidate__isnull=False) & Q(public_name="")
                           & Q(delegate__isnull=True))
                | (Q(candidate__isnull=True) & ~Q(public_name="") & Q(delegate__isnull=True))
                | (Q(candidate__isnull=True) & Q(public_name="") & Q(delegate__isnull=False)),
                name="nomination_names_one_candidate"),
        ]

    def __str__(self) -> str:
        return f"nomination {self.uid} in election {self.election_id}"

    def name(self) -> str:
        """How the candidate is named on the organ's pages: the alias, the public name, or
        the delegate's credential (number and sending unit, never a person)."""
        if self.delegate is not None:
            return _("Delegate %(number)s (%(unit)s)") % {
                "number": self.delegate.number, "unit": self.delegate.sending_unit.name}
        return self.public_name or (self.candidate.alias if self.candidate else "")

    @property
    def is_standing(self) -> bool:
        return self.status == self.Status.ACCEPTED


class OfficeTerm(Record):
    election = models.ForeignKey(Election, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="terms", verbose_name=_("election"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="office_terms",
                             verbose_name=_("unit"))
    title = models.CharField(_("title"), max_length=120)
    holder = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("holder"))
    public_name = models.CharField(_("public name"), max_length=200, blank=True)
    delegate = models.ForeignKey("congresses.Delegate", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("delegate"))
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True,
                             help_text=_("The first day the office is no longer held."))
    # The role granted for the term, ended with it.
    role = models.ForeignKey("access.Role", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", editable=False)

    anchor = Anchor(at.RECORD, "unit")
    person_references = {"holder": STAYS}

    class Meta:
        verbose_name = _("office term")
        verbose_name_plural = _("office terms")
        ordering = ["unit", "title", "-since", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="office_term_until_after_since"),
        ]

    def __str__(self) -> str:
        return f"{self.title} of unit {self.unit_id} since {self.since}"

    def name(self) -> str:
        return self.public_name or (self.holder.alias if self.holder else "")
