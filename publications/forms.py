"""Forms of the periodical pages: they validate input, the ``do_*`` actions write it. Every
choice of another record is limited to what the user may see (``RestrictedChoicesForm``)."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from access.choices import model_choice
from organizations.forms import ActionModelForm
from organizations.models import Organization, Unit
from publications.actions import ArticleLine
from publications.drafts import contents_text, parse_contents
from publications.models import (
    LANGUAGE_CODE,
    WEEKDAYS,
    Edition,
    Issue,
    IssueDraft,
    Periodical,
    ProgrammeLanguage,
    StatusPeriod,
    partial_date,
)


def split_codes(text: str) -> list[str]:
    """Language codes, comma (Latin or Persian) or space separated, without duplicates."""
    return list(dict.fromkeys(c.strip().lower() for c in re.split(r"[,،\s]+", text or "")
                              if c.strip()))


def _check_codes(codes: list[str]) -> list[str]:
    wrong = [c for c in codes if not LANGUAGE_CODE.fullmatch(c)]
    if wrong:
        raise ValidationError(_("Give language codes such as fa, en, ku, separated by "
                                "commas."))
    return codes


class PeriodicalForm(ActionModelForm):
    languages = forms.CharField(label=_("languages"), required=False, max_length=100,
                                help_text=_("Language codes, comma separated (fa, en, ku)."))
    programme = forms.CharField(
        label=_("programme languages"), required=False, max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Radio and TV: one language code per line, the main one first; a share in "
                    "percent after it if known (fa 80)."))

    class Meta(ActionModelForm.Meta):
        model = Periodical
        fields = ["title", "native_title", "kind", "publishing_unit", "languages", "pages",
                  "url", "started_on", "started_precision", "first_issue_on",
                  "first_issue_precision", "translation_of", "original_title",
                  "schedule_text", "note"]

    def __init__(self, *args, user, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self.fields["publishing_unit"]).queryset = Unit.objects.filter(
            organization=organization)
        others = Periodical.objects.all()
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.initial["languages"] = ", ".join(self.instance.languages)
            self.initial["programme"] = "\n".join(
                f"{row.language} {row.percent}" if row.percent else row.language
                for row in self.instance.programme_languages.all())
        model_choice(self.fields["translation_of"]).queryset = others

    def clean_languages(self) -> list[str]:
        return _check_codes(split_codes(self.cleaned_data.get("languages", "")))

    def clean_programme(self) -> list[tuple[str, str, int | None]]:
        rows: list[tuple[str, str, int | None]] = []
        text = self.cleaned_data.get("programme", "")
        for n, line in enumerate(t.strip() for t in text.splitlines() if t.strip()):
            match = re.fullmatch(r"([A-Za-z-]+)(?:\s+(\d{1,3})\s*%?)?", line)
            if not match or not LANGUAGE_CODE.fullmatch(match.group(1).lower()):
                raise ValidationError(_("Each line: a language code, then a share in "
                                        "percent if known (fa 80)."))
            share = ProgrammeLanguage.Share.MAIN if n == 0 else ProgrammeLanguage.Share.SOME
            percent = int(match.group(2)) if match.group(2) else None
            rows.append((match.group(1).lower(), share, percent))
        return rows

    def action_data(self) -> dict:
        data = {f: self.cleaned_data[f] for f in self._meta.fields or ()}
        for day, precision in (("started_on", "started_precision"),
                               ("first_issue_on", "first_issue_precision")):
            data[day], data[precision] = partial_date(data[day], data[precision])
        return data


class EditionForm(ActionModelForm):
    class Meta(ActionModelForm.Meta):
        model = Edition
        fields = ["language", "title"]

    def clean_language(self) -> str:
        code = (self.cleaned_data.get("language") or "").strip().lower()
        return _check_codes([code])[0] if code else code


class StatusForm(ActionModelForm):
    weekday = forms.TypedChoiceField(label=_("weekday"), required=False, coerce=int,
                                     empty_value=None,
                                     choices=[("", _("not known")), *WEEKDAYS])

    class Meta(ActionModelForm.Meta):
        model = StatusPeriod
        fields = ["status", "since", "since_precision", "frequency", "weekday",
                  "interval_weeks", "anchor_date", "day_of_month", "note"]

    def action_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["since"], data["since_precision"] = partial_date(data["since"],
                                                              data["since_precision"])
        return data


def _contents_field() -> forms.CharField:
    return forms.CharField(
        label=_("contents"), required=False, max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One article per line: its title, then | and the author's pen name."))


def _only_editions_of(form: forms.BaseForm, periodical: Periodical) -> None:
    editions = model_choice(form.fields["edition"])
    editions.queryset = Edition.objects.filter(periodical=periodical).order_by("created_at")
    editions.empty_label = None


class IssueForm(ActionModelForm):
    contents = _contents_field()
    file = forms.FileField(label=_("file"), required=False,
                           help_text=_("A PDF or an image of the issue."))

    class Meta(ActionModelForm.Meta):
        model = Issue
        fields = ["edition", "number", "published_on", "title"]

    def __init__(self, *args, user, periodical: Periodical, **kwargs):
        super().__init__(*args, **kwargs)
        _only_editions_of(self, periodical)

    def _get_validation_exclusions(self) -> set[str]:
        # The edition's numbers are checked by the action, which says which one is taken
        # (the database refuses a duplicate that slips past it).
        return {*super()._get_validation_exclusions(),  # type: ignore[misc]  # not in the stubs
                "number"}

    def clean_contents(self) -> list[ArticleLine]:
        return parse_contents(self.cleaned_data.get("contents") or "")

    def clean_file(self) -> bytes | None:
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        limit = settings.NUCLEUS_ISSUE_FILE_MAX_BYTES
        if upload.size > limit:  # not read into memory at all
            raise ValidationError(_("The file is larger than %(limit)s.") % {
                "limit": filesizeformat(limit)})
        return upload.read()

    def action_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in ("number", "published_on", "title")}


class IssueDraftForm(ActionModelForm):
    """An issue in preparation: the same contents lines as an issue; the draft's number is
    checked against the edition's issues when it is published."""

    contents = _contents_field()

    class Meta(ActionModelForm.Meta):
        model = IssueDraft
        fields = ["edition", "number", "planned_on", "contents", "status", "note"]

    def __init__(self, *args, user, periodical: Periodical, **kwargs):
        super().__init__(*args, **kwargs)
        _only_editions_of(self, periodical)

    def clean_contents(self) -> str:
        # Kept as the lines are entered, tidied the way publishing reads them.
        return contents_text(parse_contents(self.cleaned_data.get("contents") or ""))

    def action_data(self) -> dict:
        return {f: self.cleaned_data[f] for f in self._meta.fields or ()}
