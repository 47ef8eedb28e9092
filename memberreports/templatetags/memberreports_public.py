"""``{% public_reports campaign %}``: the published member reports on the public campaign
page (and its static export), with their photos as small thumbnails made by the server
from the files shown (faces blurred, no metadata) and their videos as links.

Only reports the office accepted and published appear; they name the organization (or the
name it signed with), never a unit or a person. Links go through the page's ``public_links``
(``campaigns.public.Links``), so the export copies the thumbnails into its folder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse

from memberreports import media
from memberreports.models import ReportMedia, SentReport

register = template.Library()


@dataclass(frozen=True)
class PublicItem:
    kind: str
    href: str
    thumbnail: str
    alt: str


def published_reports(campaign: Any) -> list[SentReport]:
    return list(SentReport.objects.filter(
        campaign=campaign, published=True, status=SentReport.Status.ACCEPTED)
        .exclude(media_state=SentReport.MediaState.PROCESSING)  # never reviewed: belt and braces
        .select_related("organization", "component").prefetch_related("media")
        .order_by("-date", "-published_at"))


def _items(report: SentReport, links: Any) -> list[PublicItem]:
    found = []
    for item in report.media.all():
        name = f"report-{item.uid}.{media.EXTENSIONS[item.file_type]}"
        href = _link(links, name, item, "memberreports:public_media",
                     lambda item=item: media.read(item.file_sha256, item.file_type))
        small = ""
        if item.kind == ReportMedia.Kind.PHOTO:
            small = _link(links, f"report-{item.uid}-small.jpg", item,
                          "memberreports:public_thumbnail",
                          lambda item=item: media.thumbnail(
                              media.read(item.file_sha256, item.file_type)))
        found.append(PublicItem(item.kind, href, small, item.caption or f"{report.city}"))
    return found


def _link(links: Any, name: str, item: ReportMedia, route: str, load: Any) -> str:
    url = reverse(route, kwargs={"uid": item.uid})
    return links.file(name, load, url) if links is not None else url


@register.inclusion_tag("memberreports/public_reports.html", takes_context=True)
def public_reports(context: template.Context, campaign: Any) -> dict[str, Any]:
    links = context.get("public_links")
    return {"entries": [(report, _items(report, links)) for report in
                        published_reports(campaign)],
            "campaign": campaign}
