"""Forms of the organs' pages. Writes happen in organs.actions."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from nucleus.calendars import LocalizedDateField
from organizations.models import Organization, Unit
from organs.models import Attendance, Decision, Meeting, Motion, NamedVote, Resolution
from organs.models.meetings import MajorityRule, QuorumRule
from organs.models.motions import TEXT_MAX
from people.models import Person
from publications.models import Precision

WRITE_ALIASES = _("Name members by alias: never a legal name, a phone or where someone lives.")
NOT_VOTED = ""


def _text(label: Any, *, required: bool = True, help_text: Any = "", rows: int = 4,
          max_length: int = TEXT_MAX) -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=help_text,
                           max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}))


def _initial(obj: Any, names: tuple[str, ...], kwargs: dict[str, Any]) -> None:
    if obj is not None:
        kwargs["initial"] = {**{n: getattr(obj, n) for n in names}, **kwargs.get("initial", {})}


def _precision() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Date known to the"), choices=Precision.choices,
                             initial=Precision.DAY, help_text=_(
                                 "For a month or a year, give its first day."))


class MeetingForm(RestrictedChoicesForm, forms.Form):
    held_on = LocalizedDateField(label=_("Date"))
    date_precision = _precision()
    kind = forms.ChoiceField(label=_("Kind"), choices=Meeting.Kind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=Meeting.Status.choices)
    minutes = _text(_("Minutes"), required=False, rows=8, max_length=Meeting.MINUTES_MAX,
                    help_text=_("Sealed: read only by those who may reveal identities, and "
                                "each reading is logged. Leave empty to keep the stored "
                                "minutes."))

    def __init__(self, *args: Any, meeting: Meeting | None = None, **kwargs: Any) -> None:
        _initial(meeting, ("held_on", "date_precision", "kind", "status"), kwargs)
        super().__init__(*args, **kwargs)


class RulesForm(RestrictedChoicesForm, forms.Form):
    quorum = forms.ChoiceField(label=_("Quorum"), choices=QuorumRule.choices)
    majority = forms.ChoiceField(label=_("Majority rule"), choices=MajorityRule.choices)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        from organs.models import OrganRules

        _initial(OrganRules.of(unit), ("quorum", "majority"), kwargs)
        super().__init__(*args, **kwargs)


class AgendaItemForm(RestrictedChoicesForm, forms.Form):
    title = forms.CharField(label=_("Item"), max_length=300)


class AttendanceForm(RestrictedChoicesForm, forms.Form):
    """One choice per member of the organ the user may see, named by the member's uid."""

    def __init__(self, *args: Any, meeting: Meeting, members: list[Person],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        known = dict(Attendance.objects.filter(meeting=meeting).values_list("person_id",
                                                                            "presence"))
        self.members = {str(p.uid): p for p in members}
        for uid, person in self.members.items():
            label = person.alias if person.status == Person.Status.MEMBER else _(
                "%(alias)s (candidate: a voice, no vote)") % {"alias": person.alias}
            self.fields[uid] = forms.ChoiceField(
                label=label, choices=Attendance.Presence.choices, widget=forms.RadioSelect,
                initial=known.get(person.pk, Attendance.Presence.PRESENT))

    def presences(self) -> dict[Person, str]:
        return {self.members[uid]: value for uid, value in self.cleaned_data.items()
                if uid in self.members}


class MotionForm(RestrictedChoicesForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    text = _text(_("Text"), help_text=WRITE_ALIASES)
    proposer = forms.ModelChoiceField(
        label=_("Proposed by"), queryset=Person.objects.none(), required=False,
        empty_label=_("The organ's secretariat"))
    vote_mode = forms.ChoiceField(label=_("Vote"), choices=Motion.VoteMode.choices)
    majority = forms.ChoiceField(label=_("Majority rule"), required=False,
                                 choices=[("", _("The organ's rule")),
                                          *MajorityRule.choices])

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self.fields["proposer"]).queryset = Person.objects.filter(
            unit=unit, kind=Person.Kind.MEMBER)


class CountForm(RestrictedChoicesForm, forms.Form):
    votes_for = forms.IntegerField(label=_("For"), min_value=0)
    votes_against = forms.IntegerField(label=_("Against"), min_value=0)
    abstentions = forms.IntegerField(label=_("Abstentions"), min_value=0, initial=0)


class NamedVotesForm(RestrictedChoicesForm, forms.Form):
    """One choice per voting member present who has not voted yet."""

    def __init__(self, *args: Any, voters: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.voters = {str(p.uid): p for p in voters}
        for uid, person in self.voters.items():
            self.fields[uid] = forms.ChoiceField(
                label=person.alias, required=False, widget=forms.RadioSelect,
                choices=[*NamedVote.Choice.choices, (NOT_VOTED, _("Did not vote"))],
                initial=NOT_VOTED)

    def votes(self) -> dict[Person, str]:
        return {self.voters[uid]: value for uid, value in self.cleaned_data.items()
                if uid in self.voters and value != NOT_VOTED}


class DecisionForm(RestrictedChoicesForm, forms.Form):
    decided_on = LocalizedDateField(label=_("Date"), required=False,
                                    help_text=_("Empty when the date is not known."))
    date_precision = _precision()
    title = forms.CharField(label=_("Title"), max_length=300)
    text = _text(_("Text"), required=False, help_text=WRITE_ALIASES)


def split_points(text: str) -> list[str]:
    """Points separated by an empty line; a leading "1." or "1)" is the number, dropped."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return [re.sub(r"^\s*\d+\s*[.)]\s*", "", b).strip() for b in blocks if b.strip()]


class ResolutionForm(RestrictedChoicesForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    preamble = _text(_("Preamble"), required=False)
    points = _text(_("Points"), rows=12, max_length=100000, help_text=_(
        "One point a paragraph: separate the points by an empty line. They are numbered in "
        "order."))
    about = forms.ModelMultipleChoiceField(
        label=_("About the organizations"), queryset=Organization.objects.all(),
        required=False)
    signatories = _text(_("Signatories"), required=False, rows=3, max_length=4000,
                        help_text=_("Public names as the text gives them, one a line."))
    signature_count = forms.IntegerField(label=_("Number of signatures"), min_value=0,
                                         required=False)
    decision = forms.ModelChoiceField(label=_("Adopted by the decision"),
                                      queryset=Decision.objects.none(), required=False)

    def __init__(self, *args: Any, unit: Unit, resolution: Resolution | None = None,
                 **kwargs: Any) -> None:
        if resolution is not None:
            _initial(resolution, ("title", "preamble", "signatories", "signature_count"),
                     kwargs)
            kwargs["initial"].update({
                "points": "\n\n".join(p.text for p in resolution.points.order_by("number")),
                "about": list(resolution.about.all()),
                "decision": resolution.decision})
        super().__init__(*args, **kwargs)
        model_choice(self.fields["decision"]).queryset = Decision.objects.filter(
            unit__organization_id=unit.organization_id)

    def data_for_action(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["points"] = split_points(data.get("points") or "")
        return data
