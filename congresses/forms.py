"""Forms of congresses. Writes happen in congresses.actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from congresses.models import ClassPosition, Congress, Delegate, DelegateKey
from nucleus.calendars import LocalizedDateField
from people.models import Person


class CongressForm(RestrictedChoicesForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Congress.Kind.choices)
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    starts_on = LocalizedDateField(label=_("Opens on"))
    ends_on = LocalizedDateField(label=_("Closes on"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Congress.Status.choices)

    NAMES = ("kind", "number", "name", "starts_on", "ends_on", "status")

    def __init__(self, *args: Any, congress: Congress | None = None, **kwargs: Any) -> None:
        if congress is not None:
            kwargs.setdefault("initial", {n: getattr(congress, n) for n in self.NAMES})
        super().__init__(*args, **kwargs)

    def data_for_action(self) -> dict[str, Any]:
        return {n: self.cleaned_data[n] for n in self.NAMES}


class KeyForm(RestrictedChoicesForm, forms.Form):
    kind = forms.ChoiceField(label=_("Delegate key"), choices=DelegateKey.Kind.choices)
    members_per_delegate = forms.IntegerField(label=_("Voting members per delegate"),
                                              min_value=1, max_value=10000, required=False)
    rounding = forms.ChoiceField(label=_("Rounding"), choices=DelegateKey.Rounding.choices,
                                 help_text=_("A unit with a voting member has at least one "
                                             "seat."))

    def __init__(self, *args: Any, key: DelegateKey | None = None, **kwargs: Any) -> None:
        if key is not None:
            kwargs.setdefault("initial", {"kind": key.kind, "rounding": key.rounding,
                                          "members_per_delegate": key.members_per_delegate})
        super().__init__(*args, **kwargs)


class MandateForm(RestrictedChoicesForm, forms.Form):
    """The sending unit's delegate. The congresses are the convening units' records, which
    the sender does not see: offered as plain choices (congresses_for_sender)."""

    congress: forms.ChoiceField = forms.ChoiceField(label=_("Congress"))
    person = forms.ModelChoiceField(label=_("Delegate"), queryset=Person.objects.none())
    selection = forms.ChoiceField(label=_("Elected or appointed"),
                                  choices=Delegate.Selection.choices)
    on = LocalizedDateField(label=_("Date"))

    def __init__(self, *args: Any, user, unit, offered: list[tuple[Congress, int]],
                 **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.offered = {str(c.uid): c for c, _seats in offered}
        choice = self.fields["congress"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [
            (str(c.uid), _("%(congress)s of %(unit)s (%(seats)s seats)") % {
                "congress": c.title, "unit": c.unit.name, "seats": seats})
            for c, seats in offered]
        model_choice(self.fields["person"]).queryset = Person.objects.filter(
            unit__path__startswith=unit.path, kind=Person.Kind.MEMBER)

    def chosen_congress(self) -> Congress:
        return self.offered[self.cleaned_data["congress"]]


class DecisionForm(RestrictedChoicesForm, forms.Form):
    """The credentials committee on one credential."""

    decision = forms.ChoiceField(label=_("Credential"), choices=[
        ("confirm", _("Confirm")), ("refuse", _("Refuse"))], widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason for refusal"), max_length=500, required=False)


class AttendanceForm(RestrictedChoicesForm, forms.Form):
    attendance = forms.ChoiceField(label=_("Attendance"), choices=Delegate.Attendance.choices,
                                   required=False)


class ClassPositionForm(RestrictedChoicesForm, forms.Form):
    label = forms.CharField(label=_("Class position"), max_length=100)
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=999)
    retired = forms.BooleanField(label=_("Retired"), required=False)

    def __init__(self, *args: Any, entry: ClassPosition, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"label": entry.label, "position": entry.position,
                                      "retired": entry.retired})
        super().__init__(*args, **kwargs)
