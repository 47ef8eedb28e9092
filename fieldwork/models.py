"""Work among the masses: fields (workplaces, institutions, schools, localities, villages), their
parts, contacts and ties, assessments on a per-organization scale, structure tests, activities
(with encrypted notes), the pulse of a field and the mass organizations present in it.

Access follows the unit that works a field. A field and its parts are *structure*: every unit
above sees them and their aggregates. Everything about people (contact profiles, ties,
assessments, participation, activities, mood notes) is a *record* of that unit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.querysets import RestrictedQuerySet
from access.records import Record
from access.scope import scope_for
from organizations.models import Organization, Unit
from people.models import Person
from people.references import FOLLOWS, STAYS, Held
from vault import crypto
from vault.keyring import Keyring

PRIORITY_MAX = 5


def _not_in_future(value) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")


def _default_stale_days() -> int:
    return settings.NUCLEUS_STALE_DAYS


# --- querysets: extra questions beyond restrict(); access itself comes from each anchor ---

class FieldQuerySet(RestrictedQuerySet["Field"]):
    def prioritizable(self, user: Any) -> Self:
        """Fields whose priority the user may set: a 'change' role with oversight on a unit
        strictly above the unit that works the field (the responsible committee)."""
        return self.filter(scope_for(user).strictly_below_q("unit__", "change"))


FieldManager = models.Manager.from_queryset(FieldQuerySet)


# --- fields and their parts ---

class Field(Record):
    class Kind(models.TextChoices):
        WORKPLACE = "workplace", _("Workplace")
        INSTITUTION = "institution", _("Institution")
        SCHOOL = "school", _("School")
        LOCALITY = "locality", _("Locality or neighbourhood")
        VILLAGE = "village", _("Village")

    class Sector(models.TextChoices):
        NONE = "", _("—")
        ENERGY = "energy", _("Energy production and distribution")
        TRANSPORT = "transport", _("Transport")
        COMMUNICATION = "communication", _("Communication")
        HEALTH = "health", _("Health")
        EDUCATION = "education", _("Education")
        OTHER = "other", _("Other")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="fields",
                             verbose_name=_("unit working it"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices,
                            default=Kind.WORKPLACE)
    name = models.CharField(_("name"), max_length=200)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    sub_sector = models.CharField(_("sub-sector"), max_length=100, blank=True)
    headcount = models.PositiveIntegerField(_("headcount"), default=0)
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)])
    strategic = models.BooleanField(_("strategic"), default=False)
    strategic_sector = models.CharField(_("strategic sector"), max_length=14, blank=True,
                                        choices=Sector.choices, default=Sector.NONE)
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=0, validators=[MaxValueValidator(PRIORITY_MAX)],
        help_text=_("Set by the responsible committee: 0 (none) to 5 (highest)."))
    objects: ClassVar[FieldManager[Field]] = FieldManager()

    anchor = Anchor(at.STRUCTURE, "unit")

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["-priority", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"],
                                               name="field_unique_name_in_unit")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.strategic and not self.strategic_sector:
            errors["strategic_sector"] = _("A strategic field needs its strategic sector.")
        if self.strategic_sector and not self.strategic:
            errors["strategic"] = _("Only a strategic field has a strategic sector.")
        if errors:
            raise ValidationError(errors)


class FieldPart(Record):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        SHIFT = "shift", _("Shift")
        LINE = "line", _("Production line")
        OTHER = "other", _("Other")

    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="parts",
                              verbose_name=_("field"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices,
                            default=Kind.DEPARTMENT)
    headcount = models.PositiveIntegerField(_("headcount"), default=0)

    anchor = Anchor(at.STRUCTURE, "field__unit")

    class Meta:
        verbose_name = _("part of a field")
        verbose_name_plural = _("parts of fields")
        ordering = ["field", "name"]
        constraints = [models.UniqueConstraint(fields=["field", "name"],
                                               name="field_part_unique_name")]

    def __str__(self) -> str:
        return self.name


# --- mass organizations ---

class MassOrganization(Record):
    class Kind(models.TextChoices):
        TRADE_UNION = "trade_union", _("Trade union")
        ASSOCIATION = "association", _("Association")
        FEDERATION = "federation", _("Federation")

    class Orientation(models.TextChoices):
        CLASS = "class", _("Class union")
        REFORMIST = "reformist", _("Reformist")
        BUREAUCRATIC = "bureaucratic", _("Controlled by the bureaucracy")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="mass_organizations",
                                     verbose_name=_("tracked by"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices,
                            default=Kind.TRADE_UNION)
    orientation = models.CharField(_("orientation"), max_length=12,
                                   choices=Orientation.choices, blank=True)
    note = models.TextField(_("note"), blank=True)

    anchor = Anchor(at.ORGANIZATION_WIDE, "organization")

    class Meta:
        verbose_name = _("mass organization")
        verbose_name_plural = _("mass organizations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"],
                                               name="mass_organization_unique_name")]

    def __str__(self) -> str:
        return self.name


class UnionPresence(Record):
    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="union_presences",
                              verbose_name=_("field"))
    mass_organization = models.ForeignKey(MassOrganization, on_delete=models.CASCADE,
                                          related_name="presences", verbose_name=_("union"))
    members_approx = models.PositiveIntegerField(_("members (approximate)"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)

    anchor = Anchor(at.STRUCTURE, "field__unit")

    class Meta:
        verbose_name = _("union presence")
        verbose_name_plural = _("union presences")
        ordering = ["field", "-members_approx"]
        constraints = [models.UniqueConstraint(fields=["field", "mass_organization"],
                                               name="union_presence_unique")]

    def __str__(self) -> str:
        return f"{self.mass_organization} in {self.field}"

    def clean(self) -> None:
        if (self.field_id and self.mass_organization_id and
                self.mass_organization.organization_id != self.field.unit.organization_id):
            raise ValidationError({"mass_organization": _(
                "This mass organization is tracked by another organization.")})


# --- contacts and ties ---

class ContactProfile(Record):
    """What the unit knows about a contact beyond their identity: where they work, in which
    part, their job, union and whether they lead their workmates."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE,
                                  related_name="contact_profile", verbose_name=_("person"))
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="contacts",
                              verbose_name=_("field"))
    part = models.ForeignKey(FieldPart, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="contacts", verbose_name=_("part"))
    job = models.CharField(_("job"), max_length=120, blank=True)
    union = models.ForeignKey(MassOrganization, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="contacts",
                              verbose_name=_("union"))
    leader = models.BooleanField(_("natural leader"), default=False,
                                 help_text=_("Respected by workmates; others follow them."))
    tags = models.CharField(_("tags"), max_length=300, blank=True,
                            help_text=_("Comma separated."))
    # The latest assessment (by date, then id), kept in step by fieldwork.actions.do_assess:
    # the history stays in Assessment; counting a column keeps wall charts and dashboards
    # over 200,000 contacts fast.
    current_level = models.ForeignKey("AssessmentLevel", null=True, blank=True, editable=False,
                                      on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("current level"))
    current_assessed_on = models.DateField(_("last assessed on"), null=True, blank=True,
                                           editable=False)

    # Counted with the field they are mapped in: a field's contacts are its aggregate, and
    # the join goes through 1,000 fields instead of 200,000 people.
    anchor = Anchor(at.RECORD, "person__unit", count_path="field__unit")
    person_references = {"person": Held(_(
        "A contact stays with the unit that works the field they are mapped in. If another "
        "unit must know them, it records them itself."))}
    keeps_tombstone = True

    class Meta:
        verbose_name = _("contact profile")
        verbose_name_plural = _("contact profiles")
        # With current_level the counts per field and part (wall chart, structure test,
        # dashboards) are answered from the index alone.
        indexes = [models.Index(fields=["field", "part", "current_level"],
                                name="contact_profile_field_level")]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (s.strip() for s in self.tags.split(",")) if t]

    def clean(self) -> None:
        errors = {}
        # Normalize: stripped, no duplicates, original order.
        self.tags = ", ".join(dict.fromkeys(self.tag_list))
        if self.person_id:
            if self.person.kind != Person.Kind.CONTACT:
                errors["person"] = _("Only a contact has a contact profile.")
            elif self.field_id and self.field.unit_id != self.person.unit_id:
                errors["field"] = _("The contact must be in the unit that works this field.")
        if self.field_id and self.part is not None and self.part.field_id != self.field_id:
            errors["part"] = _("This part belongs to another field.")
        if (self.field_id and self.union is not None and
                self.union.organization_id != self.field.unit.organization_id):
            errors["union"] = _("This mass organization is tracked by another organization.")
        if errors:
            raise ValidationError(errors)


class Tie(Record):
    class Kind(models.TextChoices):
        KNOWS = "knows", _("Knows")
        WORKS_BESIDE = "works_beside", _("Works beside")
        FAMILY = "family", _("Family")
        IN_TOUCH = "in_touch", _("In touch (member with contact)")

    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ties_from",
                                    verbose_name=_("from"))
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ties_to",
                                  verbose_name=_("to"))
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    # Both ends are in the same unit (Tie.clean), so one end decides.
    anchor = Anchor(at.RECORD, "from_person__unit")
    person_references = dict.fromkeys(("from_person", "to_person"), Held(_(
        "This person has ties to people of their unit, and ties stay within a unit. Remove "
        "the ties before moving the person.")))

    class Meta:
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        constraints = [models.UniqueConstraint(fields=["from_person", "to_person", "kind"],
                                               name="tie_unique_pair_kind")]

    def __str__(self) -> str:
        return f"{self.from_person} {self.kind} {self.to_person}"

    def clean(self) -> None:
        if not (self.from_person_id and self.to_person_id):
            return
        a, b = self.from_person, self.to_person
        if a.pk == b.pk:
            raise ValidationError(_("A tie links two different people."))
        if a.unit_id != b.unit_id:
            raise ValidationError(_("Both people of a tie must be in the same unit."))
        if self.kind == self.Kind.IN_TOUCH and {a.kind, b.kind} != {Person.Kind.MEMBER,
                                                                    Person.Kind.CONTACT}:
            raise ValidationError({"kind": _(
                "'In touch' links a member with a contact.")})
        reverse = Tie.objects.filter(from_person=b, to_person=a, kind=self.kind)
        if reverse.exclude(pk=self.pk).exists():
            raise ValidationError(_("This tie is already recorded the other way round."))


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
        return f"{self.value} {self.label}"


class Assessment(Record):
    """Kept forever: a person's current level is their latest assessment (by date, then id)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assessments",
                               verbose_name=_("person"))
    level = models.ForeignKey(AssessmentLevel, on_delete=models.PROTECT,
                              related_name="assessments", verbose_name=_("level"))
    assessed_on = models.DateField(_("assessed on"), validators=[_not_in_future])
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("assessed by"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    anchor = Anchor(at.RECORD, "person__unit")
    person_references = {"person": FOLLOWS}
    keeps_tombstone = True

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


class FieldworkSettings(Record):
    organization = models.OneToOneField(Organization, on_delete=models.CASCADE,
                                        related_name="fieldwork_settings",
                                        verbose_name=_("organization"))
    majority_percent = models.PositiveSmallIntegerField(
        _("majority threshold (%)"), default=50,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
        help_text=_("Reached with MORE than this share: 50 means half plus one."))
    supermajority_percent = models.PositiveSmallIntegerField(
        _("supermajority (%)"), default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Reached with at least this share."))
    supportive_max_value = models.SmallIntegerField(
        _("supportive levels up to value"), default=2,
        help_text=_("Contacts currently at a level with this value or lower count as "
                    "supportive."))
    stale_days = models.PositiveSmallIntegerField(
        _("a field has stopped after (days)"), default=_default_stale_days,
        validators=[MinValueValidator(1), MaxValueValidator(3650)])

    anchor = Anchor(at.CATALOGUE, "organization")

    class Meta:
        verbose_name = _("fieldwork settings")
        verbose_name_plural = _("fieldwork settings")

    def __str__(self) -> str:
        return f"fieldwork settings of {self.organization_id}"

    def clean(self) -> None:
        if self.supermajority_percent < self.majority_percent:
            raise ValidationError({"supermajority_percent": _(
                "The supermajority cannot be below the majority threshold.")})


# --- structure tests ---

class StructureTest(Record):
    class Kind(models.TextChoices):
        PETITION = "petition", _("Petition")
        SIGN_UP = "sign_up", _("Sign-up")
        BADGE_DAY = "badge_day", _("Badge or sticker day")
        MEETING = "meeting", _("Meeting")

    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="structure_tests",
                              verbose_name=_("field"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"), validators=[_not_in_future])

    anchor = Anchor(at.RECORD, "field__unit")

    class Meta:
        verbose_name = _("structure test")
        verbose_name_plural = _("structure tests")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Participation(Record):
    test = models.ForeignKey(StructureTest, on_delete=models.CASCADE,
                             related_name="participations", verbose_name=_("structure test"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE,
                               related_name="test_participations", verbose_name=_("person"))

    anchor = Anchor(at.RECORD, "person__unit")
    person_references = {"person": Held(_(
        "This person took part in a structure test of their unit's field, which stays with "
        "that unit."))}

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["test", "person"],
                                               name="participation_unique")]

    def __str__(self) -> str:
        return f"{self.person} in {self.test}"

    def clean(self) -> None:
        if self.test_id and self.person_id:
            profile = ContactProfile.objects.filter(person_id=self.person_id).first()
            if profile is None or profile.field_id != self.test.field_id:
                raise ValidationError({"person": _(
                    "Only a contact of this field can take part in its structure test.")})


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
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    # Notes are sealed like identities (associated data "activity:<uid>"); empty stays empty.
    notes_sealed = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("recorded by"))

    anchor = Anchor(at.RECORD, "unit")
    # Activities stay with their unit; the people they name are loaded through the access
    # layer, so someone who moved away is no longer shown to the old unit.
    person_references = {"members": STAYS, "contacts": STAYS}
    keeps_tombstone = True
    sealed_fields = ("notes_sealed",)

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

    # --- sealed notes; read through fieldwork.actions.reveal_activity_notes (audited) ---
    def _aad(self) -> str:
        return f"activity:{self.uid}"

    def seal_notes(self, text: str, keyring: Keyring | None = None) -> None:
        self.notes_sealed = crypto.encrypt(text, aad=self._aad(), keyring=keyring) if text else ""

    def unseal_notes(self, keyring: Keyring | None = None) -> str:
        if not self.notes_sealed:
            return ""
        return crypto.decrypt(self.notes_sealed, aad=self._aad(), keyring=keyring)

    @classmethod
    def rekey_all(cls, keyring: Keyring, progress: Callable[[int], object]) -> int:
        """Re-encrypt every sealed note with the keyring's current key (key rotation)."""
        empty = cls.objects.filter(notes_sealed="").count()
        if empty:
            progress(empty)
        count = 0
        rows = cls.objects.exclude(notes_sealed="").only("pk", "uid", "notes_sealed")
        for activity in rows.order_by("pk").iterator(chunk_size=500):
            activity.seal_notes(activity.unseal_notes(), keyring=keyring)
            cls.objects.filter(pk=activity.pk).update(notes_sealed=activity.notes_sealed)
            count += 1
            progress(1)
        return count


# --- the pulse of a field ---

class MoodReading(Record):
    class Value(models.IntegerChoices):
        # A temperature: the higher, the closer the workers are to acting together.
        DEMORALIZED = 1, _("1 — demoralized")
        DISCONTENTED = 2, _("2 — discontented but passive")
        RESTLESS = 3, _("3 — restless")
        ANGRY = 4, _("4 — angry, talking of action")
        READY = 5, _("5 — ready to act")

    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="mood_readings",
                              verbose_name=_("field"))
    taken_on = models.DateField(_("taken on"), validators=[_not_in_future])
    value = models.PositiveSmallIntegerField(
        _("mood"), choices=Value.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)])
    note = models.CharField(_("note"), max_length=500, blank=True)

    # Notes may name people: records of the unit; the trend is counted (see metrics.pulse).
    anchor = Anchor(at.RECORD, "field__unit")

    class Meta:
        verbose_name = _("mood reading")
        verbose_name_plural = _("mood readings")
        ordering = ["taken_on", "id"]
        indexes = [models.Index(fields=["field", "taken_on"], name="mood_field_taken_on")]

    def __str__(self) -> str:
        return f"{self.value} on {self.taken_on}"


class Demand(Record):
    class Kind(models.TextChoices):
        WAGES = "wages", _("Wages")
        HOURS = "hours", _("Working hours")
        SAFETY = "safety", _("Health and safety")
        DISMISSALS = "dismissals", _("Dismissals")
        UNION_RIGHTS = "union_rights", _("Union rights")
        HOUSING = "housing", _("Housing")
        OTHER = "other", _("Other")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="demands", verbose_name=_("organization"))
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)
    retired = models.BooleanField(_("retired"), default=False)

    anchor = Anchor(at.CATALOGUE, "organization")

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demands")
        ordering = ["organization", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"],
                                               name="demand_unique_name")]

    def __str__(self) -> str:
        return self.name


def _check_demand_organization(demand: Demand, field: Field) -> None:
    if demand.organization_id != field.unit.organization_id:
        raise ValidationError({"demand": _("This demand is in another organization's "
                                           "catalogue.")})


class DemandRaised(Record):
    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="demands_raised",
                              verbose_name=_("field"))
    demand = models.ForeignKey(Demand, on_delete=models.PROTECT, related_name="raised",
                               verbose_name=_("demand"))
    raised_on = models.DateField(_("raised on"), validators=[_not_in_future])
    note = models.CharField(_("note"), max_length=300, blank=True)

    anchor = Anchor(at.STRUCTURE, "field__unit")

    class Meta:
        verbose_name = _("demand raised")
        verbose_name_plural = _("demands raised")
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["field", "raised_on"], name="demand_raised_field_date")]

    def __str__(self) -> str:
        return f"{self.demand} on {self.raised_on}"

    def clean(self) -> None:
        if self.field_id and self.demand_id:
            _check_demand_organization(self.demand, self.field)


class Struggle(Record):
    class Kind(models.TextChoices):
        STRIKE = "strike", _("Strike")
        PROTEST = "protest", _("Protest")
        RESISTANCE = "resistance", _("Resistance")

    class Involvement(models.TextChoices):
        NONE = "none", _("None")
        SUPPORT = "support", _("Support")
        PARTICIPATION = "participation", _("Participation")
        LEADERSHIP = "leadership", _("Leadership")

    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="struggles",
                              verbose_name=_("field"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    started_on = models.DateField(_("started on"), validators=[_not_in_future])
    ended_on = models.DateField(_("ended on"), null=True, blank=True,
                                validators=[_not_in_future])
    demands = models.ManyToManyField(Demand, blank=True, related_name="struggles",
                                     verbose_name=_("demands"))
    participants = models.PositiveIntegerField(_("participants"), default=0)
    outcome = models.TextField(_("outcome"), blank=True)
    involvement = models.CharField(_("our involvement"), max_length=14,
                                   choices=Involvement.choices, default=Involvement.NONE)

    anchor = Anchor(at.STRUCTURE, "field__unit")

    class Meta:
        verbose_name = _("struggle")
        verbose_name_plural = _("struggles")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"

    def clean(self) -> None:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("A struggle cannot end before it starts.")})
