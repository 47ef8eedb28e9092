"""API input and output of campaigns (see access.api): every relation by uid, limited to what
the caller may use; input goes to the actions (``campaigns.actions``, ``campaigns.sending``).
What an organization sends names the organization, never a person."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.api import RecordSerializer, RestrictedRelatedField, action_errors
from campaigns import actions, sending
from campaigns.models import ActionAnnouncement, Campaign, Component, Material, Uptake
from coalitions.rights import organizations_acting_for
from organizations.models import Coalition, Organization


def _user(serializer: serializers.Serializer[Any]) -> Any:
    return serializer.context["request"].user


def _acting_for(user: Any, action: str) -> Any:
    return organizations_acting_for(user)


def _organization_field() -> RestrictedRelatedField:
    return RestrictedRelatedField(
        model=Organization, queryset_for=_acting_for,
        help_text="The organization it is sent for: one you act for toward its coalitions.")


class CampaignSerializer(RecordSerializer):
    coalition = RestrictedRelatedField(model=Coalition, action="change",
                                       help_text="The coalition (you are in its office).")
    day_of_action = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(read_only=True)

    class Meta:
        model = Campaign
        fields = ["uid", "version", "coalition", "resolution", "title", "description", "language",
                  "starts_on", "ends_on", "published_at", "day_of_action"]

    def get_day_of_action(self, campaign: Campaign) -> dict[str, Any] | None:
        day = campaign.day_of_action
        if day is None:
            return None
        return {"window_text": day.window_text, "starts_on": day.starts_on.isoformat(),
                "ends_on": day.ends_on.isoformat(), "fixed": day.is_fixed}

    def create(self, validated_data: dict[str, Any]) -> Campaign:
        coalition = validated_data.pop("coalition")
        with action_errors():
            return actions.do_create_campaign(acting_user=_user(self), coalition=coalition,
                                              data=validated_data)


class ComponentSerializer(RecordSerializer):
    class Meta:
        model = Component
        fields = ["uid", "version", "campaign", "number", "title", "description"]
        read_only_fields = fields


class MaterialSerializer(RecordSerializer):
    class Meta:
        model = Material
        fields = ["uid", "version", "campaign", "title", "kind", "language", "public",
                  "file_type", "file_size"]
        read_only_fields = fields


class UptakeSerializer(RecordSerializer):
    organization = _organization_field()
    component = RestrictedRelatedField(model=Component)

    class Meta:
        model = Uptake
        fields = ["uid", "version", "campaign", "component", "organization", "signed_as",
                  "created_at"]
        read_only_fields = ["campaign", "created_at"]

    def create(self, validated_data: dict[str, Any]) -> Uptake:
        component = validated_data["component"]
        with action_errors():
            made = sending.do_take_up(
                acting_user=_user(self), campaign=component.campaign,
                organization=validated_data["organization"], components=[component],
                signed_as=validated_data.get("signed_as", ""))
        if made:
            return made[0]
        return Uptake.objects.get(component=component,
                                  organization=validated_data["organization"])


class AnnouncementSerializer(RecordSerializer):
    organization = _organization_field()
    campaign = RestrictedRelatedField(model=Campaign)
    component = RestrictedRelatedField(model=Component, required=False, allow_null=True)
    published = serializers.BooleanField(read_only=True)

    class Meta:
        model = ActionAnnouncement
        fields = ["uid", "version", "campaign", "component", "organization", "what", "city",
                  "country", "date", "signed_as", "published", "created_at"]
        read_only_fields = ["created_at"]

    def create(self, validated_data: dict[str, Any]) -> ActionAnnouncement:
        data = dict(validated_data)
        with action_errors():
            return sending.do_announce_action(
                acting_user=_user(self), campaign=data.pop("campaign"),
                organization=data.pop("organization"), **data)
