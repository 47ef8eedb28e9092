"""Deployment of forces: what each member can give, what each field needs, the plans made by
a committee (runs of the planner) and the assignments that are in force.

Forces are limited: an organization that spreads them over a whole region builds no firm base
anywhere. The committee sets priorities, concentrates on the priority fields and assigns each
member by abilities, position and location; an urgent struggle is served by a temporary team
whose members return to their basic organizations when it ends.

Access follows the scope like everywhere else: what is about a member (capacity, assignments,
planned assignments) is a record of the member's unit; a field's needs are structure like the
field itself; plans and temporary teams are records of the committee that made them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from deployment.areas import Area as Area  # re-exported: deployment.models.Area
from deployment.location import Location
from fieldwork.models import Field, Struggle
from fieldwork.models.sealing import SealedColumn, rekey_columns
from organizations.models import Unit
from people.models import Person
from people.references import FOLLOWS
from vault.keyring import Keyring

HOURS_IN_A_WEEK = 168
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
# A field without recorded needs is planned with these.
DEFAULT_MIN_TEAM = 0
DEFAULT_MAX_TEAM = 2
DEFAULT_HOURS_PER_MEMBER = Decimal("2")


class Skill(models.TextChoices):
    AGITATION = "agitation", _("Agitation")
    WRITING = "writing", _("Writing")
    EDUCATION = "education", _("Education")
    UNION_WORK = "union_work", _("Union work")
    PUBLIC_SPEAKING = "public_speaking", _("Public speaking")
    TECHNICAL = "technical", _("Technical")


def split_list(text: str) -> list[str]:
    """A comma list (Latin or Persian comma) as trimmed, lower-case, unique items in order."""
    items = (part.strip().lower() for part in re.split(r"[,،]", text or ""))
    return list(dict.fromkeys(item for item in items if item))


def skill_labels(values) -> str:
    """Skill codes as their (translated) names, for pages."""
    return ", ".join(str(Skill(v).label) for v in sorted(values) if v in Skill.values)


def check_skills(text: str) -> str:
    """Normalize a comma list of skills; ValidationError names an unknown skill."""
    items = split_list(text)
    unknown = [s for s in items if s not in Skill.values]
    if unknown:
        raise ValidationError(_("Unknown skill: %(skills)s.") % {"skills": ", ".join(unknown)},
                              code="skill")
    return ", ".join(items)


def check_languages(text: str) -> str:
    """Normalize a comma list of language codes (fa, en, ku, az ...)."""
    items = split_list(text)
    bad = [code for code in items if not LANGUAGE_CODE.match(code)]
    if bad:
        raise ValidationError(
            _("Not a language code: %(codes)s. Write codes such as fa, en, ku.")
            % {"codes": ", ".join(bad)}, code="language")
    return ", ".join(items)


# --- what members give and what fields need ---

class MemberCapacity(Record):
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="capacity",
                                  verbose_name=_("member"))
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=5, decimal_places=2, default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(HOURS_IN_A_WEEK)])
    skills = models.CharField(_("skills"), max_length=200, blank=True,
                              help_text=_("Comma separated: agitation, writing, education, "
                                          "union_work, public_speaking, technical."))
    languages = models.CharField(_("languages"), max_length=100, blank=True,
                                 help_text=_("Language codes, comma separated (fa, en, ku)."))
    # The member's area (and, recorded before areas, where they live and work), and notes
    # about them, locate or identify a person: sealed like identities (associated data
    # "capacity-location:<uid>" and "capacity-notes:<uid>"). The planner decrypts locations
    # under the access layer.
    location_sealed = models.TextField(blank=True, editable=False)
    max_distance_km = models.DecimalField(
        _("farthest field (km)"), max_digits=7, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)], help_text=_("Empty: no limit."))
    excluded_fields = models.ManyToManyField(
        Field, blank=True, related_name="+", verbose_name=_("fields to keep away from"),
        help_text=_("Fields where the member would be exposed, such as their own workplace."))
    notes_sealed = models.TextField(blank=True, editable=False)

    anchor = Anchor(at.RECORD, "person__unit")
    person_references = {"person": FOLLOWS}
    sealed_fields = ("location_sealed", "notes_sealed")
    LOCATION = SealedColumn("location_sealed", "capacity-location")
    NOTES = SealedColumn("notes_sealed", "capacity-notes")

    class Meta:
        verbose_name = _("member capacity")
        verbose_name_plural = _("member capacities")

    def __str__(self) -> str:
        return f"capacity of {self.person}"

    @property
    def skill_set(self) -> frozenset[str]:
        return frozenset(split_list(self.skills))

    @property
    def language_set(self) -> frozenset[str]:
        return frozenset(split_list(self.languages))

    @property
    def skill_display(self) -> str:
        return skill_labels(self.skill_set)

    # --- sealed parts; read through deployment.actions.reveal_capacity (audited) or by the
    # planner (deployment.services.member_locations) ---
    def seal_location(self, location: Location, keyring: Keyring | None = None) -> None:
        empty = location.home is None and location.work is None and location.area is None
        self.LOCATION.seal(self, "" if empty else location.to_json(), keyring)

    def unseal_location(self, keyring: Keyring | None = None) -> Location:
        return Location.from_json(self.LOCATION.unseal(self, keyring))

    def seal_notes(self, text: str, keyring: Keyring | None = None) -> None:
        self.NOTES.seal(self, text, keyring)

    def unseal_notes(self, keyring: Keyring | None = None) -> str:
        return self.NOTES.unseal(self, keyring)

    @classmethod
    def rekey_all(cls, keyring: Keyring, progress: Callable[[int], object],
                  pk_range: tuple[int, int] | None = None) -> int:
        return rekey_columns(cls, (cls.LOCATION, cls.NOTES), keyring, progress, pk_range)

    def clean(self) -> None:
        errors: dict = {}
        if self.person_id and self.person.kind != Person.Kind.MEMBER:
            errors["person"] = _("Only a member has a capacity.")
        for name, check in (("skills", check_skills), ("languages", check_languages)):
            try:
                setattr(self, name, check(getattr(self, name)))
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)


class FieldNeed(Record):
    class WeightSource(models.TextChoices):
        PRIORITY = "priority", _("The field's priority (0 to 5)")
        OWN = "own", _("A weight of its own")
        SUGGESTED = "suggested", _("The suggested score")

    field = models.OneToOneField(Field, on_delete=models.CASCADE, related_name="need",
                                 verbose_name=_("field"))
    weight_source = models.CharField(
        _("weight taken from"), max_length=10, choices=WeightSource.choices,
        default=WeightSource.PRIORITY,
        help_text=_("Set by the responsible committee."))
    weight = models.DecimalField(
        _("own weight"), max_digits=8, decimal_places=3, null=True, blank=True,
        validators=[MinValueValidator(0)])
    min_team = models.PositiveSmallIntegerField(
        _("smallest team"), default=DEFAULT_MIN_TEAM,
        help_text=_("0: one member is enough. k: either nobody or at least k members; no "
                    "token presence of one where k are needed."))
    max_team = models.PositiveSmallIntegerField(
        _("largest team"), default=DEFAULT_MAX_TEAM, validators=[MinValueValidator(1)])
    hours_per_member = models.DecimalField(
        _("hours per member per week"), max_digits=5, decimal_places=2,
        default=DEFAULT_HOURS_PER_MEMBER,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(HOURS_IN_A_WEEK)])
    required_skills = models.CharField(_("required skills"), max_length=200, blank=True)
    required_languages = models.CharField(_("required languages"), max_length=100, blank=True)
    # Where the field sits: the planner measures from the area's reference point (else from
    # the field's own coordinates, if any).
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("area"))

    anchor = Anchor(at.STRUCTURE, "field__unit")

    class Meta:
        verbose_name = _("field need")
        verbose_name_plural = _("field needs")

    def __str__(self) -> str:
        return f"needs of {self.field}"

    def clean(self) -> None:
        errors: dict = {}
        if self.max_team is not None and self.min_team is not None \
                and self.min_team > self.max_team:
            errors["max_team"] = _(
                "The largest team (%(max)s) cannot be smaller than the smallest team "
                "(%(min)s).") % {"max": self.max_team, "min": self.min_team}
        if self.weight_source == self.WeightSource.OWN and self.weight is None:
            errors["weight"] = _("Give the field's own weight.")
        for name, check in (("required_skills", check_skills),
                            ("required_languages", check_languages)):
            try:
                setattr(self, name, check(getattr(self, name)))
            except ValidationError as error:
                errors[name] = error.messages
        if (self.area is not None and self.field_id
                and self.area.organization_id != self.field.unit.organization_id):
            errors["area"] = _("This area belongs to another organization.")
        if errors:
            raise ValidationError(errors)


# --- temporary teams for urgent struggles ---

class TemporaryTeam(Record):
    """Members taken for a while from their basic organizations for an urgent struggle.

    Forming it is a re-plan (see deployment.services): the team is planned as a field above
    every other, and its members go back to their suspended assignments at the end date."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("committee"))
    struggle = models.ForeignKey(Struggle, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("struggle"))
    name = models.CharField(_("name"), max_length=200)
    needed_members = models.PositiveSmallIntegerField(_("members needed"),
                                                      validators=[MinValueValidator(1)])
    hours_per_member = models.DecimalField(
        _("hours per member per week"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(HOURS_IN_A_WEEK)])
    max_member_hours = models.DecimalField(
        _("most member-hours a week taken from the basic organizations"), max_digits=7,
        decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))])
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    required_skills = models.CharField(_("required skills"), max_length=200, blank=True)
    required_languages = models.CharField(_("required languages"), max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("formed by"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True, editable=False)

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("temporary team")
        verbose_name_plural = _("temporary teams")

    def __str__(self) -> str:
        return self.name

    @property
    def member_hours(self) -> Decimal:
        return self.needed_members * self.hours_per_member

    def clean(self) -> None:
        errors: dict = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("A team cannot end before it starts.")
        if (self.needed_members and self.hours_per_member and self.max_member_hours
                and self.member_hours > self.max_member_hours):
            errors["max_member_hours"] = _(
                "Cap on member-hours taken from the basic organizations: %(k)s members × "
                "%(h)s hours = %(total)s member-hours a week, more than the %(cap)s allowed. "
                "Ask for fewer members or fewer hours, or raise the cap.") % {
                "k": self.needed_members, "h": f"{self.hours_per_member:g}",
                "total": f"{self.member_hours:g}", "cap": f"{self.max_member_hours:g}"}
        if self.unit_id and self.struggle is not None and not (
                self.struggle.field.unit.path.startswith(self.unit.path)):
            errors["struggle"] = _("This struggle is in a field outside the committee's units.")
        for name, check in (("required_skills", check_skills),
                            ("required_languages", check_languages)):
            try:
                setattr(self, name, check(getattr(self, name)))
            except ValidationError as error:
                errors[name] = error.messages
        if errors:
            raise ValidationError(errors)


# --- plans ---

class PlanRun(Record):
    """One run of the planner for a committee: its input, progress, result and history."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        APPLIED = "applied", _("Applied")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("committee"))
    team = models.ForeignKey(TemporaryTeam, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="runs", verbose_name=_("temporary team"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("started by"))
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    started_at = models.DateTimeField(_("solving started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0,
                                                validators=[MaxValueValidator(100)])
    message = models.CharField(_("step"), max_length=300, blank=True)
    time_limit_s = models.FloatField(_("time limit (seconds)"))
    stability_weight = models.FloatField(_("stability weight"), default=0.5)
    objective = models.FloatField(_("objective"), null=True, blank=True)
    bound = models.FloatField(_("bound"), null=True, blank=True)
    gap = models.FloatField(_("gap"), null=True, blank=True)
    greedy_objective = models.FloatField(_("greedy objective"), null=True, blank=True)
    solve_seconds = models.FloatField(_("solve time (seconds)"), null=True, blank=True)
    solver_status = models.CharField(max_length=20, blank=True)
    error_message = models.TextField(_("error"), blank=True)
    # The instance as planned (member and field ids, hours, skills ...), the comparison with
    # the deployment at that time and why unstaffed fields stayed so: edits and the apply step
    # are checked against exactly what was planned.
    params = models.JSONField(default=dict, blank=True)
    diff = models.JSONField(default=dict, blank=True)
    unstaffed = models.JSONField(default=dict, blank=True)
    revision = models.PositiveIntegerField(default=0)
    edited = models.BooleanField(_("edited by hand"), default=False)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("applied by"))

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"plan {self.pk} of {self.unit}"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def gap_percent(self) -> float | None:
        return None if self.gap is None else self.gap * 100

    @property
    def team_field_id(self) -> int | None:
        """The id the temporary team has in the planner's instance (never a real field)."""
        return -self.team_id if self.team_id else None


class PlannedAssignment(Record):
    run = models.ForeignKey(PlanRun, on_delete=models.CASCADE, related_name="assignments",
                            verbose_name=_("plan"))
    member = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("member"))
    # Empty: the run's temporary team.
    field = models.ForeignKey(Field, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="+", verbose_name=_("field"))
    explanation = models.CharField(_("why"), max_length=500, blank=True)
    # The explanation as [template, params] parts (deployment/planner/explain.py), so that
    # it is shown in the reader's language; the text above stays for the command line.
    reasons = models.JSONField(_("why, in parts"), default=list, blank=True)
    kept = models.BooleanField(_("kept from the current deployment"), default=False)

    anchor = Anchor(at.RECORD, "member__unit")
    person_references = {"member": FOLLOWS}

    class Meta:
        verbose_name = _("planned assignment")
        verbose_name_plural = _("planned assignments")
        ordering = ["run", "field", "member__alias"]
        constraints = [
            models.UniqueConstraint(fields=["run", "member", "field"],
                                    name="planned_assignment_unique"),
            models.UniqueConstraint(fields=["run", "member"], condition=models.Q(field=None),
                                    name="planned_assignment_unique_team")]

    def __str__(self) -> str:
        return f"{self.member} to {self.field or 'team'}"


class DeploymentAssignment(Record):
    """A member working a field (or serving on a temporary team) from ``since``; in force
    while ``until`` is empty."""

    member = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="deployments",
                               verbose_name=_("member"))
    field = models.ForeignKey(Field, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="deployments", verbose_name=_("field"))
    # Made while a temporary team was in force: ends when the team is dissolved. With no
    # field, the assignment is the team itself.
    temporary_team = models.ForeignKey(
        TemporaryTeam, null=True, blank=True, on_delete=models.PROTECT,
        related_name="assignments", verbose_name=_("temporary team"))
    # Ended to free the member for a team: restored when the team is dissolved.
    suspended_by = models.ForeignKey(
        TemporaryTeam, null=True, blank=True, on_delete=models.PROTECT,
        related_name="suspended_assignments", editable=False, verbose_name=_("suspended by"))
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)
    plan_run = models.ForeignKey(PlanRun, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", editable=False, verbose_name=_("plan"))
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True, editable=False)

    anchor = Anchor(at.RECORD, "member__unit")
    person_references = {"member": FOLLOWS}

    class Meta:
        ordering = ["-since", "-id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(field__isnull=False) | models.Q(temporary_team__isnull=False),
                name="assignment_field_or_team"),
            models.UniqueConstraint(
                fields=["member", "field"],
                condition=models.Q(until=None, field__isnull=False),
                name="assignment_one_current_per_field"),
            models.UniqueConstraint(
                fields=["member", "temporary_team"],
                condition=models.Q(until=None, field=None),
                name="assignment_one_current_per_team"),
        ]
        indexes = [models.Index(fields=["member", "until"], name="assignment_member_until")]

    def __str__(self) -> str:
        return f"{self.member} at {self.field or self.temporary_team}"

    def clean(self) -> None:
        errors: dict = {}
        if self.member_id and self.member.kind != Person.Kind.MEMBER:
            errors["member"] = _("Only members are deployed.")
        if self.until and self.since and self.until < self.since:
            errors["until"] = _("An assignment cannot end before it starts.")
        if (self.member_id and self.field is not None
                and self.field.unit.organization_id != self.member.unit.organization_id):
            errors["field"] = _("This field is worked by another organization.")
        if errors:
            raise ValidationError(errors)
