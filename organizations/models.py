"""Coalitions, organizations and the compartment tree of units inside an organization."""

from __future__ import annotations

import secrets
from typing import Any, ClassVar, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.querysets import RestrictedQuerySet
from access.records import Record
from access.scope import scope_for
from organizations.regions import region_choices


def _salt() -> str:
    return secrets.token_hex(16)


class Coalition(Record):
    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International")
        CONFERENCE = "conference", _("Conference of organizations")
        MOVEMENT = "movement", _("Movement")
        FRONT = "front", _("Front or alliance")

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CONFERENCE)
    founded_year = models.PositiveSmallIntegerField(_("founded (year)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)


    anchor = Anchor(at.COALITION)

    class Meta:
        ordering = ["name"]
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")

    def __str__(self) -> str:
        return f"{self.acronym} — {self.name}" if self.acronym else self.name


class IdeologyTag(Record):
    name = models.CharField(_("name"), max_length=60, unique=True)

    anchor = Anchor(at.PUBLIC)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ideology tag")
        verbose_name_plural = _("ideology tags")

    def __str__(self) -> str:
        return self.name


class Organization(Record):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        BANNED = "banned", _("Banned")
        DISSOLVED = "dissolved", _("Dissolved")

    class Affiliation(models.TextChoices):
        NONE = "", _("Independent organization")
        YOUTH = "youth", _("Youth wing")
        REFUGEES = "refugees", _("Refugee federation")
        CAMPAIGN = "campaign", _("Campaign")
        SOCIETY = "society", _("Society")
        UNION = "union", _("Trade union or mass organization")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    native_name = models.CharField(_("native name"), max_length=200, blank=True)
    native_language = models.CharField(_("language of the native name"), max_length=10,
                                       blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    phone_region = models.CharField(
        _("country of phone numbers"), max_length=2, blank=True, choices=region_choices,
        help_text=_("Phone numbers written without a country code are read as numbers of "
                    "this country."))
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"), null=True, blank=True,
        help_text=_("When only the year is known."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.ACTIVE)
    website = models.URLField(_("website"), blank=True)
    ideology_tags = models.ManyToManyField(IdeologyTag, blank=True, verbose_name=_("ideology"))
    description = models.TextField(_("description"), blank=True)
    parent_organization = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="affiliates",
        verbose_name=_("affiliated to"))
    affiliation = models.CharField(_("kind of affiliation"), max_length=12, blank=True,
                                   choices=Affiliation.choices, default=Affiliation.NONE)
    registered_by = models.ForeignKey(
        Coalition, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("registered by"),
        help_text=_("A coalition office that keeps this profile for an organization without "
                    "users."))
    # Salt of this organization's blind-index key (see vault.crypto.blind_index).
    index_salt = models.CharField(max_length=32, default=_salt, editable=False)


    anchor = Anchor(at.ORGANIZATION)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [models.UniqueConstraint(fields=["name", "country"],
                                               name="organization_unique_name_country")]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def clean(self) -> None:
        if self.founded_on and self.founded_year and self.founded_on.year != self.founded_year:
            raise ValidationError({"founded_year": _("Does not match the founding date.")})
        if bool(self.parent_organization_id) != bool(self.affiliation):
            raise ValidationError({"affiliation": _(
                "An affiliated organization needs both the organization it belongs to and "
                "the kind of affiliation.")})
        if self.pk and self.parent_organization_id == self.pk:
            raise ValidationError({"parent_organization": _("Cannot be affiliated to itself.")})


class CoalitionMembership(Record):
    class Status(models.TextChoices):
        MEMBER = "member", _("Member")
        SIGNATORY = "signatory", _("Signatory")
        OBSERVER = "observer", _("Observer")
        SUSPENDED = "suspended", _("Suspended")
        LEFT = "left", _("Left")

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="memberships",
                                  verbose_name=_("coalition"))
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="coalition_memberships",
                                     verbose_name=_("organization"))
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.MEMBER)
    note = models.CharField(_("note"), max_length=300, blank=True)


    anchor = Anchor(at.COALITION, "coalition")

    class Meta:
        ordering = ["coalition", "organization__name"]
        verbose_name = _("coalition membership")
        verbose_name_plural = _("coalition memberships")
        constraints = [models.UniqueConstraint(fields=["coalition", "organization"],
                                               name="coalition_membership_unique")]

    def __str__(self) -> str:
        return f"{self.organization} in {self.coalition}"


class LineageEvent(Record):
    class Kind(models.TextChoices):
        SPLIT_FROM = "split_from", _("Split from")
        MERGED_INTO = "merged_into", _("Merged into")
        RENAMED = "renamed", _("Renamed from")
        SPLIT_OFF = "split_off", _("Split off (a new organization left)")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="lineage", verbose_name=_("organization"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    other = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("other organization"))
    other_name = models.CharField(_("other organization (name)"), max_length=200, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    anchor = Anchor(at.ORGANIZATION, "organization")

    class Meta:
        ordering = ["year", "date"]
        verbose_name = _("lineage event")
        verbose_name_plural = _("lineage events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.other or self.other_name}"

    def clean(self) -> None:
        if not self.other_id and not self.other_name:
            raise ValidationError(_("Name the other organization."))


class SisterLink(Record):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="sister_links", verbose_name=_("organization"))
    sister = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+", verbose_name=_("sister organization"))
    sister_name = models.CharField(_("sister organization (name)"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    anchor = Anchor(at.ORGANIZATION, "organization")

    class Meta:
        verbose_name = _("sister organization")
        verbose_name_plural = _("sister organizations")

    def __str__(self) -> str:
        return str(self.sister or self.sister_name)


class PublicOffice(Record):
    """Publicly known office holders (a chair named in public sources), not member records."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="public_offices", verbose_name=_("organization"))
    title = models.CharField(_("title"), max_length=100)
    holder = models.CharField(_("holder"), max_length=200)
    since_year = models.PositiveSmallIntegerField(_("since (year)"), null=True, blank=True)

    anchor = Anchor(at.ORGANIZATION, "organization")

    class Meta:
        verbose_name = _("public office holder")
        verbose_name_plural = _("public office holders")

    def __str__(self) -> str:
        return f"{self.title}: {self.holder}"


class UnitQuerySet(RestrictedQuerySet["Unit"]):
    def holding_records(self, user: Any, action: str = "view",
                        model: type[models.Model] | None = None) -> Self:
        """Units whose own records (people and what they own) the user may ``action``: not
        the units merely visible as structure. For choices such as where a person may move.
        With ``model``: the units where the user may ``action`` that model's records, as its
        anchor declares (a member adds their own activities)."""
        if model is not None:
            return self.filter(scope_for(user).record_units_q(model.anchor,  # type: ignore[attr-defined]
                                                              action))
        return self.filter(scope_for(user).records_q("", action))

    def topmost(self) -> list[Unit]:
        """The units of this queryset whose parent is not among them (in path order): the
        tops of the trees a user sees."""
        units = list(self.order_by("path"))
        ids = {u.pk for u in units}
        return [u for u in units if u.parent_id not in ids]


UnitManager = models.Manager.from_queryset(UnitQuerySet)


class Unit(Record):
    """A node of the compartment tree: an organ or a basic unit (cell)."""

    class Kind(models.TextChoices):
        CONGRESS = "congress", _("Congress")
        CENTRAL_COMMITTEE = "central_committee", _("Central committee")
        POLITICAL_BUREAU = "political_bureau", _("Political bureau")
        COMMITTEE = "committee", _("Committee")
        COUNTRY_ORGANIZATION = "country_organization", _("Country organization")
        LOCAL_COMMITTEE = "local_committee", _("Local committee")
        CELL = "cell", _("Cell")

    class FieldKind(models.TextChoices):
        NONE = "", _("—")
        WORKPLACE = "workplace", _("Workplace")
        SCHOOL = "school", _("School")
        LOCALITY = "locality", _("Locality or neighbourhood")
        VILLAGE = "village", _("Village")
        INSTITUTION = "institution", _("Institution")

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="units",
                                     verbose_name=_("organization"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("parent unit"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    field_kind = models.CharField(_("field of work"), max_length=12, blank=True,
                                  choices=FieldKind.choices, default=FieldKind.NONE)
    country = models.CharField(_("country"), max_length=100, blank=True)
    # Set by the unit's secretary: its members may assess contacts too, not only record their
    # conversations (read by the access layer: access.scope.Grant.members_assess).
    members_assess = models.BooleanField(
        _("members assess contacts"), default=False,
        help_text=_("Members of this unit may assess its contacts, not only record their "
                    "conversations."))
    # Blank: the unit above decides (organizations.regions).
    phone_region = models.CharField(
        _("country of phone numbers"), max_length=2, blank=True, choices=region_choices,
        help_text=_("Phone numbers written without a country code are read as numbers of "
                    "this country. Leave it blank to use the unit above."))
    # Materialized path of ids, "/1/5/9/": a subtree is one indexed prefix match.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")

    objects: ClassVar[UnitManager[Unit]] = UnitManager()

    anchor = Anchor(at.UNIT)

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [models.UniqueConstraint(fields=["parent", "name"],
                                               name="unit_unique_name_in_parent")]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/")[:-1]]

    def clean(self) -> None:
        errors = {}
        if self.kind == self.Kind.CELL and not self.field_kind:
            errors["field_kind"] = _("A cell works in a field: choose its kind.")
        if self.kind != self.Kind.CELL and self.field_kind:
            errors["field_kind"] = _("Only cells have a field of work.")
        parent = self.parent
        if parent is not None:
            if parent.organization_id != self.organization_id:
                errors["parent"] = _("The parent unit belongs to another organization.")
            elif self.pk and (parent.pk == self.pk or parent.path.startswith(self.path)):
                errors["parent"] = _("A unit cannot be placed inside itself.")
            elif parent.kind == self.Kind.CELL:
                errors["parent"] = _("A cell is a basic unit: it has no sub-units.")
        if errors:
            raise ValidationError(errors)
