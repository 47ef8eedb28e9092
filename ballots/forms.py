"""The forms of ballots: casting (checkboxes, a radio list or rank selects: no JavaScript),
opening a box, closing it, and the tellers' entries. Writes happen in the actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm
from ballots.models import BallotBox


class CastForm(RestrictedChoicesForm, forms.Form):
    """Built from the box: a yes/no box is one radio list, a choice box checkboxes, a
    ranking box one select per place (1st, 2nd ...), each offering every option."""

    def __init__(self, *args: Any, box: BallotBox, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.box = box
        choices = [(o["key"], o["label"]) for o in box.options]
        if box.kind == BallotBox.Kind.YES_NO:
            self.fields["vote"] = forms.ChoiceField(
                label=_("Your vote"), choices=choices, widget=forms.RadioSelect,
                required=False)
        elif box.kind == BallotBox.Kind.CHOOSE:
            self.fields["marks"] = forms.MultipleChoiceField(
                label=_("Your marks"), choices=choices, widget=forms.CheckboxSelectMultiple,
                required=False, help_text=_("At most %(n)d.") % {"n": box.max_marks})
        else:
            for place in range(1, len(choices) + 1):
                self.fields[f"rank_{place}"] = forms.ChoiceField(
                    label=_("Preference %(place)d") % {"place": place},
                    choices=[("", "—"), *choices], required=False)

    def marks(self) -> list[str]:
        data = self.cleaned_data
        if self.box.kind == BallotBox.Kind.YES_NO:
            return [data["vote"]] if data.get("vote") else []
        if self.box.kind == BallotBox.Kind.CHOOSE:
            return list(data.get("marks") or [])
        ranked = [data.get(f"rank_{p}") or "" for p in range(1, len(self.box.options) + 1)]
        # Blank places are skipped: "1st Ana, 2nd —, 3rd Bo" ranks Ana then Bo.
        return [key for key in ranked if key]


class OpenBoxForm(RestrictedChoicesForm, forms.Form):
    label = forms.CharField(label=_("What is decided"), max_length=200)
    method = forms.ChoiceField(label=_("Method"), choices=BallotBox.Method.choices)
    options = forms.CharField(
        label=_("Options"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line (candidates by alias). Not needed for a vote for, against "
                    "or abstain."))
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=99, initial=1)
    rule = forms.ChoiceField(label=_("Majority rule"), required=False,
                             choices=[("", "—"), *BallotBox.Rule.choices],
                             help_text=_("For a vote for, against or abstain."))

    def option_list(self) -> list[dict[str, str]]:
        lines = [line.strip() for line in self.cleaned_data["options"].splitlines()]
        return [{"key": f"o{i}", "label": line}
                for i, line in enumerate((x for x in lines if x), start=1)]


class ConfirmForm(RestrictedChoicesForm, forms.Form):
    """A button: closing a box."""


class PaperEntryForm(RestrictedChoicesForm, forms.Form):
    ballots = forms.CharField(
        label=_("Paper ballots"), widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("One line per ballot, the options by their letter in the order marked "
                    "or ranked, for example: B A C. A blank ballot: -"))
