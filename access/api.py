"""Shared pieces of the REST API: the access layer applied to viewsets and serializers.

Every viewset fetches through ``Model.objects.restrict(user, action)``, with the action derived
from what the request does, so an object outside the caller's scope answers 404 exactly like
a missing one. Every related object named in input is looked up the same way, and a hidden
one fails with the same message as a nonexistent one. Records and relations are named by
``uid``, never by integer id (ids would tell install-wide counts).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, generics, serializers
from rest_framework.settings import api_settings
from rest_framework.utils.model_meta import RelationInfo

from access.records import Record, check_unchanged

# Viewset action -> the .restrict() action that decides who may do it.
VIEWSET_ACTIONS: dict[str, str] = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
    "metadata": "view",
}

# For the checker, the mixin is the view it is mixed into (``self.request`` and the like).
if TYPE_CHECKING:
    _View = generics.GenericAPIView[Any]
else:
    _View = object


# A record's uid in a URL (the router's ``lookup_value_regex``).
UID_PATTERN = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


class RestrictedViewSetMixin(_View):
    """``get_queryset()`` is ``model.objects.restrict(request.user, action)``.

    Subclasses set ``model`` and, for extra ``@action`` methods, map them in
    ``extra_access_actions`` (for example ``{"move": "change"}``). An action that is not
    mapped is refused (an empty queryset), so a new endpoint cannot silently widen access.
    Records are addressed by ``uid`` (``/api/people/<uid>/``): integer ids would tell an
    install-wide count and the order records were made in.
    """

    model: type[Record]
    extra_access_actions: dict[str, str] = {}
    lookup_field = "uid"
    lookup_value_regex = UID_PATTERN

    def access_action(self) -> str:
        name = getattr(self, "action", None) or ""
        return {**VIEWSET_ACTIONS, **self.extra_access_actions}.get(name, "")

    def restricted(self) -> models.QuerySet[Any]:
        action = self.access_action()
        if not action:
            return self.model.objects.none()
        return self.model.objects.restrict(self.request.user, action)

    def get_queryset(self) -> models.QuerySet[Any]:
        return self.restricted()


@contextmanager
def action_errors() -> Iterator[None]:
    """Turn a Django ValidationError raised by a ``do_*`` action into a DRF 400 carrying the
    same messages (keyed by field where the action names one)."""
    try:
        yield
    except DjangoValidationError as exc:
        raise serializers.ValidationError(django_errors(exc)) from exc


def django_errors(exc: DjangoValidationError) -> dict[str, Any]:
    """A Django ValidationError as DRF error data; errors not about one field (Django's
    ``__all__``) go under DRF's ``non_field_errors``."""
    detail = serializers.as_serializer_error(exc)
    if NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    return detail


class RestrictedRelatedField(serializers.SlugRelatedField[Any]):
    """A related record by ``uid``, in output and input; input limited to what the
    requesting user may ``action``.

    ``model`` is restricted with ``model.objects.restrict(user, action)`` unless a
    ``queryset_for(user, action)`` callable is given. Nonexistent, hidden and malformed uids
    (an integer id included) all fail with the same message ("Unknown unit.").
    """

    def __init__(self, *, model: type[Record], action: str = "view",
                 queryset_for: Callable[[Any, str], models.QuerySet[Any]] | None = None,
                 **kwargs: Any) -> None:
        self.model = model
        self.access_action = action
        self.queryset_for = queryset_for
        unknown = format_lazy(_("Unknown {name}."), name=model._meta.verbose_name)
        messages = {"does_not_exist": unknown, "invalid": unknown}
        kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        if not kwargs.get("read_only"):
            # A placeholder for DRF's checks and the schema; get_queryset() is what is used.
            kwargs.setdefault("queryset", model._default_manager.none())
        super().__init__(slug_field="uid", **kwargs)

    def get_queryset(self) -> models.QuerySet[Any]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return self.model._default_manager.none()
        if self.queryset_for is not None:
            return self.queryset_for(user, self.access_action)
        return self.model.objects.restrict(user, self.access_action)

    def to_internal_value(self, data: Any) -> Any:
        # Parsed first: the database would raise on a malformed uid instead of not finding it.
        try:
            uid = uuid.UUID(str(data))
        except ValueError:
            self.fail("does_not_exist")
        try:
            return self.get_queryset().get(uid=uid)
        except ObjectDoesNotExist:
            self.fail("does_not_exist")

    def to_representation(self, obj: Any) -> str:
        return str(obj.uid)


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = _("This record was changed since you read it.")
    default_code = "stale"


class UidModelSerializer(serializers.ModelSerializer[Any]):
    """The base of every model serializer: no integer ``id`` in any answer (even when
    ``Meta.fields`` names it), and every relation a ``RestrictedRelatedField`` (by uid,
    input limited to what the caller may see), without per-serializer code."""

    def get_field_names(self, declared_fields: Any, info: Any) -> list[str]:
        return [name for name in super().get_field_names(declared_fields, info)
                if name not in ("id", "pk")]

    def build_relational_field(
            self, field_name: str, relation_info: RelationInfo,
    ) -> tuple[type[serializers.Field[Any, Any, Any, Any]], dict[str, Any]]:
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if issubclass(field_class, serializers.PrimaryKeyRelatedField):
            kwargs.pop("queryset", None)
            return RestrictedRelatedField, {**kwargs, "model": relation_info.related_model}
        return field_class, kwargs


class RecordSerializer(UidModelSerializer):
    """The base of every serializer of a record: ``uid`` and ``version`` in every answer,
    relations by uid (``UidModelSerializer``); an update that carries the ``version`` it
    read is refused with 409 when the record changed since."""

    uid = serializers.UUIDField(read_only=True)
    version = serializers.IntegerField(
        required=False, min_value=1,
        help_text="The version you read. An update carrying an older one is refused (409).")

    def save(self, **kwargs: Any) -> Any:
        version = self.validated_data.pop("version", None)
        if self.instance is None:
            return super().save(**kwargs)
        with transaction.atomic():
            try:
                check_unchanged(self.instance, version)
            except DjangoValidationError as exc:
                raise Conflict(exc.messages[0]) from exc
            return super().save(**kwargs)
