"""Refuse to serve with an identity key that does not open the stored data.

With a replaced or damaged key every reveal fails, and worse, every identity entered from
then on is sealed under a key that the rest of the data does not share. So no page is served
(503, a page that says what to do) until the right key is back; the health check stays
reachable to report it. A decryption failure inside a view gets the same page, not a 500.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from vault import custody
from vault.keyring import KeyringError

EXEMPT_PATHS = ("/healthz",)


REFUSED = "identity key does not open the stored data"


def refusal(request: HttpRequest, detail: str) -> HttpResponse:
    user = getattr(request, "user", None)
    # The reason names files and key ids: for install administrators only.
    shown = detail if user is not None and user.is_superuser else ""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": REFUSED, **({"reason": shown} if shown else {})},
                            status=503)
    return render(request, "vault/key_refused.html", {"detail": shown}, status=503)


class IdentityKeyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.rstrip("/") not in EXEMPT_PATHS:
            verdict = custody.cached_verdict()
            if not verdict.usable:
                return refusal(request, verdict.detail)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest,
                          exception: Exception) -> HttpResponse | None:
        if isinstance(exception, KeyringError):
            custody.forget_verdict()  # look at the key again on the next request
            custody.logger.error("identity data could not be opened: %s", exception)
            return refusal(request, str(exception))
        return None
