"""Support for the URL-walking access test: which object each URL pattern is about."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Case:
    model: type[models.Model] | None = None
    action: str = "view"
    method: str = "GET"
    # Extra query string for GET pages that need one (for example a search term).
    query: str = ""
    # Public endpoints (login page, health check) answer anonymous users too.
    public: bool = False
    # Endpoints whose job is to show an identity (a reveal): the legal-name check is skipped,
    # the alias check is kept.
    shows_identity: bool = False
    # Pages that add a record of this model in the object's unit (a one-to-one in a field):
    # inside are the objects on units where the user may add it, as its anchor declares
    # (``Unit.objects.holding_records(user, "add", model=...)``), not ``restrict(action)``.
    adds: type[models.Model] | None = None

    def allowed(self, user) -> models.QuerySet:
        """The objects of ``model`` this page answers for ``user``."""
        assert self.model is not None
        objects = self.model.objects  # type: ignore[attr-defined]
        if self.adds is None:
            return objects.restrict(user, self.action)
        from organizations.models import Unit

        units = Unit.objects.holding_records(user, "add", model=self.adds)
        lookup = self.model.anchor.unit_lookup()  # type: ignore[attr-defined]
        return objects.restrict(user).filter(**{f"{lookup}__in": units.values("id")})


def iter_patterns(resolver: URLResolver | None = None, namespace: str = ""):
    """Yield (qualified name, pattern) for every named URL pattern of the project."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}{entry.namespace}:"
            yield from iter_patterns(entry, ns)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), entry
