"""API input and output for meetings, motions, decisions and resolutions.

Serializers validate input and hand it to ``organs.actions`` (never ``Model.save``);
relations are named by uid and limited to what the caller may use (``RecordSerializer``).
A member named by a motion is shown only to who may see that member; the minutes are
written here, never read (their reveal is the meeting page's audited POST)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.api import RecordSerializer, RestrictedRelatedField, action_errors
from organizations.models import Organization, Unit
from organs import actions
from organs.models import (
    AgendaItem,
    Decision,
    Meeting,
    Motion,
    PublishedResolution,
    Resolution,
)
from organs.models.resolutions import POINT_MAX
from people.models import Person


def _user(serializer: serializers.Serializer[Any]) -> Any:
    return serializer.context["request"].user


def _organ_field() -> RestrictedRelatedField:
    return RestrictedRelatedField(
        model=Unit, action="add", queryset_for=Unit.objects.holding_records,
        help_text="The organ: a unit whose records you may add to.")


class _StaysOnItsUnit(RecordSerializer):
    fixed: tuple[str, ...] = ("unit",)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None:
            for name in self.fixed:
                fields[name].read_only = True
        return fields


class AgendaItemSerializer(serializers.ModelSerializer[AgendaItem]):
    uid = serializers.UUIDField(read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["uid", "position", "title"]
        read_only_fields = ["position"]


class MeetingSerializer(_StaysOnItsUnit):
    unit = _organ_field()
    minutes = serializers.CharField(write_only=True, required=False, allow_blank=True,
                                    max_length=Meeting.MINUTES_MAX,
                                    help_text="Sealed; written here, never returned.")
    has_minutes = serializers.BooleanField(read_only=True)
    agenda = AgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["uid", "version", "unit", "held_on", "date_precision", "kind", "status",
                  "minutes",
                  "has_minutes", "agenda", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def create(self, validated_data: dict[str, Any]) -> Meeting:
        unit = validated_data.pop("unit")
        with action_errors():
            return actions.do_create_meeting(acting_user=_user(self), unit=unit,
                                             data=validated_data)

    def update(self, instance: Meeting, validated_data: dict[str, Any]) -> Meeting:
        validated_data.pop("unit", None)
        with action_errors():
            return actions.do_update_meeting(acting_user=_user(self), meeting=instance,
                                             data=validated_data)


class MotionSerializer(_StaysOnItsUnit):
    fixed = ("agenda_item", "amends")
    agenda_item = RestrictedRelatedField(model=AgendaItem, action="change",
                                         help_text="An agenda item of a meeting you may "
                                                   "change.")
    amends = RestrictedRelatedField(model=Motion, action="change", required=False,
                                    allow_null=True, help_text="The motion this amends.")
    proposer = RestrictedRelatedField(
        model=Person, required=False, allow_null=True,
        help_text="A member of the organ; empty for the organ's secretariat (and in answers "
                  "when you may not see the member).")

    class Meta:
        model = Motion
        fields = ["uid", "version", "agenda_item", "amends", "title", "text", "proposer",
                  "vote_mode", "majority", "status", "votes_for", "votes_against",
                  "abstentions", "voting_members", "decided_on", "created_at", "updated_at"]
        read_only_fields = ["status", "votes_for", "votes_against", "abstentions",
                            "voting_members", "decided_on", "created_at", "updated_at"]

    def to_representation(self, instance: Motion) -> dict[str, Any]:
        data = super().to_representation(instance)
        if instance.proposer_id is not None and not Person.objects.restrict(
                _user(self)).filter(pk=instance.proposer_id).exists():
            data["proposer"] = None
        return data

    def create(self, validated_data: dict[str, Any]) -> Motion:
        item = validated_data.pop("agenda_item")
        amends = validated_data.pop("amends", None)
        with action_errors():
            return actions.do_propose_motion(acting_user=_user(self), agenda_item=item,
                                             amends=amends, data=validated_data)


class CountSerializer(serializers.Serializer[Any]):
    votes_for = serializers.IntegerField(min_value=0)
    votes_against = serializers.IntegerField(min_value=0)
    abstentions = serializers.IntegerField(min_value=0)


class DecisionSerializer(_StaysOnItsUnit):
    unit = _organ_field()
    motion = RestrictedRelatedField(model=Motion, read_only=True)

    class Meta:
        model = Decision
        fields = ["uid", "version", "unit", "number", "decided_on", "date_precision", "title",
                  "text",
                  "motion", "created_at", "updated_at"]
        read_only_fields = ["number", "created_at", "updated_at"]

    def create(self, validated_data: dict[str, Any]) -> Decision:
        unit = validated_data.pop("unit")
        with action_errors():
            return actions.do_record_decision(acting_user=_user(self), unit=unit,
                                              data=validated_data)

    def update(self, instance: Decision, validated_data: dict[str, Any]) -> Decision:
        raise serializers.ValidationError("A decision is not changed once taken.")


class ResolutionSerializer(_StaysOnItsUnit):
    unit = _organ_field()
    about = RestrictedRelatedField(model=Organization, many=True, required=False)
    decision = RestrictedRelatedField(model=Decision, required=False, allow_null=True)
    points = serializers.ListField(child=serializers.CharField(max_length=POINT_MAX),
                                   required=False, write_only=True,
                                   help_text="The points' texts, in order (replacing them).")
    published = RestrictedRelatedField(model=PublishedResolution, read_only=True)

    class Meta:
        model = Resolution
        fields = ["uid", "version", "unit", "title", "preamble", "points", "about",
                  "signatories", "signature_count", "decision", "published", "created_at",
                  "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def to_representation(self, instance: Resolution) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["points"] = [p.text for p in instance.points.order_by("number")]
        return data

    def create(self, validated_data: dict[str, Any]) -> Resolution:
        unit = validated_data.pop("unit")
        with action_errors():
            return actions.do_create_resolution(acting_user=_user(self), unit=unit,
                                                data=validated_data)

    def update(self, instance: Resolution, validated_data: dict[str, Any]) -> Resolution:
        validated_data.pop("unit", None)
        with action_errors():
            return actions.do_update_resolution(acting_user=_user(self), resolution=instance,
                                                data=validated_data)


class PublishedResolutionSerializer(RecordSerializer):
    organization = RestrictedRelatedField(model=Organization, read_only=True)
    about = RestrictedRelatedField(model=Organization, many=True, read_only=True)
    points = serializers.SerializerMethodField()

    class Meta:
        model = PublishedResolution
        fields = ["uid", "version", "organization", "title", "dated", "date_precision",
                  "preamble", "points",
                  "about", "signatories", "signature_count", "published_on"]
        read_only_fields = fields

    def get_points(self, obj: PublishedResolution) -> list[str]:
        return [p.text for p in obj.points.order_by("number")]
