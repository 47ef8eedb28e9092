"""Tells every page whether this is a demo install (settings.NUCLEUS_DEMO): its logins have
passwords published in docs/demo.md, so the pages say so and ask for no real data."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def demo_install(request: HttpRequest) -> dict[str, Any]:
    return {"demo_install": bool(settings.NUCLEUS_DEMO)}
