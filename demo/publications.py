"""The demo's periodicals: every publication the seeds name, with what the text says about
it as structure (kind, languages, pages, dates, schedule, status and its history, editions,
programme languages, publisher), and fictional issues of Anternasional with one missed
Friday, so that the continuity page has an interruption to show.

Everything goes through ``publications.actions``; each step looks its object up first, so
loading the demo again changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from demo.seed_text import PublicationSeed
from organizations.models import Organization, Unit
from publications.actions import (
    ArticleLine,
    do_add_edition,
    do_add_issue,
    do_add_status,
    do_create_periodical,
    do_set_programme_languages,
)
from publications.drafts import do_create_draft
from publications.models import Issue, IssueDraft, Periodical, Precision, StatusPeriod

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FREQUENCIES = {"daily": "daily", "weekly": "weekly", "monthly": "monthly",
               "24-hour": "continuous"}
# Fictional issues of Anternasional: (weeks before the last Friday, days late). Three weeks
# back no issue appeared: the missed Friday the continuity page shows; one came a day late.
ANTERNASIONAL = "Anternasional"
FICTIONAL_ISSUES = ((9, 0), (8, 0), (7, 0), (6, 1), (5, 0), (4, 0), (2, 0), (1, 0), (0, 0))
MISSED_WEEKS_BACK = 3
FIRST_NUMBER = 1001
PEN_NAMES = ("Fictional writer Bahram", "Fictional writer Nasrin", "Fictional writer Kaveh")


def partial(text: str) -> tuple[date | None, str]:
    """"2006-03" -> (1 March 2006, month); "2022" -> (1 January 2022, year)."""
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return date(int(text[:4]), int(text[5:]), 1), Precision.MONTH
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 1, 1), Precision.YEAR
    return None, Precision.DAY


def _schedule(text: str) -> dict:
    """"weekly (Friday)" -> weekly on 4; "daily"; "24-hour" -> continuous."""
    day = re.fullmatch(r"weekly \((\w+)\)", text)
    if day:
        return {"frequency": "weekly", "weekday": WEEKDAYS.index(day.group(1))}
    return {"frequency": FREQUENCIES.get(text, "")}


def _note(seed: PublicationSeed) -> str:
    note = seed.note[:1].upper() + seed.note[1:]
    if note and not note.endswith("."):
        note += "."
    if seed.meaning and seed.meaning not in note:
        note = f"In English: {seed.meaning}. {note}".strip()
    return note


def periodical_data(seed: PublicationSeed, unit: Unit | None) -> dict:
    started, started_precision = partial(seed.started)
    if started is None and seed.started_year:
        started, started_precision = date(seed.started_year, 1, 1), Precision.YEAR
    first, first_precision = partial(seed.first_issue)
    return {"title": seed.title, "native_title": seed.native_title, "kind": seed.kind,
            "languages": list(seed.languages[:1] if seed.edition_languages else seed.languages),
            "pages": seed.pages, "url": seed.url, "started_on": started,
            "started_precision": started_precision, "first_issue_on": first,
            "first_issue_precision": first_precision, "publishing_unit": unit,
            "original_title": seed.translation_of, "note": _note(seed)}


def _status(periodical: Periodical, seed: PublicationSeed) -> None:
    """What the text says of its schedule. "Used to be published every Tuesday"
    (001, Javânân-e Kommunist) is a past schedule: the paper is still named the youth
    organization's official paper, so it is suspended, not ceased. A paper named without
    a schedule is appearing, how often not known; "started a daily publication in 2022" is
    daily since 2022."""
    if seed.former_frequency:
        do_add_status(acting_user=None, periodical=periodical,
                      data={"status": StatusPeriod.Status.CURRENT,
                            **_schedule(seed.former_frequency)})
        do_add_status(acting_user=None, periodical=periodical, data={
            "status": StatusPeriod.Status.SUSPENDED,
            "note": f"The source says it used to appear {seed.former_frequency}."})
        return
    since, precision = partial(seed.started) if seed.frequency else (None, Precision.DAY)
    do_add_status(acting_user=None, periodical=periodical, data={
        "status": StatusPeriod.Status.CURRENT, "since": since, "since_precision": precision,
        **_schedule(seed.frequency)})


def build_periodical(org: Organization, seed: PublicationSeed, unit: Unit | None = None
                     ) -> tuple[Periodical, int]:
    """The periodical of ``seed`` and how many objects this made (0: it was there)."""
    found = Periodical.objects.filter(organization=org, title=seed.title).first()
    if found is not None:
        return found, 0
    periodical = do_create_periodical(acting_user=None, organization=org,
                                      data=periodical_data(seed, unit))
    for code in seed.edition_languages:
        do_add_edition(acting_user=None, periodical=periodical, data={"language": code})
    if seed.programme:
        do_set_programme_languages(acting_user=None, periodical=periodical,
                                   rows=[(code, share, None) for code, share in seed.programme])
    _status(periodical, seed)
    return periodical, 1


def last_friday(today: date) -> date:
    return today - timedelta(days=(today.weekday() - 4) % 7)


def build_fictional_issues(periodical: Periodical, today: date,
                           say: Callable[[str], None] = lambda _m: None) -> int:
    """Anternasional's fictional issues of the last ten Fridays but one."""
    edition = periodical.editions.order_by("created_at").first()
    assert edition is not None  # every periodical has its main edition
    friday = last_friday(today)
    created = 0
    for number, (weeks, late) in enumerate(FICTIONAL_ISSUES, start=FIRST_NUMBER):
        if Issue.objects.filter(edition=edition, number=number).exists():
            continue
        day = friday - timedelta(weeks=weeks) + timedelta(days=late)
        do_add_issue(acting_user=None, edition=edition, data={
            "number": number, "published_on": min(day, today),
            "title": f"Fictional issue {number}"}, articles=[
            ArticleLine(f"Fictional: news from the workplaces, week {number}",
                        PEN_NAMES[number % 3]),
            ArticleLine("Fictional: the wage demand at the textile mill",
                        PEN_NAMES[(number + 1) % 3])])
        created += 1
    if created:
        say(f"{ANTERNASIONAL}: {created} fictional issues, the Friday "
            f"{MISSED_WEEKS_BACK} weeks back missed.")
    return created


ISKRAA = "Iskraa"
DRAFT_NOTE = "Fictional: the next issue, prepared by the editorial unit."


def build_issue_in_preparation(periodical: Periodical, today: date,
                               say: Callable[[str], None] = lambda _m: None) -> int:
    """One fictional issue of Iskraa in preparation, the Kurdistan Committee's record (once:
    a demo loaded again finds it)."""
    if IssueDraft.objects.filter(periodical=periodical).exists():
        return 0
    edition = periodical.editions.order_by("created_at").first()
    assert edition is not None  # every periodical has its main edition
    do_create_draft(acting_user=None, periodical=periodical, data={
        "edition": edition, "planned_on": today + timedelta(days=14),
        "contents": "Fictional: the wage demand at the textile mill | "
                    f"{PEN_NAMES[1]}\n"
                    "Fictional: letters from the workplaces",
        "note": DRAFT_NOTE})
    say(f"{ISKRAA}: one fictional issue in preparation.")
    return 1
