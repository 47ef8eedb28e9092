"""What the public page takes from the campaign's resolution (``coalitions``): its texts by
language and its dated signatory list — only once the resolution is adopted, and of its
translations only the checked ones (a draft translation is not published)."""

from __future__ import annotations

from typing import Any

from campaigns.models import Campaign, is_rtl
from coalitions.models import CoalitionResolution, ResolutionText


def _adopted(campaign: Campaign) -> CoalitionResolution | None:
    resolution = campaign.resolution
    if resolution is None or resolution.adopted_on is None:
        return None
    return resolution


def _public_texts(resolution: CoalitionResolution) -> list[ResolutionText]:
    texts = [t for t in resolution.texts.order_by("-is_original", "language")
             if t.is_original or t.translation_status == ResolutionText.Translation.CHECKED]
    return texts


def text_languages(campaign: Campaign) -> list[str]:
    """The languages the adopted resolution's public texts exist in, the original first."""
    resolution = _adopted(campaign)
    return [t.language for t in _public_texts(resolution)] if resolution else []


def public_resolution(campaign: Campaign, language: str) -> dict[str, Any] | None:
    """The text in ``language`` (else the original), its points and the dated signatory
    list; None when the campaign has no adopted resolution."""
    resolution = _adopted(campaign)
    if resolution is None:
        return None
    texts = _public_texts(resolution)
    if not texts:
        return None
    text = next((t for t in texts if t.language == language), texts[0])
    signatories = list(resolution.signatories.select_related("organization")
                       .order_by("later", "signed_on", "organization__name"))
    return {
        "title": text.title or resolution.title, "body": text.body, "language": text.language,
        "rtl": is_rtl(text.language), "is_translation": not text.is_original,
        "points": [p.body for p in text.points.order_by("number")],
        "adopted_on": resolution.adopted_on,
        "signatories_as_of": max((s.signed_on for s in signatories), default=None),
        "signatories": [{"name": _name(s.organization), "later": s.later,
                         "signed_on": s.signed_on} for s in signatories],
    }


def _name(organization: Any) -> str:
    if organization.acronym and organization.acronym != organization.name:
        return f"{organization.acronym} — {organization.name}"
    return str(organization.name)
