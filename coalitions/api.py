"""REST endpoints for resolutions (see access.api for the rules): restricted by the same
anchors as the pages (``COALITION_SENT``), looked up by uid. Read-only except answers, which
an organization's acting user POSTs (a second POST for the same organization changes its
answer until the deadline, as the page does)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, viewsets

from access.api import RestrictedViewSetMixin
from coalitions.models import Answer, Circulation, CoalitionResolution, ResolutionText, Signatory
from coalitions.serializers import (
    AnswerSerializer,
    CirculationSerializer,
    CoalitionResolutionSerializer,
    SignatorySerializer,
    TextSerializer,
)


class _Read(RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
            viewsets.GenericViewSet[Any]):
    """Lists filtered by ``?resolution=<uid>`` where the model hangs on a resolution."""

    resolution_lookup = ""

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.restricted()
        value = self.request.query_params.get("resolution", "").strip()
        if self.action == "list" and value and self.resolution_lookup:
            try:
                qs = qs.filter(**{self.resolution_lookup: uuid.UUID(value)})
            except ValueError:
                return qs.none()
        return qs


class CoalitionResolutionViewSet(_Read):
    model = CoalitionResolution
    queryset = CoalitionResolution.objects.none()
    serializer_class = CoalitionResolutionSerializer


class ResolutionTextViewSet(_Read):
    model = ResolutionText
    queryset = ResolutionText.objects.none()
    serializer_class = TextSerializer
    resolution_lookup = "resolution__uid"


class CirculationViewSet(_Read):
    model = Circulation
    queryset = Circulation.objects.none()
    serializer_class = CirculationSerializer
    resolution_lookup = "resolution__uid"

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().order_by("-circulated_on", "pk")


class AnswerViewSet(mixins.CreateModelMixin, _Read):
    """Current and replaced answers the caller sees (the answering organization's own and, for
    the office, all). POST: answer for an organization one acts for."""

    model = Answer
    queryset = Answer.objects.none()
    serializer_class = AnswerSerializer
    resolution_lookup = "circulation__resolution__uid"


class SignatoryViewSet(_Read):
    model = Signatory
    queryset = Signatory.objects.none()
    serializer_class = SignatorySerializer
    resolution_lookup = "resolution__uid"
