"""Forms of tasks and conversation assignments (choices restricted by the access layer)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from fieldwork.models import Field
from nucleus.calendars import LocalizedDateField
from organizations.models import Unit
from people.models import Person
from tasks.actions import this_week


def members_of(user: Any, unit: Unit):
    return Person.objects.restrict(user).filter(unit=unit, kind=Person.Kind.MEMBER) \
        .order_by("alias")


def contacts_of(user: Any, unit: Unit):
    return Person.objects.restrict(user).filter(unit=unit, kind=Person.Kind.CONTACT) \
        .order_by("alias")


class TaskForm(RestrictedChoicesForm, forms.Form):
    # Required for a task (the model says so); a follow-up has none of its own.
    title = forms.CharField(label=_("What is to be done"), max_length=200, required=False)
    owner = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Owner"),
                                   required=False, empty_label=_("The unit's secretaries"),
                                   to_field_name="uid")
    due_on = LocalizedDateField(label=_("Due on"), initial=timezone.localdate)
    contact = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Contact"),
                                     required=False, to_field_name="uid")
    field = forms.ModelChoiceField(queryset=Field.objects.none(), label=_("Field"),
                                   required=False, to_field_name="uid")

    def __init__(self, *args: Any, user: Any, unit: Unit, editing: bool = False,
                 follow_up: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self.fields["owner"]).queryset = members_of(user, unit)
        model_choice(self.fields["field"]).queryset = Field.objects.restrict(user).filter(
            unit=unit).order_by("name")
        if follow_up:  # one date for the activity and its task: the activity's
            self.fields["due_on"].disabled = True
        if editing:  # a task's contact is given when it is created
            del self.fields["contact"]
        else:
            model_choice(self.fields["contact"]).queryset = contacts_of(user, unit)

    def task_data(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("title", "owner", "due_on", "field")}


class AssignmentForm(RestrictedChoicesForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    member = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Member"),
                                    to_field_name="uid")
    contacts = forms.ModelMultipleChoiceField(queryset=Person.objects.none(),
                                              label=_("Contacts to talk to"),
                                              widget=forms.CheckboxSelectMultiple,
                                              to_field_name="uid")
    goal = forms.IntegerField(label=_("Goal (conversations)"), min_value=1, initial=1)
    starts_on = LocalizedDateField(label=_("From"), initial=lambda: this_week()[0])
    ends_on = LocalizedDateField(label=_("Until"), initial=lambda: this_week()[1])

    def __init__(self, *args: Any, user: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self.fields["member"]).queryset = members_of(user, unit)
        model_choice(self.fields["contacts"]).queryset = contacts_of(user, unit)
