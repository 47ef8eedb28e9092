"""The change feed: what a client holding copies must fetch again or forget.

``GET /api/changes/?since=<ISO time>`` answers, for every kind of record that other systems
may hold a copy of (``Record.keeps_tombstone``), the records the caller may view that changed
after ``since`` (uid, version, time) and the tombstones of those deleted since in the units
whose records the caller sees. Both come from the anchors: no per-model code. A client keeps
``until`` and asks with it next time.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from access.records import Record
from access.scope import scope_for

LIMIT = 1000


def synced_models() -> list[type[Record]]:
    return [m for m in apps.get_models()
            if issubclass(m, Record) and getattr(m, "keeps_tombstone", False)]


def changes_since(user: Any, since: datetime.datetime, until: datetime.datetime
                  ) -> dict[str, list[dict[str, Any]]]:
    from audit.models import Tombstone

    changed: list[dict[str, Any]] = []
    for model in synced_models():
        rows = (model.objects.restrict(user).filter(updated_at__gt=since, updated_at__lte=until)
                .order_by("updated_at").values("uid", "version", "updated_at")[:LIMIT])
        changed += [{"model": model._meta.label, **row} for row in rows]
    stones = (Tombstone.objects.filter(scope_for(user).records_q("unit_", "view"))
              .filter(deleted_at__gt=since, deleted_at__lte=until)
              .order_by("deleted_at").values("model", "uid", "deleted_at")[:LIMIT])
    return {"changed": changed, "deleted": [dict(stone) for stone in stones]}


class ChangeFeedView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("since", OpenApiTypes.DATETIME, required=True,
                                     description="The `until` of your previous call.")],
        responses=inline_serializer("Changes", {
            "until": serializers.DateTimeField(),
            "changed": serializers.ListField(child=serializers.DictField()),
            "deleted": serializers.ListField(child=serializers.DictField())}))
    def get(self, request: Request) -> Response:
        since = parse_datetime(request.query_params.get("since", "") or "")
        if since is None:
            raise serializers.ValidationError(
                {"since": [_("Give the time of your previous call (ISO 8601).")]})
        if timezone.is_naive(since):
            since = timezone.make_aware(since, datetime.UTC)
        until = timezone.now()
        return Response({"until": until, **changes_since(request.user, since, until)})
