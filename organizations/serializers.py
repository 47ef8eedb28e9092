"""API input and output for coalitions, organizations and units.

Serializers validate input and hand it to the ``do_*`` actions (never ``Model.save``). Every
related object in input is limited to what the requesting user may use (``RestrictedRelatedField``).
"""

from __future__ import annotations

from typing import cast

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from access.api import (
    RecordSerializer,
    RestrictedRelatedField,
    UidModelSerializer,
    action_errors,
)
from access.helpers import can
from accounts.founding import refuse_api_founding
from organizations.actions import (
    do_create_coalition,
    do_create_organization,
    do_create_unit,
    do_move_unit,
    do_update,
    do_update_organization,
    do_update_unit,
)
from organizations.models import (
    Coalition,
    CoalitionMembership,
    IdeologyTag,
    LineageEvent,
    Organization,
    PublicOffice,
    SisterLink,
    Unit,
)
from people.models import Person

_tag_max = IdeologyTag._meta.get_field("name").max_length
assert _tag_max is not None  # a CharField: max_length is set
TAG_MAX: int = _tag_max


def _user(serializer: serializers.Serializer):
    return serializer.context["request"].user


def _not_in_future_year(year: int | None) -> int | None:
    if year and year > timezone.localdate().year:
        raise serializers.ValidationError(_("The year cannot be in the future."))
    return year


# --- coalitions ---

class CoalitionMemberSerializer(UidModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = CoalitionMembership
        fields = ["organization", "organization_name", "status", "joined_on"]
        read_only_fields = fields


class CoalitionSerializer(RecordSerializer):
    members = serializers.SerializerMethodField(
        help_text="Member organizations that the caller may see.")

    class Meta:
        model = Coalition
        fields = ["uid", "version",
                  "name", "acronym", "kind", "founded_year", "description", "website",
                  "members"]

    @extend_schema_field(CoalitionMemberSerializer(many=True))
    def get_members(self, coalition: Coalition) -> list[dict]:
        visible = Organization.objects.restrict(_user(self)).values("pk")
        rows = (CoalitionMembership.objects.filter(coalition=coalition,
                                                   organization__in=visible)
                .select_related("organization").order_by("organization__name"))
        # many=True makes a ListSerializer (BaseSerializer.__new__); the stubs do not model that.
        members = cast(serializers.ListSerializer[CoalitionMembership],
                       CoalitionMemberSerializer(rows, many=True))
        return members.data

    def validate_founded_year(self, year):
        return _not_in_future_year(year)

    def create(self, validated_data) -> Coalition:
        refuse_api_founding(_user(self))  # who may found (accounts/founding.py)
        with action_errors():
            return do_create_coalition(acting_user=_user(self), data=validated_data)

    def update(self, instance, validated_data) -> Coalition:
        with action_errors():
            return do_update(acting_user=_user(self), obj=instance, data=validated_data)


# --- organizations ---

class TagListField(serializers.ListField):
    """Ideology tags by name: read from the relation, written as a list of names."""

    child = serializers.CharField(max_length=TAG_MAX)

    def to_representation(self, data) -> list[str]:
        return [tag.name for tag in data.all()]

    def to_internal_value(self, data) -> list[str]:
        seen: dict[str, str] = {}
        for tag in super().to_internal_value(data):
            tag = " ".join(tag.split())
            if tag:
                seen.setdefault(tag.casefold(), tag)
        return list(seen.values())


def _visible_uid(context: dict, org: Organization | None) -> str | None:
    """The uid of a linked organization when the caller may see it (``visible_orgs``: the
    ids the caller may see, loaded once by OrganizationSerializer)."""
    if org is None or org.pk not in context.get("visible_orgs", ()):
        return None
    return str(org.uid)


class LineageEventSerializer(UidModelSerializer):
    other_name = serializers.SerializerMethodField()
    other = serializers.SerializerMethodField(
        help_text="The other organization's uid when the caller may see it.")

    class Meta:
        model = LineageEvent
        fields = ["kind", "other", "other_name", "date", "year", "note"]
        read_only_fields = fields

    def get_other_name(self, event: LineageEvent) -> str:
        return event.other.name if event.other is not None else event.other_name

    @extend_schema_field(OpenApiTypes.UUID)
    def get_other(self, event: LineageEvent) -> str | None:
        return _visible_uid(self.context, event.other)


class SisterLinkSerializer(UidModelSerializer):
    sister_name = serializers.SerializerMethodField()
    sister = serializers.SerializerMethodField(
        help_text="The sister organization's uid when the caller may see it.")

    class Meta:
        model = SisterLink
        fields = ["sister", "sister_name", "note"]
        read_only_fields = fields

    def get_sister_name(self, link: SisterLink) -> str:
        return link.sister.name if link.sister is not None else link.sister_name

    @extend_schema_field(OpenApiTypes.UUID)
    def get_sister(self, link: SisterLink) -> str | None:
        return _visible_uid(self.context, link.sister)


class PublicOfficeSerializer(UidModelSerializer):
    class Meta:
        model = PublicOffice
        fields = ["title", "holder", "since_year"]
        read_only_fields = fields


class OrganizationSerializer(RecordSerializer):
    """A public profile with its lineage, office holders and sister links (its periodicals:
    /api/periodicals/?organization=<uid>); the
    input for creating and editing a profile (the nested lists are read-only)."""

    ideology_tags = TagListField(required=False)
    parent_organization = RestrictedRelatedField(
        model=Organization, action="view", required=False, allow_null=True,
        help_text="The organization this one is affiliated to; null when not visible to you.")
    coalition = RestrictedRelatedField(
        model=Coalition, action="change", required=False, write_only=True,
        help_text="Only when creating: register the profile for this coalition (its office "
                  "keeps it) instead of founding the organization yourself.")
    lineage = LineageEventSerializer(many=True, read_only=True)
    public_offices = PublicOfficeSerializer(many=True, read_only=True)
    sister_links = SisterLinkSerializer(many=True, read_only=True)

    class Meta:
        model = Organization
        fields = ["uid", "version",
                  "name", "acronym", "native_name", "native_language", "country",
                  "founded_on", "founded_year", "status", "website", "description",
                  "parent_organization", "affiliation", "ideology_tags", "lineage",
                  "public_offices", "sister_links", "coalition"]
        validators: list = []  # the actions validate the model, constraints included

    def to_representation(self, org: Organization) -> dict:
        # Links to other organizations carry an id only where the caller may follow it; the
        # visible set is small (own, affiliated and coalition organizations): load it once.
        if "visible_orgs" not in self.context:
            self.context["visible_orgs"] = set(
                Organization.objects.restrict(_user(self)).values_list("pk", flat=True))
        data = super().to_representation(org)
        if org.parent_organization_id not in self.context["visible_orgs"]:
            data["parent_organization"] = None
        return data

    def validate_founded_year(self, year):
        return _not_in_future_year(year)

    def validate_founded_on(self, day):
        if day and day > timezone.localdate():
            raise serializers.ValidationError(_("The date cannot be in the future."))
        return day

    def validate(self, attrs):
        if self.instance is not None and "coalition" in attrs:
            raise serializers.ValidationError(
                {"coalition": _("A profile is registered for a coalition when it is created.")})
        return attrs

    def create(self, validated_data) -> Organization:
        tags = validated_data.pop("ideology_tags", [])
        coalition = validated_data.pop("coalition", None)
        parent = validated_data.get("parent_organization")
        # Founding, unless registered for a coalition the caller runs or added as an affiliate
        # of an organization the caller may change (as the affiliate page does).
        if coalition is None and not (parent is not None and can(
                _user(self), Organization, parent, "change")):
            refuse_api_founding(_user(self))
        with action_errors():
            return do_create_organization(acting_user=_user(self), data=validated_data,
                                          tags=tags, coalition=coalition)

    def update(self, instance, validated_data) -> Organization:
        tags = validated_data.pop("ideology_tags", None)
        with action_errors():
            return do_update_organization(acting_user=_user(self), org=instance,
                                          data=validated_data, tags=tags)


# --- units ---

class UnitSerializer(RecordSerializer):
    """A unit as structure. ``parent`` is shown only when the caller may see the parent
    (nothing above a role unit is visible). On create it is required: a unit whose structure
    the caller may change. A unit changes parent only through the move action."""

    # DRF's metaclass moves declared fields off the class, so this API field does not clash
    # with Field.parent (the enclosing serializer), which the stubs see it overriding.
    parent = RestrictedRelatedField(  # type: ignore[assignment]
        model=Unit, action="add", required=False, allow_null=True,
        help_text="On create: the unit to create this one in. Null when not visible to you.")
    depth = serializers.IntegerField(read_only=True)

    class Meta:
        model = Unit
        fields = ["uid", "version",
                  "organization", "parent", "name", "kind", "field_kind", "country",
                  "depth"]
        read_only_fields = ["organization"]
        validators: list = []  # the actions validate the model, constraints included

    def to_representation(self, unit: Unit) -> dict:
        data = super().to_representation(unit)
        visible = getattr(unit, "parent_visible", None)
        if visible is None:
            visible = unit.parent_id is not None and Unit.objects.restrict(
                _user(self)).filter(pk=unit.parent_id).exists()
        if not visible:
            data["parent"] = None
        return data

    def validate(self, attrs):
        if self.instance is None and attrs.get("parent") is None:
            raise serializers.ValidationError({"parent": _("Choose the parent unit.")})
        moved = "parent" in attrs and getattr(attrs["parent"], "pk", None) != getattr(
            self.instance, "parent_id", None)
        if self.instance is not None and moved:
            raise serializers.ValidationError(
                {"parent": _("Use the move action to give a unit a new parent.")})
        return attrs

    def create(self, validated_data) -> Unit:
        parent = validated_data.pop("parent")
        with action_errors():
            return do_create_unit(acting_user=_user(self), organization=parent.organization,
                                  parent=parent, data=validated_data)

    def update(self, instance, validated_data) -> Unit:
        with action_errors():
            return do_update_unit(acting_user=_user(self), unit=instance, data=validated_data)


class UnitMoveSerializer(serializers.Serializer):
    # Not Field.parent: see UnitSerializer.parent.
    parent = RestrictedRelatedField(model=Unit, action="change",  # type: ignore[assignment]
                                    help_text="The new parent unit.")

    def update(self, instance, validated_data) -> Unit:
        with action_errors():
            return do_move_unit(acting_user=_user(self), unit=instance,
                                new_parent=validated_data["parent"])


class UnitCountsSerializer(serializers.Serializer):
    """Aggregates only: how many people the subtree holds, by membership status."""

    unit = serializers.UUIDField()
    total = serializers.IntegerField()
    by_status = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="One entry per status: " + ", ".join(Person.Status.values))
