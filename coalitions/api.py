"""REST endpoints for resolutions (see access.api for the rules): restricted by the same
anchors as the pages (``COALITION_SENT``), looked up by uid. Read-only except answers, which
an organization's acting user POSTs (a second POST for the same organization changes its
answer until the deadline, as the page does), and proposal drafts (the writing unit's records:
created, changed while unsent and sent by one acting for the organization)."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.api import RestrictedViewSetMixin, action_errors
from coalitions import actions
from coalitions.models import (
    Answer,
    Circulation,
    CoalitionResolution,
    ProposalDraft,
    ResolutionText,
    Signatory,
)
from coalitions.serializers import (
    AnswerSerializer,
    CirculationSerializer,
    CoalitionResolutionSerializer,
    ProposalDraftSerializer,
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


class ProposalDraftViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, _Read):
    """The organization's own drafts (``RECORD`` of the writing unit: never the office's).
    ``send`` writes the coalition's copy, once."""

    model = ProposalDraft
    queryset = ProposalDraft.objects.none()
    serializer_class = ProposalDraftSerializer
    # Read in the writing unit's scope; written (changed, sent) by one acting for the
    # organization, which the actions check: the international-work right, not the unit's
    # right to change records.
    extra_access_actions = {"send": "view", "update": "view", "partial_update": "view"}

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("unit__organization", "coalition")

    @extend_schema(request=None, responses=ProposalDraftSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request: Request, uid: Any = None) -> Response:
        """Send it to the coalition (refused when already sent)."""
        draft = self.get_object()
        with action_errors():
            actions.do_send_proposal(acting_user=request.user, draft=draft)
        draft.refresh_from_db()
        return Response(ProposalDraftSerializer(
            draft, context=self.get_serializer_context()).data)
