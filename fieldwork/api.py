"""REST endpoint for contacts: /api/contact-profiles/, read-only, filtered by the same
``ContactFilter`` as the list pages (django-filter's DRF backend), ordered by uid (a unique
index: stable pages, and no order that tells when contacts were recorded), 50 a page."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend  # type: ignore[import-untyped]
from rest_framework import serializers, viewsets

from access.api import RecordSerializer, RestrictedRelatedField, RestrictedViewSetMixin
from fieldwork.filters import ContactFilter
from fieldwork.models import ContactProfile
from people.models import Person


class ContactProfileSerializer(RecordSerializer):
    person = RestrictedRelatedField(model=Person, read_only=True)
    alias = serializers.CharField(source="person.alias", read_only=True)
    current_level = serializers.SerializerMethodField(
        help_text="The value of the latest assessment on the organization's scale; null: "
                  "not assessed.")

    class Meta:
        model = ContactProfile
        fields = ["uid", "version", "person", "alias", "field", "part", "job", "union",
                  "leader", "tags", "current_level", "current_assessed_on", "last_contact_on",
                  "created_at", "updated_at"]
        read_only_fields = fields

    def get_current_level(self, obj: ContactProfile) -> int | None:
        return obj.current_level.value if obj.current_level else None


class ContactProfileViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet[Any]):
    """The contacts whose records the caller may see, with the contact lists' filters."""

    model = ContactProfile
    queryset = ContactProfile.objects.none()
    serializer_class = ContactProfileSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ContactFilter

    def get_queryset(self) -> QuerySet[ContactProfile]:
        return (self.restricted().select_related("person", "field", "part", "union",
                                                 "current_level").order_by("uid"))
