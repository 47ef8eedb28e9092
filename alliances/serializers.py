"""API output of circles of allies, their criteria and classifications (read-only: the
pages write through alliances.actions). Relations by uid (``RecordSerializer``)."""

from __future__ import annotations

from rest_framework import serializers

from access.api import RecordSerializer
from alliances.models import Circle, Classification, Criterion, CriterionAssessment


class CircleSerializer(RecordSerializer):
    class Meta:
        model = Circle
        fields = ["uid", "version", "unit", "position", "name", "description",
                  "requires_decision", "created_at", "updated_at"]
        read_only_fields = fields


class CriterionSerializer(RecordSerializer):
    class Meta:
        model = Criterion
        fields = ["uid", "version", "circle", "position", "text", "created_at", "updated_at"]
        read_only_fields = fields


class AssessmentSerializer(RecordSerializer):
    class Meta:
        model = CriterionAssessment
        fields = ["uid", "criterion", "holds", "why"]
        read_only_fields = fields


class ClassificationSerializer(RecordSerializer):
    # Named, not linked: the classified organization's profile may be out of the reader's
    # directory while the organ's record of it is not.
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    assessments = AssessmentSerializer(many=True, read_only=True)

    class Meta:
        model = Classification
        fields = ["uid", "version", "unit", "circle", "organization", "organization_name",
                  "since", "until", "decision", "note", "assessments", "created_at", "updated_at"]
        read_only_fields = fields
