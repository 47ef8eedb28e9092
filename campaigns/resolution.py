"""What the public page takes from the coalition's resolution (the ``coalitions`` app): its
texts by language and its dated signatory list. Until a campaign belongs to a resolution, a
campaign has neither."""

from __future__ import annotations

from typing import Any

from campaigns.models import Campaign


def text_languages(campaign: Campaign) -> list[str]:
    """The languages the resolution's texts exist in, the original first."""
    return []


def public_resolution(campaign: Campaign, language: str) -> dict[str, Any] | None:
    return None
