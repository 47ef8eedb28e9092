"""REST endpoints for materials, distributions and worker correspondence (see access.api for
the rules): restricted by the same anchors as the pages, looked up by uid, written through
the ``agitprop.actions``. No updates or deletes here; ``send`` is the list's button.

The received correspondence is the editorial unit's copy: read-only, and only those who see
that unit's records see any.
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
from agitprop import actions
from agitprop.models import Correspondence, Distribution, Material, SentCorrespondence
from agitprop.serializers import (
    CorrespondenceSerializer,
    DistributionSerializer,
    MaterialSerializer,
    ReceivedCorrespondenceSerializer,
)


class _Read(RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
            viewsets.GenericViewSet[Any]):
    """Looked up by uid (the mixin); lists filtered by the uids given in ``filters``."""

    filters: dict[str, str] = {}

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.restricted()
        if self.action != "list":
            return qs
        for name, lookup in self.filters.items():
            value = self.request.query_params.get(name, "").strip()
            if not value:
                continue
            try:
                qs = qs.filter(**{lookup: uuid.UUID(value)})
            except ValueError:  # a malformed uid filters to nothing, like an unknown one
                return qs.none()
        return qs


class _ReadCreate(mixins.CreateModelMixin, _Read):
    pass


def _by(name: str, what: str) -> Any:
    return extend_schema_view(list=extend_schema(parameters=[
        OpenApiParameter(name, OpenApiTypes.UUID, description=f"Only those of this {what}."),
    ]))


@_by("unit", "unit")
class MaterialViewSet(_ReadCreate):
    """The materials of the units the caller sees; created for a unit whose records the
    caller may add to."""

    model = Material
    queryset = Material.objects.none()
    serializer_class = MaterialSerializer
    filters = {"unit": "unit__uid"}

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("unit")


@_by("field", "field")
class DistributionViewSet(_ReadCreate):
    """Distributions, newest first. Creating one records the fieldwork activity of kind
    "distribution" in the field's work log; a refusal saves neither (400)."""

    model = Distribution
    queryset = Distribution.objects.none()
    serializer_class = DistributionSerializer
    filters = {"field": "activity__field__uid"}

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related(
            "activity__unit", "activity__field", "issue", "material", "part")


@_by("unit", "unit")
class CorrespondenceViewSet(_ReadCreate):
    """The units' own copies of their worker correspondence. ``send`` gives the periodical's
    editorial unit its copy, once."""

    model = Correspondence
    queryset = Correspondence.objects.none()
    serializer_class = CorrespondenceSerializer
    extra_access_actions = {"send": "change"}
    filters = {"unit": "unit__uid"}

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("unit", "field", "periodical")

    @extend_schema(request=None, responses=CorrespondenceSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, uid: Any = None) -> Response:
        """Send it to the periodical's editorial unit (refused when already sent)."""
        letter = self.get_object()
        with action_errors():
            actions.do_send_correspondence(acting_user=request.user, correspondence=letter)
        return Response(CorrespondenceSerializer(
            letter, context=self.get_serializer_context()).data)


@_by("periodical", "periodical")
class ReceivedCorrespondenceViewSet(_Read):
    """The correspondence the periodicals' editorial units received: text, field name, pen
    name and dates; nothing that leads to the writing unit or the writer."""

    model = SentCorrespondence
    queryset = SentCorrespondence.objects.none()
    serializer_class = ReceivedCorrespondenceSerializer
    filters = {"periodical": "periodical__uid"}

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("periodical")
