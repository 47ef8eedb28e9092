"""API output of congresses (read-only: the writes go through the pages' actions).

A credential names its sending unit and number, never a person; a mandate, the sending
unit's record, names the person by uid like every relation."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.api import RecordSerializer
from congresses.models import ClassPosition, Congress, Delegate, Mandate


class CongressSerializer(RecordSerializer):
    title = serializers.CharField(read_only=True)

    class Meta:
        model = Congress
        fields = ["uid", "version", "unit", "kind", "number", "title", "name", "starts_on",
                  "ends_on", "status", "created_at", "updated_at"]
        read_only_fields = fields
        validators: list[Any] = []


class DelegateSerializer(RecordSerializer):
    sending_unit_name = serializers.CharField(source="sending_unit.name", read_only=True)

    class Meta:
        model = Delegate
        fields = ["uid", "version", "congress", "number", "sending_unit", "sending_unit_name",
                  "selection", "status", "refusal_reason", "attendance"]
        read_only_fields = fields
        validators: list[Any] = []


class MandateSerializer(RecordSerializer):
    class Meta:
        model = Mandate
        fields = ["uid", "version", "unit", "congress", "person", "selection", "on",
                  "credential"]
        read_only_fields = fields
        validators: list[Any] = []


class ClassPositionSerializer(RecordSerializer):
    class Meta:
        model = ClassPosition
        fields = ["uid", "version", "organization", "label", "position", "retired"]
        read_only_fields = fields
        validators: list[Any] = []


class GroupSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not DRF's label
    count = serializers.IntegerField()
    share = serializers.FloatField()


class CompositionSerializer(serializers.Serializer):
    threshold = serializers.IntegerField()
    total = serializers.IntegerField(allow_null=True)
    groups = GroupSerializer(many=True)
    refusal = serializers.CharField()
