"""Periodicals and their issues: the papers, journals, bulletins, sites and channels an
organization, one of its affiliates or one of its units publishes.

Where they hang (one anchor per model): a periodical's public facts are part of its
organization's public profile, ``Anchor(ORGANIZATION, "organization")`` like the lineage or
the office holders — seen by the organization's users, by those of the organization it is
affiliated to and by its coalitions' offices, changed by the secretaries of its top unit (or
the office that registered it). A periodical published by a unit (Iskraa by the Kurdistan
Committee) still belongs to the unit's organization: ``publishing_unit`` names the unit, and
the unit's name is shown only to those who see the unit. Editions, the status history, the
programme languages and the issues that appeared hang on their periodical's organization
too: an issue that appeared is a public fact. (Internal records of a publishing unit —
issues in preparation, distribution, correspondence — hang on the periodical's editorial
unit, ``editorial_unit_of``, RECORD-anchored: ``IssueDraft`` here, the others in agitprop.)
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from access import anchor as at
from access.anchor import Anchor
from access.records import Record
from organizations.models import Organization, Unit
from publications import schedule as sched

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?")
WEEKDAYS = [(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")),
            (4, _("Friday")), (5, _("Saturday")), (6, _("Sunday"))]


class Precision(models.TextChoices):
    """How much of a date the source tells: "March 2006" is a month, "2022" a year."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def check_languages(codes: object, field: str = "languages") -> None:
    if not isinstance(codes, list) or not all(
            isinstance(c, str) and LANGUAGE_CODE.fullmatch(c) for c in codes):
        raise ValidationError({field: _(
            "Give language codes such as fa, en, ku, separated by commas.")})


class Periodical(Record):
    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("Newspaper")
        MAGAZINE = "magazine", _("Magazine")
        NEWSLETTER = "newsletter", _("Newsletter")
        THEORETICAL_JOURNAL = "theoretical_journal", _("Theoretical journal")
        BULLETIN = "bulletin", _("Bulletin")
        WEBSITE = "website", _("Website")
        RADIO = "radio", _("Radio")
        TV = "tv", _("TV channel")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="periodicals",
                                     verbose_name=_("organization"))
    publishing_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="periodicals",
        verbose_name=_("published by the unit"),
        help_text=_("When a unit of the organization publishes it (a committee's paper)."))
    title = models.CharField(_("title"), max_length=200)
    native_title = models.CharField(_("native title"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.NEWSPAPER)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    pages = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    url = models.URLField(_("web address"), blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    started_precision = models.CharField(_("known to the"), max_length=5,
                                         choices=Precision.choices, default=Precision.DAY)
    first_issue_on = models.DateField(_("first issue"), null=True, blank=True)
    first_issue_precision = models.CharField(_("known to the"), max_length=5,
                                             choices=Precision.choices, default=Precision.DAY)
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="translations",
        verbose_name=_("translation of"))
    original_title = models.CharField(
        _("translation of (title)"), max_length=200, blank=True,
        help_text=_("When the original is not recorded here."))
    # The words of the source when they do not map to a schedule ("three times a year").
    schedule_text = models.CharField(_("schedule as described"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)

    anchor = Anchor(at.ORGANIZATION, "organization")

    class Meta:
        ordering = ["title"]
        verbose_name = _("periodical")
        verbose_name_plural = _("periodicals")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        check_languages(self.languages)
        errors = {}
        unit = self.publishing_unit
        if unit is not None and unit.organization_id != self.organization_id:
            errors["publishing_unit"] = _("The unit belongs to another organization.")
        if self.pk and self.translation_of_id == self.pk:
            errors["translation_of"] = _("A periodical is not a translation of itself.")
        if self.started_on and self.first_issue_on and self.first_issue_on < self.started_on \
                and self.first_issue_precision == self.started_precision == Precision.DAY:
            errors["first_issue_on"] = _("The first issue cannot come before the start.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_broadcast(self) -> bool:
        return self.kind in (self.Kind.RADIO, self.Kind.TV)


class Edition(Record):
    """The periodical in one language (WPI Briefing in English, German and Dutch): each
    edition has its own issues, numbered on their own."""

    periodical = models.ForeignKey(Periodical, on_delete=models.CASCADE,
                                   related_name="editions", verbose_name=_("periodical"))
    language = models.CharField(_("language"), max_length=12, blank=True,
                                help_text=_("A language code such as fa, en, de."))
    title = models.CharField(_("own title"), max_length=200, blank=True,
                             help_text=_("When this edition has a title of its own."))

    anchor = Anchor(at.ORGANIZATION, "periodical__organization")

    class Meta:
        ordering = ["periodical", "created_at"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [models.UniqueConstraint(fields=["periodical", "language"],
                                               name="edition_one_per_language")]

    def __str__(self) -> str:
        name = self.title or self.periodical.title
        return f"{name} ({self.language})" if self.language else name

    def clean(self) -> None:
        if self.language:
            check_languages([self.language], "language")


class StatusPeriod(Record):
    """From ``since`` on, the periodical's status and schedule; the latest one is the current
    one, the earlier ones its history ("used to be published every Tuesday")."""

    class Status(models.TextChoices):
        CURRENT = "current", _("Appearing")
        SUSPENDED = "suspended", _("Suspended")
        CEASED = "ceased", _("Ceased")

    class Frequency(models.TextChoices):
        UNKNOWN = "", _("not known")
        DAILY = sched.DAILY, _("Daily")
        WEEKLY = sched.WEEKLY, _("Weekly")
        EVERY_N_WEEKS = sched.EVERY_N_WEEKS, _("Every few weeks")
        MONTHLY = sched.MONTHLY, _("Monthly")
        IRREGULAR = sched.IRREGULAR, _("Irregular")
        CONTINUOUS = sched.CONTINUOUS, _("Continuous broadcast")

    periodical = models.ForeignKey(Periodical, on_delete=models.CASCADE,
                                   related_name="status_periods", verbose_name=_("periodical"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.CURRENT)
    since = models.DateField(_("since"), null=True, blank=True)
    since_precision = models.CharField(_("known to the"), max_length=5,
                                       choices=Precision.choices, default=Precision.DAY)
    frequency = models.CharField(_("frequency"), max_length=14, blank=True,
                                 choices=Frequency.choices, default=Frequency.UNKNOWN)
    weekday = models.PositiveSmallIntegerField(_("weekday"), null=True, blank=True)
    interval_weeks = models.PositiveSmallIntegerField(_("every how many weeks"), null=True,
                                                      blank=True)
    anchor_date = models.DateField(_("one of its dates"), null=True, blank=True,
                                   help_text=_("For every few weeks: a day it appeared."))
    day_of_month = models.PositiveSmallIntegerField(_("day of the month"), null=True,
                                                    blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    anchor = Anchor(at.ORGANIZATION, "periodical__organization")

    class Meta:
        ordering = ["periodical", F("since").asc(nulls_first=True), "created_at"]
        verbose_name = _("status and schedule")
        verbose_name_plural = _("status and schedule history")
        # The database refuses what clean() explains (a change that skipped the action).
        constraints = [
            models.CheckConstraint(condition=Q(weekday__isnull=True) | Q(weekday__lte=6),
                                   name="status_period_weekday"),
            models.CheckConstraint(condition=Q(interval_weeks__isnull=True)
                                   | Q(interval_weeks__gte=1),
                                   name="status_period_interval"),
            models.CheckConstraint(condition=Q(day_of_month__isnull=True)
                                   | Q(day_of_month__gte=1, day_of_month__lte=31),
                                   name="status_period_day_of_month"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.get_frequency_display()}"

    @property
    def schedule(self) -> sched.Schedule:
        return sched.Schedule(frequency=self.frequency or sched.IRREGULAR,
                              weekday=self.weekday, interval_weeks=self.interval_weeks,
                              anchor=self.anchor_date, day_of_month=self.day_of_month)

    @property
    def weekday_name(self) -> str:
        return str(dict(WEEKDAYS).get(self.weekday, "")) if self.weekday is not None else ""

    def clean(self) -> None:
        if not self.frequency:
            return
        try:
            self.schedule.check()
        except sched.ScheduleError as error:
            raise ValidationError({_SCHEDULE_FIELDS[error.field]: SCHEDULE_MESSAGES[
                error.code]}, code=error.code) from None
        normal = self.schedule.normalized()
        self.weekday, self.interval_weeks = normal.weekday, normal.interval_weeks
        self.anchor_date, self.day_of_month = normal.anchor, normal.day_of_month


_SCHEDULE_FIELDS = {"frequency": "frequency", "weekday": "weekday",
                    "interval_weeks": "interval_weeks", "anchor": "anchor_date",
                    "day_of_month": "day_of_month"}
SCHEDULE_MESSAGES = {
    sched.NO_SUCH_FREQUENCY: _("Choose how often it appears."),
    sched.NO_SUCH_WEEKDAY: _("A week has seven days: choose one from Monday to Sunday."),
    sched.NO_SUCH_INTERVAL: _("Every how many weeks? Give a number from 1 up."),
    sched.NO_ANCHOR: _("Give one date it appeared on, to count the weeks from."),
    sched.NO_SUCH_DAY: _("A month has at most 31 days: give a day from 1 to 31."),
}


class ProgrammeLanguage(Record):
    """A language of a radio or TV channel's programming and its share ("mainly in Persian,
    some programming in English")."""

    class Share(models.TextChoices):
        MAIN = "main", _("Mainly")
        SOME = "some", _("Some programming")

    periodical = models.ForeignKey(Periodical, on_delete=models.CASCADE,
                                   related_name="programme_languages",
                                   verbose_name=_("periodical"))
    language = models.CharField(_("language"), max_length=12)
    share = models.CharField(_("share"), max_length=4, choices=Share.choices,
                             default=Share.SOME)
    percent = models.PositiveSmallIntegerField(_("percent"), null=True, blank=True)

    anchor = Anchor(at.ORGANIZATION, "periodical__organization")

    class Meta:
        ordering = ["periodical", "share", "created_at"]
        verbose_name = _("programme language")
        verbose_name_plural = _("programme languages")
        constraints = [models.UniqueConstraint(fields=["periodical", "language"],
                                               name="programme_language_once")]

    def __str__(self) -> str:
        return f"{self.language} ({self.get_share_display()})"

    def clean(self) -> None:
        check_languages([self.language], "language")
        if self.percent is not None and not 1 <= self.percent <= 100:
            raise ValidationError({"percent": _("A share is from 1 to 100 percent.")})


class Issue(Record):
    """One issue of an edition that appeared, with its contents and an optional file (a PDF
    or an image, checked and stripped of metadata by ``publications/files.py``)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="issues",
                                verbose_name=_("edition"))
    number = models.PositiveIntegerField(_("number"))
    published_on = models.DateField(_("date"))
    title = models.CharField(_("title of the issue"), max_length=200, blank=True)
    # The stored file (publications/files.py): named by its content's SHA-256, never by the
    # name it was uploaded under.
    file_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    file_type = models.CharField(_("file type"), max_length=40, blank=True, editable=False)
    file_size = models.PositiveIntegerField(_("file size"), null=True, blank=True,
                                            editable=False)

    anchor = Anchor(at.ORGANIZATION, "edition__periodical__organization")

    class Meta:
        ordering = ["edition", "-published_on", "-number"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        constraints = [models.UniqueConstraint(fields=["edition", "number"],
                                               name="issue_number_once_per_edition")]
        indexes = [models.Index(fields=["edition", "published_on"],
                                name="issue_edition_date")]

    def __str__(self) -> str:
        return f"{self.edition} {self.number}"

    @property
    def has_file(self) -> bool:
        return bool(self.file_sha256)


class Article(Record):
    """One item of an issue's contents: a title and its author's pen name (a public name,
    never a member's alias or identity)."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="articles",
                              verbose_name=_("issue"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=300)
    pen_name = models.CharField(_("pen name"), max_length=120, blank=True)

    anchor = Anchor(at.ORGANIZATION, "issue__edition__periodical__organization")

    class Meta:
        ordering = ["issue", "position"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return f"{self.title} — {self.pen_name}" if self.pen_name else self.title


def editorial_unit_of(periodical: Periodical) -> Unit:
    """Where a periodical's internal records hang: its publishing unit, else the top unit of
    its organization."""
    if periodical.publishing_unit_id is not None:
        return periodical.publishing_unit  # type: ignore[return-value]
    top = Unit.objects.filter(organization_id=periodical.organization_id,
                              parent__isnull=True).order_by("id").first()
    if top is None:
        raise ValidationError(_("This periodical's organization has no unit to receive it."))
    return top


class IssueDraft(Record):
    """An issue in preparation: the editorial unit's record (``unit`` is
    ``editorial_unit_of(periodical)``, set by the action), seen and changed by those who hold
    that unit's records, never part of the public profile. Publishing it makes the ``Issue``
    (``publications/drafts.py``) and removes the draft."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("In preparation")
        READY = "ready", _("Ready")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("unit"))
    periodical = models.ForeignKey(Periodical, on_delete=models.CASCADE,
                                   related_name="drafts", verbose_name=_("periodical"))
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="drafts",
                                verbose_name=_("edition"))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    planned_on = models.DateField(_("date"), null=True, blank=True)
    # Article lines as an issue's contents are entered: a title, then | and a pen name.
    contents = models.TextField(_("contents"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PREPARING)
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_(
        "For the editors; no names or other personal data."))

    anchor = Anchor(at.RECORD, "unit")

    class Meta:
        ordering = ["periodical", F("planned_on").asc(nulls_last=True), "created_at"]
        verbose_name = _("issue in preparation")
        verbose_name_plural = _("issues in preparation")

    def __str__(self) -> str:
        return f"{self.edition} {self.number or ''}".strip()

    def clean(self) -> None:
        if self.edition_id is not None and self.periodical_id is not None \
                and self.edition.periodical_id != self.periodical_id:
            raise ValidationError({"edition": _("That one is not available here.")})


def partial_date(value: date | None, precision: str) -> tuple[date | None, str]:
    """A date kept only as precisely as the source gives it (the 1st of its month or year)."""
    if value is None:
        return None, Precision.DAY
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1), precision
    if precision == Precision.MONTH:
        return value.replace(day=1), precision
    return value, Precision.DAY
