"""API input and output for periodicals and issues. Input goes to the ``do_*`` actions;
every related record is named by uid and limited to what the caller may use."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from access.api import RecordSerializer, RestrictedRelatedField, UidModelSerializer, action_errors
from organizations.models import Organization, Unit
from publications import actions
from publications.models import (
    LANGUAGE_CODE,
    Edition,
    Issue,
    Periodical,
    ProgrammeLanguage,
    StatusPeriod,
)
from publications.reports import visible_unit_ids


def _user(serializer: serializers.Serializer):
    return serializer.context["request"].user


class LanguageCode(serializers.RegexField):
    def __init__(self, **kwargs) -> None:
        super().__init__(LANGUAGE_CODE.pattern, max_length=12, **kwargs)


class EditionSerializer(UidModelSerializer):
    class Meta:
        model = Edition
        fields = ["uid", "language", "title"]
        read_only_fields = fields


class StatusPeriodSerializer(UidModelSerializer):
    class Meta:
        model = StatusPeriod
        fields = ["status", "since", "since_precision", "frequency", "weekday",
                  "interval_weeks", "anchor_date", "day_of_month", "note"]
        read_only_fields = fields


class ProgrammeLanguageSerializer(UidModelSerializer):
    class Meta:
        model = ProgrammeLanguage
        fields = ["language", "share", "percent"]
        read_only_fields = fields


class PeriodicalSerializer(RecordSerializer):
    """A periodical's public facts with its editions, status history (the last entry is the
    current one) and programme languages, which are read-only here."""

    organization = RestrictedRelatedField(
        model=Organization, action="change",
        help_text="The publishing organization (an affiliate is one too); set on create.")
    publishing_unit = RestrictedRelatedField(
        model=Unit, required=False, allow_null=True,
        help_text="The unit of the organization that publishes it; null when there is none "
                  "or it is not visible to you.")
    translation_of = RestrictedRelatedField(model=Periodical, required=False, allow_null=True)
    languages = serializers.ListField(child=LanguageCode(), required=False)
    editions = EditionSerializer(many=True, read_only=True)
    status_history = StatusPeriodSerializer(source="status_periods", many=True,
                                            read_only=True)
    programme_languages = ProgrammeLanguageSerializer(many=True, read_only=True)

    class Meta:
        model = Periodical
        fields = ["uid", "version", "organization", "publishing_unit", "title",
                  "native_title", "kind", "languages", "pages", "url", "started_on",
                  "started_precision", "first_issue_on", "first_issue_precision",
                  "translation_of", "original_title", "schedule_text", "note", "editions",
                  "status_history", "programme_languages"]
        validators: list = []  # the actions validate the model

    def to_representation(self, periodical: Periodical) -> dict:
        data = super().to_representation(periodical)
        if periodical.publishing_unit_id and not visible_unit_ids(_user(self), [periodical]):
            data["publishing_unit"] = None
        if periodical.translation_of_id and not Periodical.objects.restrict(_user(self)).filter(
                pk=periodical.translation_of_id).exists():
            data["translation_of"] = None
        return data

    def validate(self, attrs):
        if self.instance is not None and "organization" in attrs \
                and attrs["organization"].pk != self.instance.organization_id:
            raise serializers.ValidationError(
                {"organization": _("A periodical stays with its organization.")})
        return attrs

    def create(self, validated_data) -> Periodical:
        organization = validated_data.pop("organization")
        with action_errors():
            return actions.do_create_periodical(acting_user=_user(self),
                                                organization=organization,
                                                data=validated_data)

    def update(self, instance, validated_data) -> Periodical:
        validated_data.pop("organization", None)
        with action_errors():
            return actions.do_update_periodical(acting_user=_user(self), periodical=instance,
                                                data=validated_data)


class ArticleSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    pen_name = serializers.CharField(max_length=120, required=False, allow_blank=True)


class IssueSerializer(RecordSerializer):
    """An issue that appeared. Its file is added on the issue page (checked and stripped of
    metadata there); here its type and size are shown."""

    edition = RestrictedRelatedField(model=Edition, action="add",
                                     help_text="The edition (its uid) the issue belongs to.")
    periodical = serializers.SerializerMethodField()
    contents = ArticleSerializer(many=True, required=False)

    class Meta:
        model = Issue
        fields = ["uid", "version", "periodical", "edition", "number", "published_on",
                  "title", "contents", "file_type", "file_size"]
        read_only_fields = ["file_type", "file_size"]
        validators: list = []  # the action says which number is taken

    @extend_schema_field(OpenApiTypes.UUID)
    def get_periodical(self, issue: Issue) -> str:
        return str(issue.edition.periodical.uid)

    def to_representation(self, issue: Issue) -> dict:
        data = super().to_representation(issue)
        data["contents"] = [{"title": a.title, "pen_name": a.pen_name}
                            for a in issue.articles.all()]
        return data

    def create(self, validated_data) -> Issue:
        contents = validated_data.pop("contents", [])
        edition = validated_data.pop("edition")
        lines = [actions.ArticleLine(title=c["title"], pen_name=c.get("pen_name", ""))
                 for c in contents]
        with action_errors():
            return actions.do_add_issue(acting_user=_user(self), edition=edition,
                                        data=validated_data, articles=lines)
