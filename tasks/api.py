"""REST endpoints: /api/tasks/ (list, create, update, ``complete``), /api/assignments/ (read)
and /api/notifications/ (the caller's own: list, ``read``). No deletes."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from access.api import RestrictedViewSetMixin, action_errors
from tasks import actions, notify
from tasks.models import Assignment, Notification, Task
from tasks.progress import with_progress
from tasks.serializers import (
    AssignmentSerializer,
    CompleteSerializer,
    MarkReadSerializer,
    NotificationSerializer,
    TaskSerializer,
)


class TaskViewSet(RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                  mixins.CreateModelMixin, mixins.UpdateModelMixin,
                  viewsets.GenericViewSet[Any]):
    """Tasks of the caller's units. ``complete`` is for who may change them or their owner."""

    model = Task
    queryset = Task.objects.none()
    serializer_class = TaskSerializer
    extra_access_actions = {"complete": "view"}

    def get_queryset(self) -> QuerySet[Any]:
        if self.action == "complete":
            return actions.completable(self.request.user)
        qs = self.restricted().select_related("unit", "owner", "contact", "field",
                                              "source_activity")
        if self.action == "list" and (state := self.request.query_params.get("state")):
            qs = qs.filter(state=state)
        return qs

    @extend_schema(request=CompleteSerializer, responses=TaskSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, uid: Any = None) -> Response:
        """Mark the task done (``{"done": false}``: open it again)."""
        task = self.get_object()
        given = CompleteSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        with action_errors():
            task = actions.do_complete_task(acting_user=request.user, task=task,
                                            done=given.validated_data["done"])
        return Response(TaskSerializer(task, context=self.get_serializer_context()).data)


class AssignmentViewSet(RestrictedViewSetMixin, mixins.ListModelMixin,
                        mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    """Conversation assignments of the caller's units, with the conversations done."""

    model = Assignment
    queryset = Assignment.objects.none()
    serializer_class = AssignmentSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return self.restricted().select_related("unit", "member").prefetch_related("contacts")

    def paginate_queryset(self, queryset: Any) -> Any:
        page = super().paginate_queryset(queryset)
        return with_progress(list(page if page is not None else queryset))

    def get_object(self) -> Any:
        return with_progress([super().get_object()])[0]


class NotificationViewSet(RestrictedViewSetMixin, mixins.ListModelMixin,
                          viewsets.GenericViewSet[Any]):
    """The caller's own notifications (never another user's, whatever their scope)."""

    model = Notification
    queryset = Notification.objects.none()
    serializer_class = NotificationSerializer
    extra_access_actions = {"read": "view"}

    def get_queryset(self) -> QuerySet[Any]:
        return self.restricted().filter(recipient=self.request.user).select_related("unit")

    @extend_schema(request=MarkReadSerializer, responses={200: dict})
    @action(detail=False, methods=["post"])
    def read(self, request: Request) -> Response:
        """Mark notifications read: those named in ``uids``, or all."""
        given = MarkReadSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        uids = given.validated_data.get("uids")
        count = notify.mark_read(acting_user=request.user, uids=uids)
        return Response({"marked": count})
