"""The tasks app's bulk actions on a contact list (``fieldwork.bulk``): assign the checked
contacts to a member to talk to (a conversation assignment), or give each a task.

Both are offered only to who may add the unit's tasks and assignments (their anchors' "add"
rule, read through the contact's person), go through ``tasks.actions`` in one transaction,
and create tasks and assignments of the list's unit: a contact of another unit among the
checked ones refuses the whole request (``tasks.actions`` says so on the form).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from access.choices import RestrictedChoicesForm, model_choice
from fieldwork.bulk import BulkAction, register
from fieldwork.models import ContactProfile
from nucleus.calendars import LocalizedDateField
from organizations.models import Unit
from people.models import Person
from tasks.actions import do_create_assignment, do_create_task, this_week
from tasks.forms import members_of
from tasks.models import Assignment, Task


def _may_add(model: type[Task] | type[Assignment]):
    def eligible(user: Any, profiles: QuerySet[ContactProfile]) -> QuerySet[ContactProfile]:
        return profiles.filter(
            person__unit__in=Unit.objects.holding_records(user, "add", model=model))
    return eligible


class _UnitForm(RestrictedChoicesForm, forms.Form):
    """Carries the list's unit into ``cleaned_data`` (``perform`` gets only that)."""

    def __init__(self, *args: Any, user: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["unit"] = self.unit
        return data


class BulkAssignForm(_UnitForm):
    member = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Member"),
                                    to_field_name="uid")
    title = forms.CharField(label=_("Title"), max_length=200)
    goal = forms.IntegerField(label=_("Goal (conversations)"), min_value=1, required=False,
                              help_text=_("Empty: one conversation per contact."))
    starts_on = LocalizedDateField(label=_("From"), initial=lambda: this_week()[0])
    ends_on = LocalizedDateField(label=_("Until"), initial=lambda: this_week()[1])

    def __init__(self, *args: Any, user: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, user=user, unit=unit, **kwargs)
        model_choice(self.fields["member"]).queryset = members_of(user, unit)


def _assign(acting_user: Any, profiles: list[ContactProfile], data: dict[str, Any]) -> str:
    contacts = [p.person for p in profiles]
    assignment = do_create_assignment(
        acting_user=acting_user, unit=data["unit"], title=data["title"],
        member=data["member"], contacts=contacts, goal=data["goal"] or len(contacts),
        starts_on=data["starts_on"], ends_on=data["ends_on"])
    return ngettext("%(count)s contact was assigned to %(member)s.",
                    "%(count)s contacts were assigned to %(member)s.", len(contacts)) % {
        "count": len(contacts), "member": assignment.member.alias if assignment.member else ""}


def _confirm_assign(count: int) -> str:
    return ngettext("Assign %(count)s contact", "Assign %(count)s contacts",
                    count) % {"count": count}


class BulkTaskForm(_UnitForm):
    title = forms.CharField(label=_("What is to be done"), max_length=200)
    owner = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Owner"),
                                   required=False, empty_label=_("The unit's secretaries"),
                                   to_field_name="uid")
    due_on = LocalizedDateField(label=_("Due on"))

    def __init__(self, *args: Any, user: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, user=user, unit=unit, **kwargs)
        model_choice(self.fields["owner"]).queryset = members_of(user, unit)


def _task(acting_user: Any, profiles: list[ContactProfile], data: dict[str, Any]) -> str:
    tasks = do_create_task(acting_user=acting_user, unit=data["unit"],
                           data={k: data[k] for k in ("title", "owner", "due_on")},
                           contacts=[p.person for p in profiles])
    return ngettext("%(count)s task was created.", "%(count)s tasks were created.",
                    len(tasks)) % {"count": len(tasks)}


def _confirm_task(count: int) -> str:
    return ngettext("A task for %(count)s contact", "A task for each of %(count)s contacts",
                    count) % {"count": count}


def register_bulk_actions() -> None:
    register(BulkAction(key="assign", label=_("Assign to a member"), form_class=BulkAssignForm,
                        eligible=_may_add(Assignment), perform=_assign,
                        confirm=_confirm_assign))
    register(BulkAction(key="task", label=_("Give each a task"), form_class=BulkTaskForm,
                        eligible=_may_add(Task), perform=_task, confirm=_confirm_task))
