"""REST endpoints of the organs (see access.api for the rules): meetings, motions (with
``count`` for an open vote and ``withdraw``), decisions (created: recorded directly),
resolutions (with ``publish``) and the published copies (read only). No deletes: these are
the organ's records of how it decided."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.api import RestrictedViewSetMixin, action_errors
from organs import actions
from organs.models import Decision, Meeting, Motion, PublishedResolution, Resolution
from organs.serializers import (
    CountSerializer,
    DecisionSerializer,
    MeetingSerializer,
    MotionSerializer,
    PublishedResolutionSerializer,
    ResolutionSerializer,
)

UNIT_FILTER = extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("unit", OpenApiTypes.UUID, description="Only records of this organ.")]))


class _Read(RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
            viewsets.GenericViewSet[Any]):
    unit_lookup = "unit__uid"

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.restricted()
        value = self.request.query_params.get("unit", "").strip()
        if self.action != "list" or not value:
            return qs
        try:
            return qs.filter(**{self.unit_lookup: uuid.UUID(value)})
        except ValueError:  # a malformed uid filters to nothing, like an unknown one
            return qs.none()


@UNIT_FILTER
class MeetingViewSet(_Read, mixins.CreateModelMixin, mixins.UpdateModelMixin):
    model = Meeting
    queryset = Meeting.objects.none()
    serializer_class = MeetingSerializer


@UNIT_FILTER
class MotionViewSet(_Read, mixins.CreateModelMixin):
    model = Motion
    queryset = Motion.objects.none()
    serializer_class = MotionSerializer
    unit_lookup = "agenda_item__meeting__unit__uid"
    extra_access_actions = {"count": "change", "withdraw": "change"}

    def _answer(self, motion: Motion) -> Response:
        return Response(MotionSerializer(motion, context=self.get_serializer_context()).data)

    @extend_schema(request=CountSerializer, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def count(self, request: Request, uid: Any = None) -> Response:
        """The counts of an open vote; decides the motion (adopted: a decision)."""
        motion = self.get_object()
        counts = CountSerializer(data=request.data)
        counts.is_valid(raise_exception=True)
        with action_errors():
            motion = actions.do_count_open_vote(acting_user=request.user, motion=motion,
                                                data=dict(counts.validated_data))
        return self._answer(motion)

    @extend_schema(request=None, responses=MotionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, uid: Any = None) -> Response:
        with action_errors():
            motion = actions.do_withdraw_motion(acting_user=request.user,
                                                motion=self.get_object())
        return self._answer(motion)


@UNIT_FILTER
class DecisionViewSet(_Read, mixins.CreateModelMixin):
    """Decisions of the organs the caller may read; creating one records it directly."""

    model = Decision
    queryset = Decision.objects.none()
    serializer_class = DecisionSerializer


@UNIT_FILTER
class ResolutionViewSet(_Read, mixins.CreateModelMixin, mixins.UpdateModelMixin):
    model = Resolution
    queryset = Resolution.objects.none()
    serializer_class = ResolutionSerializer
    extra_access_actions = {"publish": "change"}

    @extend_schema(request=None, responses=PublishedResolutionSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, uid: Any = None) -> Response:
        """Write (or rewrite) the copy on the organization's public profile."""
        with action_errors():
            copy = actions.do_publish_resolution(acting_user=request.user,
                                                 resolution=self.get_object())
        return Response(PublishedResolutionSerializer(
            copy, context=self.get_serializer_context()).data)


class PublishedResolutionViewSet(_Read):
    """Resolutions published on the profiles of the organizations the caller may see."""

    model = PublishedResolution
    queryset = PublishedResolution.objects.none()
    serializer_class = PublishedResolutionSerializer
    unit_lookup = "organization__uid"
