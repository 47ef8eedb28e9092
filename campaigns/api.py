"""REST endpoints of campaigns (see access.api for the rules): restricted by the same anchors
as the pages, looked up by uid. The office creates campaigns here; member organizations send
uptakes and announcements for an organization they act for; the rest is read-only."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, viewsets

from access.api import RestrictedViewSetMixin
from campaigns.models import ActionAnnouncement, Campaign, Component, Material, Uptake
from campaigns.serializers import (
    AnnouncementSerializer,
    CampaignSerializer,
    ComponentSerializer,
    MaterialSerializer,
    UptakeSerializer,
)


class _Read(RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
            viewsets.GenericViewSet[Any]):
    """Lists filtered by ``?campaign=<uid>`` (or ``?coalition=`` for campaigns)."""

    filter_name, filter_lookup = "campaign", "campaign__uid"

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.restricted().distinct()
        value = self.request.query_params.get(self.filter_name, "").strip()
        if self.action != "list" or not value:
            return qs
        try:
            return qs.filter(**{self.filter_lookup: uuid.UUID(value)})
        except ValueError:  # a malformed uid filters to nothing, like an unknown one
            return qs.none()


class CampaignViewSet(mixins.CreateModelMixin, _Read):
    model = Campaign
    queryset = Campaign.objects.none()
    serializer_class = CampaignSerializer
    filter_name, filter_lookup = "coalition", "coalition__uid"


class ComponentViewSet(_Read):
    model = Component
    queryset = Component.objects.none()
    serializer_class = ComponentSerializer


class MaterialViewSet(_Read):
    model = Material
    queryset = Material.objects.none()
    serializer_class = MaterialSerializer


class UptakeViewSet(mixins.CreateModelMixin, _Read):
    model = Uptake
    queryset = Uptake.objects.none()
    serializer_class = UptakeSerializer


class AnnouncementViewSet(mixins.CreateModelMixin, _Read):
    model = ActionAnnouncement
    queryset = ActionAnnouncement.objects.none()
    serializer_class = AnnouncementSerializer
