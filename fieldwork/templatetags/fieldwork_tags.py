"""Template helpers of the fieldwork pages: the SVG charts (from ``fieldwork.charts``, whose
output is escaped there, hence ``mark_safe``), shares as percentages, and the small link
blocks that the organization and unit pages include."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import lru_cache

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from access.helpers import can
from access.scope import scope_for
from fieldwork import charts
from fieldwork.continuity import WEEKS
from fieldwork.defaults import shown
from fieldwork.metrics import PartStructure, StructureReport, WallChart, WeekCount
from fieldwork.models import Field, MoodReading
from nucleus import preferences
from nucleus.calendars import format_date, local_digits
from organizations.models import Organization, Unit

register = template.Library()


def week_labels(today: date, date_label: Callable[[date], str]) -> list[str]:
    """'start – end' of each of the WEEKS periods ending today, oldest first."""
    labels = []
    for k in reversed(range(WEEKS)):
        end = today - timedelta(days=7 * k)
        labels.append(f"{date_label(end - timedelta(days=6))} – {date_label(end)}")
    return labels


@register.filter
def catalogue_label(text: str) -> str:
    """A level's or demand's name kept as text (a review's figures): in the reader's language
    while it is a default's (fieldwork/defaults.py)."""
    return shown(text) if isinstance(text, str) else text


@register.filter
def percent(share: float | None) -> str:
    """0.456 -> '46%'; no headcount -> '—'."""
    if share is None:
        return "—"
    return f"{round(share * 100)}%"


@register.filter
def get(mapping: dict, key):
    """``{{ mapping|get:key }}``: a dictionary entry (None when missing)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def level_swatch(colour: str, label: str = "") -> SafeString:
    return mark_safe(charts.swatch(colour, label=label))  # noqa: S308 (escaped in charts)


@register.simple_tag
def week_timeline(weeks: Sequence[WeekCount]) -> SafeString:
    """The activity of a dashboard's subtree, week by week."""
    svg = charts.timeline(
        [w.activities for w in weeks], title=_("Activities per week, last 12 weeks"),
        labels=[f"{format_date(w.start)} – {format_date(w.end)}" for w in weeks],
        width=264, height=40, digits=local_digits)
    return mark_safe(svg)  # noqa: S308


@register.simple_tag
def field_timeline(days: Sequence[int], today: date, name: str = "") -> SafeString:
    """Days with activity in each of the last 12 weeks, on the same 0-7 scale for every
    field: a full bar is daily work."""
    title = _("%(name)s: days with activity per week, last 12 weeks") % {"name": name}
    labels = list(_field_week_labels(today, get_language(), preferences.current()))
    svg = charts.timeline(list(days), title=title, labels=labels, scale=7, digits=local_digits)
    return mark_safe(svg)  # noqa: S308


@lru_cache(maxsize=16)
def _field_week_labels(today: date, language: str,
                       _preferences: preferences.Preferences) -> tuple[str, ...]:
    # The same twelve labels for every row of a continuity page: format them once.
    return tuple(week_labels(today, format_date))


@register.simple_tag
def wall_grid(chart: WallChart, links: Sequence[Sequence[str]] = ()) -> SafeString:
    """``links``: per row, where each of its cells leads (``views.fields.contact_list_links``)."""
    columns = [charts.GridColumn(str(lv.value), lv.label + (_(" (retired)") if lv.retired
                                                            else ""), lv.colour)
               for lv in chart.levels]
    rows = [charts.GridRow(str(r.part_id) if r.part_id else "none",
                           r.name or _("Without a part"), [c.count for c in r.cells],
                           r.unassessed, r.never_contacted,
                           links[i] if i < len(links) else ())
            for i, r in enumerate(chart.rows)]
    svg = charts.assessment_grid(
        columns, rows, title=_("%(field)s: people of each part at each level of the scale")
        % {"field": chart.field_name},
        unassessed=charts.GridColumn("?", _("Contacted, not assessed yet"), charts.UNASSESSED),
        never_contacted=charts.GridColumn("∅", _("Never contacted"), "#5f6368"),
        rtl=get_language_bidi(), digits=local_digits)
    return mark_safe(svg)  # noqa: S308


@register.simple_tag
def level_bar(row: PartStructure, report: StructureReport) -> SafeString:
    """The row's levels as shares of its headcount, with the majority marks."""
    segments = [charts.Segment(f"{lc.value} {lc.label}", lc.count, lc.colour)
                for lc in row.levels]
    marks = [charts.Mark(report.majority_percent, _("Majority")),
             charts.Mark(report.supermajority_percent, _("Supermajority"))]
    svg = charts.share_bar(segments, row.headcount, marks=marks, rtl=get_language_bidi(),
                           digits=local_digits,
                           title=_("%(name)s: levels as shares of the headcount")
                           % {"name": row.name or _("Without a part")})
    return mark_safe(svg)  # noqa: S308


@register.simple_tag
def mood_trend(points) -> SafeString:
    """The mood in words on its axis and in its tooltips (never the number)."""
    words = dict(MoodReading.Value.choices)
    svg = charts.trend([(p.taken_on, p.value) for p in points], title=_("Mood over time"),
                       date_label=format_date, digits=local_digits,
                       value_label=lambda value: str(words.get(value, value)))
    return mark_safe(svg)  # noqa: S308


@register.filter
def mood_word(value: int) -> str:
    """A mood reading's value in words."""
    return str(dict(MoodReading.Value.choices).get(value, value))


# --- links from the organization and unit pages ---

@register.inclusion_tag("fieldwork/_unit_links.html", takes_context=True)
def fieldwork_unit_links(context, unit: Unit) -> dict:
    user = context["request"].user
    return {"unit": unit, "request": context["request"],
            "can_add": scope_for(user).sees_records_of(unit, "add"),
            "fields": list(Field.objects.restrict(user).filter(unit=unit)
                           .order_by("-priority", "name"))}


@register.inclusion_tag("fieldwork/_organization_links.html", takes_context=True)
def fieldwork_organization_links(context, organization: Organization) -> dict:
    user = context["request"].user
    return {"organization": organization,
            "works_in": organization.pk in scope_for(user).organization_ids,
            "can_configure": can(user, Organization, organization, "change")}


@register.filter
def may_reveal(unit: Unit, user) -> bool:
    """Whether ``user`` holds the reveal right on ``unit``'s records: only then is a "show
    notes" button offered (the reveal itself is checked again by the access layer)."""
    return scope_for(user).sees_records_of(unit, "reveal")
