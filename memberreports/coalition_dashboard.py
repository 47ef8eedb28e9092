"""The office dashboard's panel for member reports (``coalitions.dashboard``): what waits for
review, and per campaign the reports by week and by country and component. Read through the
access layer; counts of organizations' reports, never of people."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from campaigns.overview import by_country_and_component, weekly_counts
from coalitions.dashboard import Panel, register
from fieldwork import charts
from memberreports.models import SentReport


def reports_context(user: Any, coalition: Any) -> dict[str, Any] | None:
    reports = list(SentReport.objects.restrict(user, "view")
                   .filter(campaign__coalition=coalition)
                   .select_related("campaign", "organization", "component"))
    if not reports:
        return None
    # A report whose files are being processed waits for its job, not yet for the office.
    waiting = [r for r in reports
               if r.status == SentReport.Status.SENT and not r.media_processing]
    campaigns: list[dict[str, Any]] = []
    for campaign in {r.campaign for r in reports}:
        own = [r for r in reports if r.campaign_id == campaign.pk]
        components = list(campaign.components.all())
        weeks = weekly_counts([r.date for r in own], min(r.date for r in own),
                              max(max(r.date for r in own), campaign.starts_on))
        chart = charts.timeline([n for _w, n in weeks], title=_("Reports by week"),
                                labels=[w.isoformat() for w, _n in weeks],
                                width=max(132, 12 * len(weeks)), height=40)
        campaigns.append({
            "campaign": campaign, "count": len(own), "components": components,
            "table": by_country_and_component(own, components),
            "chart": mark_safe(chart),  # noqa: S308 (charts escape every text they draw)
        })
    campaigns.sort(key=lambda c: c["campaign"].starts_on, reverse=True)
    return {"waiting": sorted(waiting, key=lambda r: r.created_at), "campaigns": campaigns,
            "today": timezone.localdate()}


register(Panel("memberreports/_dashboard_reports.html", reports_context, order=50))
