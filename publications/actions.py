"""Writes to periodicals, their editions, status history, programme languages and issues:
keyword-only arguments, an ``acting_user``, one transaction, validation, an audit row.

Callers check access first (``access_object`` on the periodical or the organization, the
API's restricted relations); these functions do the work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from organizations.models import Organization
from publications import files
from publications.models import (
    Article,
    Edition,
    Issue,
    Periodical,
    ProgrammeLanguage,
    StatusPeriod,
)


@dataclass(frozen=True)
class ArticleLine:
    title: str
    pen_name: str = ""


def _not_in_future(errors: dict, field: str, day: date | None) -> None:
    if day is not None and day > timezone.localdate():
        errors[field] = _("The date cannot be in the future.")


def _create(acting_user, obj):
    obj.full_clean()
    obj.save()
    record(actor=acting_user, action="create", obj=obj)
    return obj


def _update(acting_user, obj, data: dict):
    before = snapshot(obj)
    for key, value in data.items():
        setattr(obj, key, value)
    obj.full_clean()
    if snapshot(obj) != before:
        obj.save()
        record(actor=acting_user, action="update", obj=obj, before=before)
    return obj


def _check_dates(periodical: Periodical) -> None:
    errors: dict = {}
    _not_in_future(errors, "started_on", periodical.started_on)
    _not_in_future(errors, "first_issue_on", periodical.first_issue_on)
    if errors:
        raise ValidationError(errors)


# --- periodicals ---

@transaction.atomic
def do_create_periodical(*, acting_user, organization: Organization, data: dict) -> Periodical:
    """A periodical of ``organization`` with its main edition, in its first language."""
    periodical = Periodical(organization=organization, **data)
    _check_dates(periodical)
    _create(acting_user, periodical)
    languages = periodical.languages or [""]
    _create(acting_user, Edition(periodical=periodical, language=languages[0]))
    return periodical


@transaction.atomic
def do_update_periodical(*, acting_user, periodical: Periodical, data: dict) -> Periodical:
    if "organization" in data or "organization_id" in data:
        raise ValueError("a periodical stays with its organization")
    periodical = Periodical.objects.select_for_update().get(pk=periodical.pk)
    before = snapshot(periodical)
    for key, value in data.items():
        setattr(periodical, key, value)
    _check_dates(periodical)
    periodical.full_clean()
    if snapshot(periodical) != before:
        periodical.save()
        record(actor=acting_user, action="update", obj=periodical, before=before)
    # A main edition made before the languages were known takes the first one.
    main = periodical.editions.order_by("created_at").first()
    if main is not None and not main.language and periodical.languages \
            and not periodical.editions.filter(language=periodical.languages[0]).exists():
        _update(acting_user, main, {"language": periodical.languages[0]})
    return periodical


@transaction.atomic
def do_add_edition(*, acting_user, periodical: Periodical, data: dict) -> Edition:
    edition = Edition(periodical=periodical, **data)
    if Edition.objects.filter(periodical=periodical, language=edition.language).exists():
        raise ValidationError({"language": _("There is an edition in this language already.")})
    _create(acting_user, edition)
    if edition.language and edition.language not in periodical.languages:
        _update(acting_user, Periodical.objects.get(pk=periodical.pk),
                {"languages": [*periodical.languages, edition.language]})
    return edition


@transaction.atomic
def do_set_programme_languages(*, acting_user, periodical: Periodical,
                               rows: Sequence[tuple[str, str, int | None]]) -> None:
    """Replace a channel's programme languages with ``rows`` (language, share, percent)."""
    codes = [code for code, _share, _percent in rows]
    if len(set(codes)) != len(codes):
        raise ValidationError({"programme": _("Name each language once.")})
    percents = [p for _code, _share, p in rows if p]
    if sum(percents) > 100:
        raise ValidationError({"programme": _("The shares add up to more than 100 percent.")})
    wanted = {code: (share, percent) for code, share, percent in rows}
    for row in ProgrammeLanguage.objects.filter(periodical=periodical):
        if row.language not in wanted:
            record(actor=acting_user, action="delete", obj=row)
            row.delete()
    for code, (share, percent) in wanted.items():
        found = ProgrammeLanguage.objects.filter(periodical=periodical, language=code).first()
        if found is None:
            _create(acting_user, ProgrammeLanguage(periodical=periodical, language=code,
                                                   share=share, percent=percent))
        else:
            _update(acting_user, found, {"share": share, "percent": percent})


@transaction.atomic
def do_add_status(*, acting_user, periodical: Periodical, data: dict) -> StatusPeriod:
    """From ``since`` on, a new status and schedule; the earlier ones become its history."""
    period = StatusPeriod(periodical=periodical, **data)
    errors: dict = {}
    _not_in_future(errors, "since", period.since)
    if errors:
        raise ValidationError(errors)
    return _create(acting_user, period)


# --- issues ---

@transaction.atomic
def do_add_issue(*, acting_user, edition: Edition, data: dict,
                 articles: Sequence[ArticleLine] = (), upload: bytes | None = None) -> Issue:
    """An issue that appeared, its contents and its file. A number already used in the
    edition, a date in the future or a file that is not a clean PDF or image: a message,
    and nothing is saved (nor stored)."""
    issue = Issue(edition=edition, **data)
    errors: dict = {}
    if Issue.objects.filter(edition=edition, number=issue.number).exists():
        errors["number"] = _("Issue number %(number)s of this edition is already "
                             "recorded.") % {"number": issue.number}
    _not_in_future(errors, "published_on", issue.published_on)
    stored = None
    if upload is not None:
        try:
            stored = files.prepare(upload)
        except ValidationError as error:
            errors["file"] = error.messages
    if errors:
        raise ValidationError(errors)
    if stored is not None:
        issue.file_sha256, issue.file_type = stored.sha256, stored.content_type
        issue.file_size = stored.size
    try:
        with transaction.atomic():  # another request may have taken the number meanwhile
            _create(acting_user, issue)
    except IntegrityError:
        raise ValidationError({"number": _(
            "Issue number %(number)s of this edition is already recorded.") % {
            "number": issue.number}}) from None
    for position, line in enumerate(articles, start=1):
        _create(acting_user, Article(issue=issue, position=position, title=line.title,
                                     pen_name=line.pen_name))
    if stored is not None:
        # Last: a file written for a transaction that is rolled back after all is the file
        # the next try writes (named by its content), never a half-written one.
        files.store(stored)
    return issue
