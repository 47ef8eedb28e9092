"""Read-only REST endpoints of circles of allies (see access.api for the rules): what the
organ keeps, for the roles that see its records."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets

from access.api import RestrictedViewSetMixin
from alliances.models import Circle, Classification, Criterion
from alliances.serializers import (
    CircleSerializer,
    ClassificationSerializer,
    CriterionSerializer,
)


class _Read(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet[Any]):
    pass


class CircleViewSet(_Read):
    model = Circle
    queryset = Circle.objects.none()
    serializer_class = CircleSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("unit")


class CriterionViewSet(_Read):
    model = Criterion
    queryset = Criterion.objects.none()
    serializer_class = CriterionSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("circle")


class ClassificationViewSet(_Read):
    model = Classification
    queryset = Classification.objects.none()
    serializer_class = ClassificationSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return (super().get_queryset().select_related("unit", "circle", "organization")
                .prefetch_related("assessments__criterion"))
