"""REST endpoints for reviews, their findings and measures (see access.api for the rules).

A review is prepared (its figures computed) by creating it; ``conclude``, ``send-up`` and
``figures`` (compute the figures again) are the review page's buttons. No deletes: a review
is the unit's record of its work.
"""

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
from reviews import actions
from reviews.models import Finding, Measure, Review
from reviews.serializers import FindingSerializer, MeasureSerializer, ReviewSerializer


class _ReadCreateUpdate(RestrictedViewSetMixin, mixins.ListModelMixin,
                        mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        mixins.UpdateModelMixin, viewsets.GenericViewSet[Any]):
    """Looked up by uid (the mixin); no delete."""

    def by_uid(self, qs: QuerySet[Any], name: str, lookup: str) -> QuerySet[Any]:
        value = self.request.query_params.get(name, "").strip()
        if not value:
            return qs
        try:
            return qs.filter(**{lookup: uuid.UUID(value)})
        except ValueError:  # a malformed uid filters to nothing, like an unknown one
            return qs.none()


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("unit", OpenApiTypes.UUID, description="Only reviews of this unit."),
    OpenApiParameter("status", str, enum=Review.Status.values),
]))
class ReviewViewSet(_ReadCreateUpdate):
    """Reviews the caller may read: of their units, and those sent up to a unit where they
    hold a role. Creating one prepares it: its figures are computed from the unit's data."""

    model = Review
    queryset = Review.objects.none()
    serializer_class = ReviewSerializer
    extra_access_actions = {"conclude": "change", "send_up": "change", "figures": "change"}

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.restricted().select_related("unit")
        if self.action != "list":
            return qs
        if status := self.request.query_params.get("status", "").strip():
            qs = qs.filter(status=status)
        return self.by_uid(qs, "unit", "unit__uid")

    def _step(self, step: Any) -> Response:
        with action_errors():
            review = step(acting_user=self.request.user, review=self.get_object())
        return Response(ReviewSerializer(review, context=self.get_serializer_context()).data)

    @extend_schema(request=None, responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def conclude(self, request: Request, uid: Any = None) -> Response:
        """Conclude a draft: every mistake and weakness needs a measure."""
        return self._step(actions.do_conclude_review)

    @extend_schema(request=None, responses=ReviewSerializer)
    @action(detail=True, methods=["post"], url_path="send-up", url_name="send-up")
    def send_up(self, request: Request, uid: Any = None) -> Response:
        """Send a concluded review to the committee directly above, which then reads it."""
        return self._step(actions.do_send_up_review)

    @extend_schema(request=None, responses=ReviewSerializer)
    @action(detail=True, methods=["post"])
    def figures(self, request: Request, uid: Any = None) -> Response:
        """Compute a draft's figures again."""
        return self._step(actions.do_prepare_figures_again)


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("review", OpenApiTypes.UUID, description="Only findings of this review."),
]))
class FindingViewSet(_ReadCreateUpdate):
    """Findings of the reviews the caller may read; written while the review is a draft."""

    model = Finding
    queryset = Finding.objects.none()
    serializer_class = FindingSerializer

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.restricted().select_related("review")
        return self.by_uid(qs, "review", "review__uid") if self.action == "list" else qs


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("review", OpenApiTypes.UUID, description="Only measures of this review."),
    OpenApiParameter("status", str, enum=Measure.Status.values),
]))
class MeasureViewSet(_ReadCreateUpdate):
    """Measures of the reviews the caller may read. Text, responsible and due date change
    while the review is a draft; the follow-up (status, status_on) at any time."""

    model = Measure
    queryset = Measure.objects.none()
    serializer_class = MeasureSerializer

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.restricted().select_related("finding__review")
        if self.action != "list":
            return qs
        if status := self.request.query_params.get("status", "").strip():
            qs = qs.filter(status=status)
        return self.by_uid(qs, "review", "finding__review__uid")
