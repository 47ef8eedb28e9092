"""API input and output for people.

Responses carry aliases, kind, status and unit: never identity fields. The identity is
write-only on create and update, and read only through the audited reveal action.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NoReturn

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers

from access.api import RecordSerializer, RestrictedRelatedField, action_errors, django_errors
from access.helpers import can
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
    """The sealed fields. As input, only the parts sent are written: on create the others
    are empty, on update they keep their stored value (send "" to clear one)."""

    legal_name = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    email = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    address = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    class_position = serializers.CharField(
        required=False, allow_blank=True, max_length=40,
        help_text="The uid of one of the organization's class positions.")
    sector = serializers.CharField(required=False, allow_blank=True, max_length=200)

    def validate(self, attrs) -> dict[str, str]:
        # The parts sent, checked on their own (the parts left out are not touched).
        try:
            validate_identity(Identity(**attrs))
        except DjangoValidationError as exc:
            raise serializers.ValidationError(django_errors(exc)) from exc
        return dict(attrs)


def refuse_identity_write(fields: Iterable[str]) -> NoReturn:
    """403, nothing written: identity parts were sent by someone who may not reveal them
    (replacing a member's phone redirects whoever calls them; blanking it loses them)."""
    raise exceptions.PermissionDenied(
        _("Changing identity fields needs identity access to this person: %(fields)s.")
        % {"fields": ", ".join(sorted(fields))})


class PersonSerializer(RecordSerializer):
    unit = RestrictedRelatedField(
        model=Unit, action="add", queryset_for=Unit.objects.holding_records,
        help_text="A unit where you may add people. Changing it moves the person.")
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    identity = IdentitySerializer(
        write_only=True, required=False,
        help_text="Write-only; read it with reveal. On update only the parts sent change, "
                  "and changing any needs identity access to the person (403 otherwise).")

    class Meta:
        model = Person
        fields = ["uid", "version",
                  "unit", "unit_name", "alias", "kind", "status", "status_since",
                  "joined_on", "created_at", "updated_at", "identity"]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {"status_since": {"required": False}}
        validators: list = []  # the actions validate the model, constraints included

    def _user(self):
        return self.context["request"].user

    def validate(self, attrs):
        # A new record's identity is what its author already knows, and replaces nothing;
        # changing an existing one needs the identity right on the person.
        sent = attrs.get("identity") or {}
        if (self.instance is not None and sent
                and not can(self._user(), Person, self.instance, "reveal")):
            refuse_identity_write(sent)
        return attrs

    def create(self, validated_data) -> Person:
        unit = validated_data.pop("unit")
        identity = validated_data.pop("identity", None)
        with action_errors():
            return do_create_person(acting_user=self._user(), unit=unit, data=validated_data,
                                    identity=Identity(**identity) if identity else None)

    def update(self, instance, validated_data) -> Person:
        unit = validated_data.pop("unit", None)
        changes = validated_data.pop("identity", None) or None
        data = {k: v for k, v in validated_data.items() if k in PLAIN_FIELDS}
        # Moving and editing succeed or fail together.
        with transaction.atomic(), action_errors():
            if unit is not None and unit.pk != instance.unit_id:
                instance = do_move_person(acting_user=self._user(), person=instance, unit=unit)
            return do_update_person(acting_user=self._user(), person=instance, data=data,
                                    identity_changes=changes)
