"""The request's database scope (``access/dbwall.py``): the wall around what its user may see
anything of, following the user when a login or an API token changes it; none for anonymous
requests. Placed right after the authentication middleware,
so that everything after it (second-factor checks, views, templates) runs inside the wall."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse

from access import dbwall


class DatabaseScopeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not dbwall.enabled():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The lazy user is loaded here, outside the wall (sessions and users are not walled):
        # loading it from inside the scope's own computation would recurse.
        user = getattr(request, "user", None)
        if user is not None:
            user.is_authenticated  # noqa: B018
        with dbwall.request_scope(request):
            return self.get_response(request)
