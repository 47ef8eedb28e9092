"""REST endpoints for periodicals and issues (see access.api for the rules): restricted by
the same anchors as the pages, looked up by uid."""

from __future__ import annotations

import uuid

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from access.api import RestrictedViewSetMixin
from publications.models import Issue, Periodical
from publications.serializers import IssueSerializer, PeriodicalSerializer


def _uid_or_none(value: str) -> uuid.UUID | None:
    # A malformed uid filters to nothing, like an unknown one.
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("organization", OpenApiTypes.UUID,
                     description="Only the periodicals of this organization (its uid)."),
]))
class PeriodicalViewSet(RestrictedViewSetMixin, mixins.ListModelMixin,
                        mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Periodicals the caller may see. Creating one needs the right to change its
    organization's profile; it gets its main edition in its first language."""

    model = Periodical
    queryset = Periodical.objects.none()
    serializer_class = PeriodicalSerializer

    def get_queryset(self):
        qs = self.restricted().select_related("organization", "publishing_unit",
                                              "translation_of").prefetch_related(
            "editions", "status_periods", "programme_languages")
        if self.action == "list" and (org := self.request.query_params.get("organization")):
            qs = qs.filter(organization__uid=_uid_or_none(org))
        return qs


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("periodical", OpenApiTypes.UUID,
                     description="Only the issues of this periodical (its uid)."),
]))
class IssueViewSet(RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                   mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Issues of the periodicals the caller may see, newest first. A number already used in
    the edition is refused (400, nothing saved)."""

    model = Issue
    queryset = Issue.objects.none()
    serializer_class = IssueSerializer

    def get_queryset(self):
        qs = self.restricted().select_related("edition__periodical").prefetch_related(
            "articles")
        if self.action == "list" and (p := self.request.query_params.get("periodical")):
            qs = qs.filter(edition__periodical__uid=_uid_or_none(p))
        return qs
