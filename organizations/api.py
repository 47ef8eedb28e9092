"""REST endpoints for coalitions, organizations and units (see access.api for the rules)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.api import RestrictedViewSetMixin
from organizations.models import Coalition, Organization, Unit
from organizations.serializers import (
    CoalitionSerializer,
    OrganizationSerializer,
    UnitCountsSerializer,
    UnitMoveSerializer,
    UnitSerializer,
)
from people.models import Person


class _ReadCreateUpdate(RestrictedViewSetMixin, mixins.ListModelMixin,
                        mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """No delete: none of these has a delete action yet. Looked up by uid (the mixin)."""


class CoalitionViewSet(_ReadCreateUpdate):
    """Coalitions the caller belongs to or works for. Whoever creates one joins its office;
    its office users may edit it."""

    model = Coalition
    queryset = Coalition.objects.none()
    serializer_class = CoalitionSerializer


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("search", str, description="Part of the name, acronym or native name."),
    OpenApiParameter("country", str, description="Exact country."),
    OpenApiParameter("status", str, enum=Organization.Status.values),
]))
class OrganizationViewSet(_ReadCreateUpdate):
    """Organization profiles the caller may see. Creating one without a coalition makes the
    caller secretary of its top unit; with a coalition, that coalition's office keeps it."""

    model = Organization
    queryset = Organization.objects.none()
    serializer_class = OrganizationSerializer

    def get_queryset(self):
        qs = self.restricted().select_related("parent_organization").prefetch_related(
            "ideology_tags", "lineage__other", "public_offices",
            "sister_links__sister")
        return self.filtered(qs) if self.action == "list" else qs

    def filtered(self, qs):
        params = self.request.query_params
        if term := params.get("search", "").strip():
            qs = qs.filter(Q(name__icontains=term) | Q(acronym__icontains=term)
                           | Q(native_name__icontains=term))
        if country := params.get("country", "").strip():
            qs = qs.filter(country=country)
        if status := params.get("status", "").strip():
            qs = qs.filter(status=status)
        return qs


class UnitViewSet(_ReadCreateUpdate):
    """Units visible as structure. Create needs a parent whose structure the caller may
    change; ``move`` re-parents a unit with its subtree; ``counts`` gives aggregates only."""

    model = Unit
    queryset = Unit.objects.none()
    extra_access_actions = {"move": "change", "counts": "view"}

    def get_serializer_class(self):
        return {"move": UnitMoveSerializer,
                "counts": UnitCountsSerializer}.get(self.action, UnitSerializer)

    def get_queryset(self):
        # Whether the parent may be shown is decided by the same restrict() as the unit.
        visible = Unit.objects.restrict(self.request.user).filter(pk=OuterRef("parent_id"))
        # Relations are shown by uid: fetched with the unit, not one query per row.
        return self.restricted().select_related("organization", "parent").annotate(
            parent_visible=Exists(visible))

    @extend_schema(request=UnitMoveSerializer, responses=UnitSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, uid=None) -> Response:
        unit = self.get_object()
        serializer = UnitMoveSerializer(unit, data=request.data,
                                        context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        moved = serializer.save()
        return Response(UnitSerializer(moved, context=self.get_serializer_context()).data)

    @extend_schema(responses=UnitCountsSerializer)
    @action(detail=True, methods=["get"])
    def counts(self, request: Request, uid=None) -> Response:
        unit = self.get_object()
        rows = (Person.objects.countable(request.user)
                .filter(unit__path__startswith=unit.path)
                .values_list("status").annotate(n=Count("pk")).order_by())
        by_status = dict.fromkeys(Person.Status.values, 0) | dict(rows)
        data = {"unit": unit.uid, "total": sum(by_status.values()), "by_status": by_status}
        return Response(UnitCountsSerializer(data).data)
