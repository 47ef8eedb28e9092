"""REST endpoints of member reports (see access.api for the rules): restricted by the same
anchors as the pages, looked up by uid, written through ``memberreports.actions``. A report
is created by a multipart POST (``files``); the office reviews, publishes and decides on
faces through the detail's actions. No updates or deletes: a correction is a new report."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from access.api import RestrictedViewSetMixin, action_errors
from memberreports import actions
from memberreports.models import ReportMedia, SentReport
from memberreports.serializers import (
    ReportFacesSerializer,
    ReportMediaSerializer,
    ReportPublishSerializer,
    ReportReviewSerializer,
    SentReportSerializer,
)


class MemberReportViewSet(RestrictedViewSetMixin, mixins.CreateModelMixin,
                          mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          viewsets.GenericViewSet[Any]):
    """Reports sent to coalitions: the office's, the sending organization's and, once
    published, the other members'."""

    model = SentReport
    queryset = SentReport.objects.none()
    serializer_class = SentReportSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    extra_access_actions = {"review": "change", "publish": "change"}

    def get_queryset(self) -> QuerySet[Any]:
        return self.restricted().select_related("campaign", "component", "organization")

    @extend_schema(request=ReportReviewSerializer, responses=SentReportSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, uid: Any = None) -> Response:
        """Accept, ask for changes (with a note) or reject."""
        report = self.get_object()
        given = ReportReviewSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        with action_errors():
            report = actions.do_review_report(acting_user=request.user, report=report,
                                              **given.validated_data)
        return Response(self.get_serializer(report).data)

    @extend_schema(request=ReportPublishSerializer, responses=SentReportSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, uid: Any = None) -> Response:
        """Publish an accepted report (``published: false`` takes it down)."""
        report = self.get_object()
        given = ReportPublishSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        with action_errors():
            report = actions.do_set_report_published(
                acting_user=request.user, report=report,
                published=given.validated_data["published"])
        return Response(self.get_serializer(report).data)


class ReportMediaViewSet(RestrictedViewSetMixin, mixins.ListModelMixin,
                         mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    """The photos and videos of the reports the caller sees (``file`` is the download)."""

    model = ReportMedia
    queryset = ReportMedia.objects.none()
    serializer_class = ReportMediaSerializer
    extra_access_actions = {"faces": "change"}

    def get_queryset(self) -> QuerySet[Any]:
        return self.restricted().select_related("report")

    @extend_schema(request=ReportFacesSerializer, responses=ReportMediaSerializer)
    @action(detail=True, methods=["post"])
    def faces(self, request: Request, uid: Any = None) -> Response:
        """The office's choice: keep the faces (audited) or keep them blurred."""
        item = self.get_object()
        given = ReportFacesSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        with action_errors():
            item = actions.do_decide_faces(acting_user=request.user, item=item,
                                           keep=given.validated_data["keep"])
        return Response(self.get_serializer(item).data)
