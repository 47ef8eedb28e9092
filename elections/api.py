"""REST endpoints of the elections (read only; see access.api for the rules)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, viewsets

from access.api import RestrictedViewSetMixin
from elections.models import Election, Nomination, OfficeTerm
from elections.serializers import (
    ElectionSerializer,
    NominationSerializer,
    OfficeTermSerializer,
)


class _Read(RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
            viewsets.GenericViewSet[Any]):
    pass


class ElectionViewSet(_Read):
    """Elections of the organs the caller sees, with the full count once published."""

    model = Election
    queryset = Election.objects.none()
    serializer_class = ElectionSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return self.restricted().select_related("unit", "seat_unit", "called_by", "congress")


class NominationViewSet(_Read):
    model = Nomination
    queryset = Nomination.objects.none()
    serializer_class = NominationSerializer


class OfficeTermViewSet(_Read):
    model = OfficeTerm
    queryset = OfficeTerm.objects.none()
    serializer_class = OfficeTermSerializer
