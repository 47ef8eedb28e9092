"""Serializers of member reports: the coalition's copy (organization, never the writer) with
its media, created by a multipart POST of a user acting for the organization."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from access.api import RecordSerializer, RestrictedRelatedField, action_errors
from campaigns.models import Campaign, Component
from memberreports import actions
from memberreports.models import ReportMedia, SentReport
from organizations.models import Organization


def _user(serializer: serializers.Serializer[Any]) -> Any:
    return serializer.context["request"].user


class ReportMediaSerializer(RecordSerializer):
    report = RestrictedRelatedField(model=SentReport, read_only=True)
    file = serializers.SerializerMethodField()

    class Meta:
        model = ReportMedia
        fields = ["uid", "version", "report", "kind", "caption", "file_type", "file_size",
                  "faces", "face_decision", "file", "created_at"]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_file(self, item: ReportMedia) -> str:
        return reverse("memberreports:media", kwargs={"uid": item.uid})


class SentReportSerializer(RecordSerializer):
    campaign = RestrictedRelatedField(model=Campaign)
    component = RestrictedRelatedField(model=Component, required=False, allow_null=True)
    organization = RestrictedRelatedField(
        model=Organization, help_text="A member organization you act for toward the coalition.")
    files = serializers.ListField(child=serializers.FileField(), write_only=True,
                                  required=False, help_text="Photos and videos (multipart).")
    media = ReportMediaSerializer(many=True, read_only=True)

    class Meta:
        model = SentReport
        fields = ["uid", "version", "campaign", "component", "organization", "text", "date",
                  "city", "country", "signed_as", "status", "office_note", "reviewed_at",
                  "published_at", "media_state", "media", "files", "created_at"]
        read_only_fields = ["status", "office_note", "reviewed_at", "published_at",
                            "media_state", "created_at"]

    def create(self, validated_data: dict[str, Any]) -> SentReport:
        uploads = [actions.Upload(f.read()) for f in validated_data.pop("files", [])]
        with action_errors():
            return actions.do_send_report(
                acting_user=_user(self), organization=validated_data.pop("organization"),
                campaign=validated_data.pop("campaign"),
                component=validated_data.pop("component", None),
                data=validated_data, uploads=uploads)


class ReportReviewSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=["accepted", "changes", "rejected"])
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ReportPublishSerializer(serializers.Serializer[Any]):
    published = serializers.BooleanField(default=True)


class ReportFacesSerializer(serializers.Serializer[Any]):
    keep = serializers.BooleanField()
