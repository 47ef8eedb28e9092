"""/api/jobs/: read-only, the jobs of the caller's units (restricted like the pages); their
parameters (file names, ids) stay inside."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, serializers, viewsets

from access.api import RecordSerializer, RestrictedViewSetMixin
from jobs.models import Job


class JobSerializer(RecordSerializer):
    percent = serializers.IntegerField(read_only=True)
    started_by_me = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = ["uid", "version", "unit", "kind", "status", "done", "total", "percent",
                  "message", "error", "attempts", "max_attempts", "cancel_requested",
                  "subject_uid", "started_by_me", "created_at", "started_at", "heartbeat_at",
                  "finished_at"]
        read_only_fields = fields

    def get_started_by_me(self, obj: Job) -> bool:
        request = self.context.get("request")
        return bool(request is not None and obj.created_by_id == request.user.pk)


class JobViewSet(RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                 viewsets.GenericViewSet[Any]):
    """Jobs of the caller's units; ``?mine=1`` only the caller's own, ``?status=``."""

    model = Job
    queryset = Job.objects.none()
    serializer_class = JobSerializer

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.restricted().select_related("unit")
        params = self.request.query_params
        if params.get("mine"):
            qs = qs.filter(created_by=self.request.user)
        if status := params.get("status"):
            qs = qs.filter(status=status)
        return qs
