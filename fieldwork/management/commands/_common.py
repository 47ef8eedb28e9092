"""Shared by the fieldwork commands: resolve the acting user and an object in their scope."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from access.records import Record


def acting_user(username: str):
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Unknown user {username!r}.")
    return user


def in_scope(model: type[Record], user, pk: int, action: str, label: str):
    """The object, through the same access layer as a page; unknown and out-of-scope objects
    fail with the same message."""
    found = model.objects.restrict(user, action).filter(pk=pk).first()
    if found is None:
        raise CommandError(f"Unknown {label} {pk}.")
    return found
