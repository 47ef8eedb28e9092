"""Forms of the elections. Writes happen in elections.actions (and voting, terms)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from congresses.models import Congress, Delegate
from elections.electorate import confirmed_delegates, voting_members
from elections.models import Election, Nomination
from nucleus.calendars import LocalizedDateField
from organizations.models import Unit
from organs.models import Decision
from people.models import Person


class ElectionForm(RestrictedChoicesForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Election.Kind.choices,
                             widget=forms.RadioSelect, initial=Election.Kind.OFFICE)
    title = forms.CharField(label=_("Title"), max_length=120,
                            help_text=_("Chairperson, secretary, bureau of the cell ..."))
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=99, initial=1)
    method = forms.ChoiceField(label=_("Method"), choices=Election.Method.choices)
    sole_candidate_rule = forms.BooleanField(
        label=_("Sole candidate appointed without a ballot"), required=False)
    role_kind = forms.ChoiceField(label=_("Role of those elected"), required=False,
                                  choices=[("", "—"), *Election._meta.get_field(
                                      "role_kind").choices])  # type: ignore[misc]
    seat_unit = forms.ModelChoiceField(label=_("Unit of the office"), required=False,
                                       queryset=Unit.objects.all())
    nominations_close = LocalizedDateField(label=_("Nominations close"), required=False)
    held_on = LocalizedDateField(label=_("Date of the election"))
    called_by = forms.ModelChoiceField(label=_("Called by decision"), required=False,
                                       queryset=Decision.objects.all())
    congress = forms.ModelChoiceField(label=_("Congress"), required=False,
                                      queryset=Congress.objects.all())
    note = forms.CharField(label=_("Note"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self.fields["seat_unit"]).queryset = Unit.objects.filter(
            organization_id=unit.organization_id)
        model_choice(self.fields["called_by"]).queryset = Decision.objects.filter(
            unit__organization_id=unit.organization_id)
        model_choice(self.fields["congress"]).queryset = Congress.objects.filter(unit=unit)


class _DelegateChoice(forms.ModelChoiceField):
    """A credential by its number and sending unit: it names no person."""

    def label_from_instance(self, obj: Delegate) -> str:
        return str(_("Delegate %(number)s (%(unit)s)") % {
            "number": obj.number, "unit": obj.sending_unit.name})


class NominationForm(RestrictedChoicesForm, forms.Form):
    """Who stands, and who nominates: the organ's full members (at a congress its confirmed
    delegates; in a recorded election a public name). Whoever does not run the election
    nominates in their own name only, so the nominator is not asked."""

    candidate = forms.ModelChoiceField(label=_("Candidate"), queryset=Person.objects.all())
    delegate = _DelegateChoice(label=_("Candidate"), queryset=Delegate.objects.all())
    public_name = forms.CharField(label=_("Public name"), max_length=200)
    self_nominated = forms.BooleanField(label=_("Self-nomination"), required=False)
    nominated_by = forms.ModelChoiceField(label=_("Nominated by"), required=False,
                                          queryset=Person.objects.all())
    nominated_by_delegate = _DelegateChoice(label=_("Nominated by"), required=False,
                                            queryset=Delegate.objects.all())

    def __init__(self, *args: Any, election: Election, runs_it: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        at_congress = election.congress_id is not None and not election.is_recorded
        if election.is_recorded:
            keep = {"public_name", "self_nominated"}
        elif at_congress:
            keep = {"delegate", "self_nominated", "nominated_by_delegate"}
        else:
            keep = {"candidate", "self_nominated", "nominated_by"}
        if not runs_it:
            keep -= {"nominated_by", "nominated_by_delegate"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        for name in ("candidate", "nominated_by"):
            if name in self.fields:
                model_choice(self.fields[name]).queryset = voting_members(election)
        for name in ("delegate", "nominated_by_delegate"):
            if name in self.fields:
                model_choice(self.fields[name]).queryset = confirmed_delegates(
                    election).select_related("sending_unit")


class _NominationChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Nomination) -> str:
        return obj.name()


class WithdrawForm(RestrictedChoicesForm, forms.Form):
    in_favour_of = _NominationChoice(label=_("In favour of"), required=False,
                                     queryset=Nomination.objects.all())

    def __init__(self, *args: Any, nomination: Nomination, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self.fields["in_favour_of"]).queryset = (
            nomination.election.nominations.exclude(pk=nomination.pk)
            .exclude(status=Nomination.Status.WITHDRAWN)
            .select_related("candidate", "delegate__sending_unit"))


class _NominationsChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Nomination) -> str:
        return obj.name()


class OutcomeForm(RestrictedChoicesForm, forms.Form):
    elected = _NominationsChoice(label=_("Elected"), widget=forms.CheckboxSelectMultiple,
                                 queryset=Nomination.objects.all())

    def __init__(self, *args: Any, election: Election, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self.fields["elected"]).queryset = election.nominations.filter(
            status=Nomination.Status.ACCEPTED).select_related("candidate")
