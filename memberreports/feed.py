"""The published reports as entries of the campaign's Atom feed (``campaigns.public``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.text import Truncator


def report_items(campaign: Any) -> Iterable[Any]:
    from campaigns.public import FeedItem
    from memberreports.templatetags.memberreports_public import published_reports

    for report in published_reports(campaign):
        place = ", ".join(filter(None, [report.city, report.country]))
        yield FeedItem(uid=str(report.uid), title=f"{place} · {report.date.isoformat()}",
                       description=Truncator(report.text).chars(400),
                       published=report.published_at or report.created_at,
                       anchor=f"report-{report.uid}")
