"""REST endpoints of ballots (see access.api for the rules): boxes are read (their count
once closed), ballots are cast with ``POST /api/ballot-boxes/<uid>/cast/`` by a voter of the
box's electorate; paper counts are the tellers' (``create`` is the first entry, ``second``
the second one: 400 with the number of ballots that differ, both entries kept)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.api import RestrictedViewSetMixin, action_errors, django_errors
from ballots import paper
from ballots.actions import do_cast_ballot
from ballots.electorate import box_for_voter
from ballots.models import BallotBox, PaperCount
from ballots.serializers import (
    BallotBoxSerializer,
    CastSerializer,
    PaperCountSerializer,
    SecondEntrySerializer,
)


class BallotBoxViewSet(RestrictedViewSetMixin, mixins.ListModelMixin,
                       mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    model = BallotBox
    queryset = BallotBox.objects.none()
    serializer_class = BallotBoxSerializer
    # Not through the restricted queryset: a voter may cast without a role on the organ
    # (``box_for_voter`` gives 404 to everyone else).
    extra_access_actions = {"cast": "view"}

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("unit").order_by("-created_at", "uid")

    @extend_schema(request=CastSerializer, responses={204: None})
    @action(detail=True, methods=["post"])
    def cast(self, request: Request, uid: Any = None) -> Response:
        """Cast the caller's ballot (refused: not a voter, twice, closed, wrong marks)."""
        box = box_for_voter(request.user, uid)
        data = CastSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with action_errors():
            do_cast_ballot(acting_user=request.user, box=box, marks=data.validated_data["marks"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class PaperCountViewSet(RestrictedViewSetMixin, mixins.ListModelMixin,
                        mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                        viewsets.GenericViewSet[Any]):
    model = PaperCount
    queryset = PaperCount.objects.none()
    serializer_class = PaperCountSerializer
    extra_access_actions = {"second": "change"}

    def restricted(self) -> Any:
        # Paper counts are the tellers': only those who may change the box see them.
        rows = (PaperCount.objects.restrict(self.request.user, "change")
                if self.access_action() == "view" else super().restricted())
        return rows.order_by("-created_at", "uid")

    @extend_schema(request=SecondEntrySerializer, responses=PaperCountSerializer)
    @action(detail=True, methods=["post"])
    def second(self, request: Request, uid: Any = None) -> Response:
        """The second teller's entry: the ballots go into the box when both agree."""
        count = self.get_object()
        data = SecondEntrySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            count = paper.do_enter_second_count(acting_user=request.user, count=count,
                                                text=data.validated_data["ballots"])
        except ValidationError as refusal:
            return Response(django_errors(refusal), status=status.HTTP_400_BAD_REQUEST)
        return Response(PaperCountSerializer(count, context=self.get_serializer_context()).data)
