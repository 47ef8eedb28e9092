"""Read-only REST endpoints of congresses (see access.api for the rules): congresses with
their composition report, credentials, mandates and class positions."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.api import RestrictedViewSetMixin
from congresses import composition
from congresses.models import ClassPosition, Congress, Delegate, Mandate
from congresses.serializers import (
    ClassPositionSerializer,
    CompositionSerializer,
    CongressSerializer,
    DelegateSerializer,
    MandateSerializer,
)


class _ReadOnly(RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                viewsets.GenericViewSet[Any]):
    pass


class CongressViewSet(_ReadOnly):
    model = Congress
    queryset = Congress.objects.none()
    serializer_class = CongressSerializer
    extra_access_actions = {"composition": "view"}

    def get_queryset(self):
        return self.restricted().select_related("unit")

    @extend_schema(responses=CompositionSerializer)
    @action(detail=True, methods=["get"])
    def composition(self, request: Request, uid=None) -> Response:
        """Counts and shares of the confirmed delegates per class position, never who;
        refused below the threshold. Its reading is audited."""
        report = composition.congress_report(request.user, self.get_object())
        return Response(CompositionSerializer(report).data)


class DelegateViewSet(_ReadOnly):
    model = Delegate
    queryset = Delegate.objects.none()
    serializer_class = DelegateSerializer

    def get_queryset(self):
        return self.restricted().select_related("congress", "sending_unit")


class MandateViewSet(_ReadOnly):
    model = Mandate
    queryset = Mandate.objects.none()
    serializer_class = MandateSerializer

    def get_queryset(self):
        # Not the congress or the credential: the convening unit's rows, hidden by PostgreSQL's
        # wall from the sending unit (an inner join would hide the mandate with them).
        return self.restricted().select_related("unit", "person")


class ClassPositionViewSet(_ReadOnly):
    model = ClassPosition
    queryset = ClassPosition.objects.none()
    serializer_class = ClassPositionSerializer
