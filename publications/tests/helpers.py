"""Small helpers shared by the periodical tests."""

from __future__ import annotations

from django.urls import reverse

from access.records import Record
from accounts.models import User
from organizations.models import Organization
from publications.actions import do_create_periodical
from publications.models import Periodical


def founder() -> User:
    """Founded the Red Party in tests/cast.py: the secretary of its top unit."""
    return User.objects.get(username="founder")


def url(name: str, obj: Record | None = None) -> str:
    return reverse(f"publications:{name}",
                   kwargs={"uid": obj.uid} if obj is not None else None)


def periodical(org: Organization, title: str = "Red Star", **data) -> Periodical:
    return do_create_periodical(acting_user=None, organization=org,
                                data={"title": title, "languages": ["fa"], **data})
