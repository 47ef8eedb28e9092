"""Security headers on every answer of the application (static files are answered by
WhiteNoise before this middleware and keep their own caching: ``StaticFilesMiddleware``)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from whitenoise.middleware import (  # type: ignore[import-untyped]  # no type information
    WhiteNoiseMiddleware,
)


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, with a file named by its content's hash (nucleus/storage.py) cached for a
    year, ``immutable``, rather than WhiteNoise's ten years: a year is the longest lifetime
    HTTP caches are asked to honour (RFC 9111, 5.3), and a new version has a new name anyway.
    Files without a hash keep WhiteNoise's minute."""

    FOREVER = 365 * 24 * 60 * 60

# Pages load nothing from other hosts; the policy makes the browser enforce it too.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "connect-src 'self'; font-src 'self'; frame-ancestors 'none'; form-action 'self'; "
       "base-uri 'self'")

# Browser features Nucleus never uses, all off: a page (or a script slipped into one) cannot
# reach the camera, the microphone or the position of a member's phone.
DISABLED_FEATURES = (
    "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "browsing-topics",
    "camera", "display-capture", "encrypted-media", "gamepad", "geolocation", "gyroscope",
    "hid", "idle-detection", "local-fonts", "magnetometer", "microphone", "midi", "payment",
    "picture-in-picture", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
)
# WebAuthn, for passkeys (accounts/passkeys.py): this site's own pages only, never a frame
# of another site (the browser's default, said out loud so that it stays so).
SELF_FEATURES = ("publickey-credentials-create", "publickey-credentials-get")
PERMISSIONS_POLICY = ", ".join([*(f"{feature}=()" for feature in DISABLED_FEATURES),
                                *(f"{feature}=(self)" for feature in SELF_FEATURES)])

# Answers that hold no personal data and may be cached: the health check. Static assets
# never reach this middleware when WhiteNoise serves them; the prefix covers other setups.
CACHEABLE_PATHS = ("/healthz",)


def may_be_cached(path: str) -> bool:
    static = settings.STATIC_URL or "/static/"
    return path.startswith(static) or path.rstrip("/") in CACHEABLE_PATHS


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("Referrer-Policy", "same-origin")
        response["Permissions-Policy"] = PERMISSIONS_POLICY
        if not may_be_cached(request.path):
            # The simple safe rule: every page and API answer may name people, so no
            # browser, proxy or shared computer keeps a copy (the back button re-asks the
            # server, which may by then have ended the session of an arrested member).
            if "no-store" not in response.get("Cache-Control", ""):
                response["Cache-Control"] = "no-store"
        return response
