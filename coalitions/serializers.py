"""API output and input for resolutions, their texts, circulations, answers and signatories.

Relations are uids (``RecordSerializer``), limited to what the caller may see. Answers are
written through ``coalitions.actions`` (``do_answer``, or ``do_change_answer`` when the
organization has answered already); nothing here names a unit, a person or a user.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.api import RecordSerializer, RestrictedRelatedField, action_errors
from coalitions import actions
from coalitions.models import (
    Answer,
    Circulation,
    CoalitionResolution,
    ProposalDraft,
    ResolutionPoint,
    ResolutionText,
    Signatory,
)
from organizations.models import Coalition, Organization


class PointSerializer(serializers.ModelSerializer[ResolutionPoint]):
    class Meta:
        model = ResolutionPoint
        fields = ["number", "body"]


class TextSerializer(RecordSerializer):
    resolution = RestrictedRelatedField(model=CoalitionResolution, read_only=True)
    points = PointSerializer(many=True, read_only=True)

    class Meta:
        model = ResolutionText
        fields = ["uid", "version", "resolution", "language", "is_original",
                  "translation_status", "title", "body", "points"]
        read_only_fields = fields


class CoalitionResolutionSerializer(RecordSerializer):
    coalition = RestrictedRelatedField(model=Coalition, read_only=True)
    proposed_by = RestrictedRelatedField(model=Organization, read_only=True)

    class Meta:
        model = CoalitionResolution
        fields = ["uid", "version", "coalition", "kind", "title", "status", "adopted_on",
                  "proposed_by", "signed_as", "created_at"]
        read_only_fields = fields


class CirculationSerializer(RecordSerializer):
    resolution = RestrictedRelatedField(model=CoalitionResolution, read_only=True)
    organizations = RestrictedRelatedField(model=Organization, many=True, read_only=True)
    approvals = serializers.SerializerMethodField()
    threshold = serializers.SerializerMethodField()

    class Meta:
        model = Circulation
        fields = ["uid", "version", "resolution", "circulated_on", "deadline",
                  "organizations", "approvals", "threshold"]
        read_only_fields = fields

    def get_approvals(self, obj: Circulation) -> int:
        return len(actions.current_approvals(obj))

    def get_threshold(self, obj: Circulation) -> int:
        return actions.threshold_of(obj)


class AnswerSerializer(RecordSerializer):
    circulation = RestrictedRelatedField(model=Circulation)
    organization = RestrictedRelatedField(model=Organization)

    class Meta:
        model = Answer
        fields = ["uid", "version", "circulation", "organization", "vote", "comment",
                  "signed_as", "answered_on", "received_in_writing", "replaced_at"]
        read_only_fields = ["answered_on", "received_in_writing", "replaced_at"]

    def create(self, validated_data: dict[str, Any]) -> Answer:
        user = self.context["request"].user
        circulation, organization = validated_data["circulation"], validated_data["organization"]
        data = {k: validated_data.get(k, "") for k in ("vote", "comment", "signed_as")}
        current = Answer.objects.filter(circulation=circulation, organization=organization,
                                        replaced_at__isnull=True).first()
        with action_errors():
            if current is None:
                return actions.do_answer(acting_user=user, circulation=circulation,
                                         organization=organization, **data)
            return actions.do_change_answer(acting_user=user, answer=current, **data)


class SignatorySerializer(RecordSerializer):
    resolution = RestrictedRelatedField(model=CoalitionResolution, read_only=True)
    organization = RestrictedRelatedField(model=Organization, read_only=True)

    class Meta:
        model = Signatory
        fields = ["uid", "version", "resolution", "organization", "signed_on", "later"]
        read_only_fields = fields


class ProposalDraftSerializer(RecordSerializer):
    """A proposal drafted inside an organization (its writing unit's record): created and
    changed, while unsent, by one acting for the organization; ``send`` writes the coalition's
    copy (``sent_copy``), which names the organization only."""

    organization = RestrictedRelatedField(
        model=Organization, source="unit.organization",
        help_text="The organization you act for (on creation; fixed afterwards).")
    coalition = RestrictedRelatedField(model=Coalition,
                                       help_text="The coalition (on creation; fixed "
                                                 "afterwards).")
    sent_copy = RestrictedRelatedField(model=CoalitionResolution, read_only=True)

    class Meta:
        model = ProposalDraft
        fields = ["uid", "version", "organization", "coalition", "kind", "title", "language",
                  "body", "points", "signed_as", "sent_on", "sent_copy", "created_at",
                  "updated_at"]
        read_only_fields = ["sent_on", "created_at", "updated_at"]
        extra_kwargs = {"points": {"help_text": "The numbered points, one per line."}}

    def create(self, validated_data: dict[str, Any]) -> ProposalDraft:
        organization = validated_data.pop("unit")["organization"]
        coalition = validated_data.pop("coalition")
        with action_errors():
            return actions.do_create_proposal_draft(
                acting_user=self.context["request"].user, organization=organization,
                coalition=coalition, data=validated_data)

    def update(self, instance: ProposalDraft, validated_data: dict[str, Any]) -> ProposalDraft:
        validated_data.pop("unit", None)
        validated_data.pop("coalition", None)
        with action_errors():
            return actions.do_update_proposal_draft(
                acting_user=self.context["request"].user, draft=instance, data=validated_data)
