"""REST endpoints for people: aliases within the caller's compartment; identities only
through the audited ``reveal`` action."""

from __future__ import annotations

import uuid

from django.db.models import Q
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.api import RestrictedViewSetMixin, action_errors
from people.actions import do_delete_person, reveal_identity
from people.models import Person
from people.serializers import IdentitySerializer, PersonSerializer


def _uid_or_none(value: str) -> uuid.UUID | None:
    # A malformed uid filters to nothing, like an unknown one.
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@extend_schema_view(list=extend_schema(parameters=[
    OpenApiParameter("search", str, description="Part of the alias."),
    OpenApiParameter("unit", OpenApiTypes.UUID, description="Only people of this unit (its uid)."),
    OpenApiParameter("status", str, enum=Person.Status.values),
    OpenApiParameter("kind", str, enum=Person.Kind.values),
]))
class PersonViewSet(RestrictedViewSetMixin, viewsets.ModelViewSet):
    """People whose records the caller may see. Responses never carry identity fields."""

    model = Person
    queryset = Person.objects.none()
    serializer_class = PersonSerializer
    extra_access_actions = {"reveal": "reveal"}

    def get_queryset(self):
        qs = self.restricted().select_related("unit")
        if self.action != "list":
            return qs
        params = self.request.query_params
        if term := params.get("search", "").strip():
            qs = qs.filter(Q(alias__icontains=term))
        if unit := params.get("unit", "").strip():
            qs = qs.filter(unit__uid=_uid_or_none(unit))
        for name in ("status", "kind"):
            if value := params.get(name, "").strip():
                qs = qs.filter(**{name: value})
        # Pages in uid order, read off its unique index: sorting a whole organization's
        # people by alias (the model's order) cost a sort of 200,000 rows per page, and the
        # uid tells nothing of when a record was made (a row id would).
        return qs.order_by("uid")

    def perform_destroy(self, instance: Person) -> None:
        with action_errors():
            do_delete_person(acting_user=self.request.user, person=instance)

    @extend_schema(request=None, responses=IdentitySerializer)
    @action(detail=True, methods=["post"])
    def reveal(self, request: Request, uid=None) -> Response:
        """The person's identity. Needs the reveal right; every reveal is audited."""
        person = self.get_object()
        identity = reveal_identity(acting_user=request.user, person=person)
        response = Response(IdentitySerializer(identity.as_dict()).data, status=status.HTTP_200_OK)
        response["Cache-Control"] = "no-store"
        return response
