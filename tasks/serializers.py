"""API input and output of tasks, assignments and notifications. Input goes to the actions
(never ``Model.save``); relations are uids limited to what the caller may use."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.api import RecordSerializer, RestrictedRelatedField, action_errors
from fieldwork.models import Field
from organizations.models import Unit
from people.models import Person
from tasks import actions, notify
from tasks.models import Assignment, Notification, Task


def _user(serializer: serializers.Serializer[Any]) -> Any:
    return serializer.context["request"].user


class TaskSerializer(RecordSerializer):
    unit = RestrictedRelatedField(
        model=Unit, action="add", queryset_for=Unit.objects.holding_records,
        help_text="The unit whose task it is: one whose records you may add to.")
    owner = RestrictedRelatedField(model=Person, required=False, allow_null=True,
                                   help_text="A member of the unit; empty: its secretaries.")
    contact = RestrictedRelatedField(model=Person, required=False, allow_null=True,
                                     help_text="A contact of the unit (set when created).")
    field = RestrictedRelatedField(model=Field, required=False, allow_null=True)
    source_activity: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="uid", read_only=True)

    class Meta:
        model = Task
        fields = ["uid", "version", "unit", "kind", "title", "owner", "due_on", "contact",
                  "field", "source_activity", "state", "done_on", "created_at", "updated_at"]
        read_only_fields = ["kind", "state", "done_on", "created_at", "updated_at"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        if self.instance is not None:  # a task stays with its unit and its contact
            fields["unit"].read_only = True
            fields["contact"].read_only = True
        return fields

    def _task_data(self, validated: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in validated.items() if k in actions.TASK_FIELDS}

    def create(self, validated_data: dict[str, Any]) -> Task:
        contact = validated_data.get("contact")
        with action_errors():
            return actions.do_create_task(
                acting_user=_user(self), unit=validated_data["unit"],
                data=self._task_data(validated_data), contacts=[contact] if contact else [])[0]

    def update(self, instance: Task, validated_data: dict[str, Any]) -> Task:
        with action_errors():
            return actions.do_update_task(acting_user=_user(self), task=instance,
                                          data=self._task_data(validated_data))


class CompleteSerializer(serializers.Serializer[Any]):
    done = serializers.BooleanField(default=True, help_text="false opens the task again.")


class AssignmentSerializer(RecordSerializer):
    contacts: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="uid", many=True, read_only=True)
    done = serializers.SerializerMethodField(help_text="Contacts talked to in the period.")

    class Meta:
        model = Assignment
        fields = ["uid", "version", "unit", "title", "member", "contacts", "starts_on",
                  "ends_on", "goal", "done", "created_at", "updated_at"]
        read_only_fields = fields

    def get_done(self, obj: Assignment) -> int:
        return obj.progress.done  # type: ignore[attr-defined]  # set by the viewset


class NotificationSerializer(RecordSerializer):
    text = serializers.SerializerMethodField(help_text="The message in your language.")

    class Meta:
        model = Notification
        fields = ["uid", "unit", "kind", "subject_uid", "params", "text", "read_at",
                  "created_at"]
        read_only_fields = fields

    def get_text(self, obj: Notification) -> str:
        return notify.text_of(obj)


class MarkReadSerializer(serializers.Serializer[Any]):
    uids = serializers.ListField(child=serializers.UUIDField(), required=False,
                                 help_text="The notifications to mark read; none: all.")
