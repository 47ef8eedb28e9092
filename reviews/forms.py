"""Forms of the periodic reviews. Writes happen in reviews.actions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from nucleus.calendars import LocalizedDateField
from people.models import Person
from reviews.models import TEXT_MAX, Finding, Measure, Review

# Review texts are read by the whole unit and, once sent up, by the committee above.
WRITE_ALIASES = _("Name people by alias and fields by name: never a legal name, a phone or "
                  "where someone lives.")
# A quarter looks back over the last 90 days by default.
DEFAULT_DAYS = 90


def _text(label: Any, *, required: bool = True, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label, max_length=TEXT_MAX, required=required,
                           help_text=help_text, widget=forms.Textarea(attrs={"rows": 3}))


class ReviewForm(RestrictedChoicesForm, forms.Form):
    """The period of a review (and, when it is edited, its summary)."""

    kind = forms.ChoiceField(label=_("Period"), choices=Review.Kind.choices,
                             initial=Review.Kind.QUARTER)
    starts_on = LocalizedDateField(label=_("From"))
    ends_on = LocalizedDateField(label=_("Until"))
    summary = _text(_("Summary"), required=False, help_text=WRITE_ALIASES)

    def __init__(self, *args: Any, review: Review | None = None, **kwargs: Any) -> None:
        today = timezone.localdate()
        if review is not None:
            initial = {name: getattr(review, name)
                       for name in ("kind", "starts_on", "ends_on", "summary")}
        else:
            initial = {"starts_on": today - timedelta(days=DEFAULT_DAYS - 1), "ends_on": today}
        kwargs["initial"] = {**initial, **kwargs.get("initial", {})}
        super().__init__(*args, **kwargs)

    def data_for_action(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class FindingForm(RestrictedChoicesForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Finding.Kind.choices,
                             widget=forms.RadioSelect)
    text = _text(_("Finding"), help_text=WRITE_ALIASES)
    reasons = _text(_("Reasons"), required=False)
    conditions = _text(_("Conditions that led to it"), required=False)

    def __init__(self, *args: Any, finding: Finding | None = None, **kwargs: Any) -> None:
        if finding is not None:
            kwargs["initial"] = {name: getattr(finding, name)
                                 for name in ("kind", "text", "reasons", "conditions")}
        super().__init__(*args, **kwargs)


NOT_A_MEMBER = _("Choose a member of the unit: someone who answers for it in the next "
                 "review.")


def _alias(person: Person) -> str:
    return person.alias


class MeasureForm(RestrictedChoicesForm, forms.Form):
    text = _text(_("Measure"), help_text=WRITE_ALIASES)
    responsible = forms.ModelChoiceField(
        queryset=Person.objects.none(), label=_("Responsible member"),
        error_messages={"required": NOT_A_MEMBER, "invalid_choice": NOT_A_MEMBER})
    due_on = LocalizedDateField(label=_("Due on"))

    def __init__(self, *args: Any, user: Any, review: Review, measure: Measure | None = None,
                 **kwargs: Any) -> None:
        if measure is not None:
            kwargs["initial"] = {"text": measure.text, "responsible": measure.responsible,
                                 "due_on": measure.due_on}
        super().__init__(*args, **kwargs)
        # Members of the reviewing unit itself, shown by alias; restrict() narrows further.
        members = (Person.objects.filter(unit_id=review.unit_id, kind=Person.Kind.MEMBER)
                   .exclude(status=Person.Status.LEFT).order_by("alias"))
        choice = model_choice(self.fields["responsible"])
        choice.queryset = members
        choice.label_from_instance = _alias  # type: ignore[method-assign, assignment]


class FollowUpForm(RestrictedChoicesForm, forms.Form):
    status = forms.ChoiceField(label=_("Follow-up"), choices=Measure.Status.choices,
                               widget=forms.RadioSelect)
    status_on = LocalizedDateField(label=_("On"), required=False,
                            help_text=_("Empty: today. Not needed for an open measure."))

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any) -> None:
        kwargs["initial"] = {"status": measure.status, "status_on": measure.status_on}
        super().__init__(*args, **kwargs)
