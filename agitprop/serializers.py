"""API input and output for materials, distributions and worker correspondence.

Input goes to the ``agitprop.actions`` (never ``Model.save``); every related record is named by
uid and limited to what the caller may use (``RecordSerializer``). A distribution is shown
through its fieldwork activity (date, copies, field, unit); the people who went or read it
are input only. The editorial side's received copy shows nothing that leads to the writer.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from access.api import RecordSerializer, RestrictedRelatedField, UidModelSerializer, action_errors
from agitprop import actions
from agitprop.models import Correspondence, Distribution, Material, SentCorrespondence
from fieldwork.models import Field, FieldPart
from organizations.models import Unit
from people.models import Person
from publications.models import Issue, Periodical


def _user(serializer: serializers.Serializer[Any]) -> Any:
    return serializer.context["request"].user


def _unit_field(**kwargs: Any) -> RestrictedRelatedField:
    return RestrictedRelatedField(model=Unit, action="add",
                                  queryset_for=Unit.objects.holding_records, **kwargs)


class MaterialSerializer(RecordSerializer):
    unit = _unit_field(help_text="The unit that made it: one whose records you may add to.")

    class Meta:
        model = Material
        fields = ["uid", "version", "unit", "kind", "title", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def create(self, validated_data: dict[str, Any]) -> Material:
        unit = validated_data.pop("unit")
        with action_errors():
            return actions.do_add_material(acting_user=_user(self), unit=unit,
                                           data=validated_data)


class DistributionSerializer(RecordSerializer):
    """A distribution and its fieldwork activity, created together (nothing half-saved)."""

    unit = _unit_field(
        source="activity.unit", required=False,
        help_text="The unit that distributed: one whose records you may add to; by default "
                  "the unit that works the field.")
    field = RestrictedRelatedField(model=Field, action="add", source="activity.field",
                                   help_text="The field (one you may add activities to).")
    date = serializers.DateField(source="activity.date")
    copies = serializers.IntegerField(source="activity.quantity", min_value=1,
                                      max_value=1_000_000)
    issue = RestrictedRelatedField(model=Issue, required=False, allow_null=True,
                                   help_text="The issue handed out, or")
    material = RestrictedRelatedField(model=Material, required=False, allow_null=True,
                                      help_text="the unit's material handed out.")
    part = RestrictedRelatedField(model=FieldPart, required=False, allow_null=True,
                                  help_text="Where in the field, when known.")
    members = RestrictedRelatedField(model=Person, action="add", many=True, required=False,
                                     write_only=True, help_text="The members who went.")
    contacts = RestrictedRelatedField(model=Person, many=True, required=False,
                                      write_only=True,
                                      help_text="The contacts who read or pass it on.")

    class Meta:
        model = Distribution
        fields = ["uid", "version", "unit", "field", "date", "copies", "issue", "material",
                  "part", "members", "contacts", "created_at"]
        read_only_fields = ["created_at"]

    def create(self, validated_data: dict[str, Any]) -> Distribution:
        activity = validated_data.pop("activity")
        field = activity["field"]
        with action_errors():
            return actions.do_record_distribution(
                acting_user=_user(self), unit=activity.get("unit") or field.unit, field=field,
                distributed_on=activity["date"], quantity=activity["quantity"],
                issue=validated_data.get("issue"), material=validated_data.get("material"),
                part=validated_data.get("part"), members=validated_data.get("members", ()),
                contacts=validated_data.get("contacts", ()))


class CorrespondenceSerializer(RecordSerializer):
    unit = _unit_field(required=False,
                       help_text="The writing unit: one whose records you may add to; by "
                                 "default the unit that works the field.")
    field = RestrictedRelatedField(model=Field, action="add",
                                   help_text="The field it reports from.")
    periodical = RestrictedRelatedField(model=Periodical, help_text="For the periodical.")

    class Meta:
        model = Correspondence
        fields = ["uid", "version", "unit", "field", "periodical", "pen_name", "text",
                  "written_on", "sent_on", "created_at", "updated_at"]
        read_only_fields = ["sent_on", "created_at", "updated_at"]

    def create(self, validated_data: dict[str, Any]) -> Correspondence:
        field, periodical = validated_data.pop("field"), validated_data.pop("periodical")
        unit = validated_data.pop("unit", None) or field.unit
        with action_errors():
            return actions.do_write_correspondence(acting_user=_user(self), unit=unit,
                                                   field=field, periodical=periodical,
                                                   data=validated_data)


class ReceivedCorrespondenceSerializer(UidModelSerializer):
    """The editorial unit's copy: no writing unit, field, person or copy behind it."""

    uid = serializers.UUIDField(read_only=True)
    sent_on = serializers.SerializerMethodField()

    class Meta:
        model = SentCorrespondence
        fields = ["uid", "periodical", "field_name", "pen_name", "text", "written_on",
                  "sent_on"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.DATE)
    def get_sent_on(self, sent: SentCorrespondence) -> str:
        return timezone.localdate(sent.created_at).isoformat()
