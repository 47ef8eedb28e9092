"""API input and output for people.

Responses carry aliases, kind, status and unit: never identity fields. The identity is
write-only on create and update, and read only through the audited reveal action.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import serializers

from access.api import RecordSerializer, RestrictedRelatedField, action_errors, django_errors
from organizations.models import Unit
from people.actions import (
    PLAIN_FIELDS,
    do_create_person,
    do_move_person,
    do_update_person,
    validate_identity,
)
from people.models import Identity, Person


class IdentitySerializer(serializers.Serializer):
    """The sealed fields. As input to create or update it replaces the whole identity:
    fields left out are stored empty."""

    legal_name = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    email = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    address = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=2000)

    def validate(self, attrs) -> Identity:
        identity = Identity(**attrs)
        try:
            validate_identity(identity)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(django_errors(exc)) from exc
        return identity


class PersonSerializer(RecordSerializer):
    unit = RestrictedRelatedField(
        model=Unit, action="add", queryset_for=Unit.objects.holding_records,
        help_text="A unit where you may add people. Changing it moves the person.")
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    identity = IdentitySerializer(
        write_only=True, required=False,
        help_text="Write-only. Replaces the whole sealed identity; read it with reveal.")

    class Meta:
        model = Person
        fields = ["id", "uid", "version",
                  "unit", "unit_name", "alias", "kind", "status", "status_since",
                  "joined_on", "created_at", "updated_at", "identity"]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {"status_since": {"required": False}}
        validators: list = []  # the actions validate the model, constraints included

    def _user(self):
        return self.context["request"].user

    def create(self, validated_data) -> Person:
        unit = validated_data.pop("unit")
        identity = validated_data.pop("identity", None)
        with action_errors():
            return do_create_person(acting_user=self._user(), unit=unit, data=validated_data,
                                    identity=identity)

    def update(self, instance, validated_data) -> Person:
        unit = validated_data.pop("unit", None)
        identity = validated_data.pop("identity", None)
        data = {k: v for k, v in validated_data.items() if k in PLAIN_FIELDS}
        # Moving and editing succeed or fail together.
        with transaction.atomic(), action_errors():
            if unit is not None and unit.pk != instance.unit_id:
                instance = do_move_person(acting_user=self._user(), person=instance, unit=unit)
            return do_update_person(acting_user=self._user(), person=instance, data=data,
                                    identity=identity)
