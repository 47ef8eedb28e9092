"""Periodicals on pages: dates as precise as their source, the timeline of due dates, and the
list of an organization's periodicals on its profile."""

from __future__ import annotations

import datetime

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from fieldwork import charts
from nucleus.calendars import format_date, format_year, local_digits
from organizations.models import Organization
from publications.continuity import Continuity
from publications.models import Periodical, Precision, StatusPeriod
from publications.reports import current_status, visible_unit_ids

register = template.Library()


@register.filter
def partial_date(value: datetime.date | None, precision: str = Precision.DAY) -> str:
    """A date known to the day in the reader's calendar; one known to the month or the year
    as the Gregorian month or year the source gives (converting it would invent a day)."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return format_year(value.year)
    if precision == Precision.MONTH:
        return local_digits(pgettext("Gregorian month", "%(year)s-%(month)s") % {
            "year": value.year, "month": f"{value.month:02d}"})
    return format_date(value)


@register.filter
def language_list(codes: list[str] | None) -> str:
    return ", ".join(codes or [])


@register.simple_tag
def due_timeline(report: Continuity, name: str) -> SafeString:
    """The last due dates, oldest first: a bar where an issue counted (on time or late, the
    tooltip says which), a red tick where it was missed."""
    due = report.timeline
    labels = []
    for d in due:
        if d.appeared is None:
            labels.append(_("%(date)s: missed") % {"date": format_date(d.on)})
        elif d.days_late:
            labels.append(_("%(date)s: %(days)s days late") % {
                "date": format_date(d.on), "days": local_digits(d.days_late)})
        else:
            labels.append(_("%(date)s: on time") % {"date": format_date(d.on)})
    title = _("%(name)s: the last due dates") % {"name": name}
    svg = charts.timeline([0 if d.appeared is None else 1 for d in due], title=title,
                          labels=labels, scale=1, digits=local_digits)
    return mark_safe(svg)  # noqa: S308  (charts escapes every text it is given)


@register.inclusion_tag("publications/_organization_periodicals.html", takes_context=True)
def organization_periodicals(context, org: Organization) -> dict:
    """The periodicals on an organization's profile (its page has the link to add one)."""
    user = context["request"].user
    periodicals = list(Periodical.objects.restrict(user).filter(organization=org)
                       .select_related("publishing_unit").prefetch_related("status_periods"))
    units = visible_unit_ids(user, periodicals)
    rows = [(p, current_status(list(p.status_periods.all())),
             p.publishing_unit if p.publishing_unit_id in units else None)
            for p in periodicals]
    return {"org": org, "rows": rows}


@register.simple_tag
def describe_schedule(period: StatusPeriod) -> str:
    """"Weekly on Friday", "Every 2 weeks", "Monthly on day 31" ... ("" when not known)."""
    frequency = period.frequency
    if frequency == StatusPeriod.Frequency.WEEKLY and period.weekday is not None:
        return _("Weekly on %(weekday)s") % {"weekday": period.weekday_name}
    if frequency == StatusPeriod.Frequency.EVERY_N_WEEKS and period.interval_weeks:
        n = period.interval_weeks
        return ngettext("Every %(n)s week", "Every %(n)s weeks", n) % {"n": local_digits(n)}
    if frequency == StatusPeriod.Frequency.MONTHLY and period.day_of_month:
        return _("Monthly on day %(day)s") % {"day": local_digits(period.day_of_month)}
    return str(period.get_frequency_display()) if frequency else ""
