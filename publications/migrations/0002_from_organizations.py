"""Every ``organizations.Publication`` becomes a periodical: same uid, title, native title,
web address and note; the kind mapped to the new kinds; the comma-separated languages as a
list; the first year as a start known to the year; the free-text frequency as a structured
schedule where it clearly says one ("daily", "weekly", "every Friday", "weekly (Friday)",
"monthly", "24-hour"), else kept word for word as the schedule as described. Each gets its
main edition in its first language.

Backwards, each periodical becomes a publication again (same uid), its schedule as text: a
database can go back to before the move and forward again without losing a row."""

import re
import uuid
from datetime import date

from django.db import migrations

KINDS = {"newspaper": "newspaper", "journal": "magazine", "newsletter": "newsletter",
         "broadcast": "tv", "website": "website"}
BACK = {"newspaper": "newspaper", "magazine": "journal", "theoretical_journal": "journal",
        "newsletter": "newsletter", "bulletin": "newsletter", "website": "website",
        "radio": "broadcast", "tv": "broadcast"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})?")


def kind_of(old_kind, text):
    """The new kind: a journal that says it is theoretical is one; a broadcast is TV unless
    it says radio."""
    words = text.lower()
    if old_kind == "journal" and "theoretical" in words:
        return "theoretical_journal"
    if old_kind == "broadcast" and "radio" in words:
        return "radio"
    return KINDS.get(old_kind, "newspaper")


def languages_of(text):
    codes = [c.strip().lower() for c in re.split(r"[,،;/\s]+", text or "") if c.strip()]
    return list(dict.fromkeys(c for c in codes if CODE.fullmatch(c)))


def schedule_of(text):
    """(frequency, weekday) when the words clearly say a schedule, else None."""
    words = " ".join((text or "").lower().split())
    if not words:
        return None
    on_a_day = re.fullmatch(r"(?:weekly[\s,(]*(?:on\s+)?|every\s+|each\s+|on\s+)?"
                            rf"({'|'.join(WEEKDAYS)})s?\)?", words)
    if on_a_day:
        return "weekly", WEEKDAYS.index(on_a_day.group(1))
    if words in ("daily", "every day"):
        return "daily", None
    if words in ("weekly", "every week"):
        return "weekly", None
    if words in ("monthly", "every month"):
        return "monthly", None
    if words in ("24-hour", "24 hours", "continuous"):
        return "continuous", None
    return None


def forward(apps, schema_editor):
    Publication = apps.get_model("organizations", "Publication")
    Periodical = apps.get_model("publications", "Periodical")
    Edition = apps.get_model("publications", "Edition")
    StatusPeriod = apps.get_model("publications", "StatusPeriod")
    for old in Publication.objects.order_by("pk"):
        schedule = schedule_of(old.frequency)
        languages = languages_of(old.languages)
        periodical = Periodical.objects.create(
            uid=old.uid, organization_id=old.organization_id, title=old.title,
            native_title=old.native_title,
            kind=kind_of(old.kind, f"{old.title} {old.note} {old.frequency}"),
            languages=languages, url=old.url,
            started_on=date(old.started_year, 1, 1) if old.started_year else None,
            started_precision="year" if old.started_year else "day",
            schedule_text="" if schedule else old.frequency[:100], note=old.note)
        Edition.objects.create(uid=uuid.uuid4(), periodical=periodical,
                               language=languages[0] if languages else "")
        if schedule:
            frequency, weekday = schedule
            StatusPeriod.objects.create(uid=uuid.uuid4(), periodical=periodical,
                                        status="current", frequency=frequency, weekday=weekday)


def frequency_text(period):
    if period is None:
        return ""
    if period.frequency == "weekly" and period.weekday is not None:
        return f"weekly ({WEEKDAYS[period.weekday].title()})"
    return {"continuous": "24-hour"}.get(period.frequency, period.frequency)


def backward(apps, schema_editor):
    Publication = apps.get_model("organizations", "Publication")
    Periodical = apps.get_model("publications", "Periodical")
    StatusPeriod = apps.get_model("publications", "StatusPeriod")
    for new in Periodical.objects.order_by("pk"):
        latest = (StatusPeriod.objects.filter(periodical=new)
                  .order_by("-since", "-created_at").first())
        Publication.objects.create(
            uid=new.uid, organization_id=new.organization_id, title=new.title,
            native_title=new.native_title, kind=BACK.get(new.kind, "newspaper"),
            languages=", ".join(new.languages)[:100],
            frequency=(new.schedule_text or frequency_text(latest))[:60], url=new.url,
            started_year=new.started_on.year if new.started_on else None, note=new.note)


class Migration(migrations.Migration):

    dependencies = [
        ("organizations", "0003_record_base"),
        ("publications", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
