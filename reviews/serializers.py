"""API input and output for reviews, findings and measures.

Serializers validate input and hand it to the ``reviews.actions`` (never ``Model.save``);
relations are named by uid and limited to what the caller may use (``RecordSerializer``).
The responsible member of a measure is shown only to who may see that person.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from rest_framework import serializers

from access.api import RecordSerializer, RestrictedRelatedField, action_errors
from organizations.models import Unit
from people.models import Person
from reviews import actions
from reviews.models import Finding, Measure, Review


def _user(serializer: serializers.Serializer[Any]) -> Any:
    return serializer.context["request"].user


class ReviewSerializer(RecordSerializer):
    unit = RestrictedRelatedField(
        model=Unit, action="add", queryset_for=Unit.objects.holding_records,
        help_text="The unit reviewing its own work: one whose records you may add to.")
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Review
        fields = ["uid", "version", "unit", "unit_name", "kind", "starts_on", "ends_on",
                  "status", "summary", "figures", "concluded_on", "sent_up_at", "created_at",
                  "updated_at"]
        read_only_fields = ["status", "figures", "concluded_on", "sent_up_at", "created_at",
                            "updated_at"]
        validators: list[Any] = []  # the actions validate, overlaps included

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None:  # a review stays with its unit
            fields["unit"].read_only = True
        return fields

    def create(self, validated_data: dict[str, Any]) -> Review:
        unit = validated_data.pop("unit")
        with action_errors():
            return actions.do_prepare_review(acting_user=_user(self), unit=unit,
                                             data=validated_data)

    def update(self, instance: Review, validated_data: dict[str, Any]) -> Review:
        validated_data.pop("unit", None)
        with action_errors():
            return actions.do_update_review(acting_user=_user(self), review=instance,
                                            data=validated_data)


class FindingSerializer(RecordSerializer):
    review = RestrictedRelatedField(model=Review, action="change",
                                    help_text="A draft review you may change.")

    class Meta:
        model = Finding
        fields = ["uid", "version", "review", "kind", "text", "reasons", "conditions",
                  "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None:
            fields["review"].read_only = True
        return fields

    def create(self, validated_data: dict[str, Any]) -> Finding:
        review = validated_data.pop("review")
        with action_errors():
            return actions.do_add_finding(acting_user=_user(self), review=review,
                                          data=validated_data)

    def update(self, instance: Finding, validated_data: dict[str, Any]) -> Finding:
        validated_data.pop("review", None)
        with action_errors():
            return actions.do_update_finding(acting_user=_user(self), finding=instance,
                                             data=validated_data)


class MeasureSerializer(RecordSerializer):
    finding = RestrictedRelatedField(model=Finding, action="change",
                                     help_text="A finding of a draft review you may change.")
    responsible = RestrictedRelatedField(
        model=Person, allow_null=True,
        help_text="A member of the reviewing unit (required). Empty in answers when you may "
                  "not see the member.")

    class Meta:
        model = Measure
        fields = ["uid", "version", "finding", "text", "responsible", "due_on", "status",
                  "status_on", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None:
            fields["finding"].read_only = True
        return fields

    def to_representation(self, instance: Measure) -> dict[str, Any]:
        data = super().to_representation(instance)
        person_id = instance.responsible_id
        if person_id is not None and not Person.objects.restrict(_user(self)).filter(
                pk=person_id).exists():
            data["responsible"] = None
        return data

    def create(self, validated_data: dict[str, Any]) -> Measure:
        finding = validated_data.pop("finding")
        follow_up = {k: validated_data.pop(k) for k in ("status", "status_on")
                     if k in validated_data}
        with transaction.atomic(), action_errors():
            measure = actions.do_add_measure(acting_user=_user(self), finding=finding,
                                             data=validated_data)
            if follow_up.get("status", Measure.Status.OPEN) != Measure.Status.OPEN:
                measure = actions.do_follow_up_measure(
                    acting_user=_user(self), measure=measure, status=follow_up["status"],
                    on=follow_up.get("status_on"))
        return measure

    def update(self, instance: Measure, validated_data: dict[str, Any]) -> Measure:
        validated_data.pop("finding", None)
        follow_up = {k: validated_data.pop(k) for k in ("status", "status_on")
                     if k in validated_data}
        with transaction.atomic(), action_errors():
            measure = instance
            if validated_data:
                measure = actions.do_update_measure(acting_user=_user(self), measure=measure,
                                                    data=validated_data)
            if follow_up:
                measure = actions.do_follow_up_measure(
                    acting_user=_user(self), measure=measure,
                    status=follow_up.get("status", measure.status),
                    on=follow_up.get("status_on", measure.status_on))
        return measure
