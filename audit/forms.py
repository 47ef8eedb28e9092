"""The audit log's filters: a person of the unit (by alias), an action, a range of days."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm, model_choice
from audit.models import AuditEvent
from audit.querysets import account_label
from nucleus.calendars import LocalizedDateField
from organizations.models import Unit
from people.models import Person


class AuditFilterForm(RestrictedChoicesForm, forms.Form):
    person = forms.ModelChoiceField(label=_("person"), required=False,
                                    queryset=Person.objects.none(), empty_label=_("anyone"))
    action = forms.ChoiceField(label=_("action"), required=False,
                               choices=[("", _("any")), *AuditEvent.Action.choices])
    since = LocalizedDateField(label=_("from"), required=False)
    until = LocalizedDateField(label=_("until"), required=False)

    def __init__(self, *args: Any, user: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The people of the unit and below; the base class keeps only those the user sees.
        model_choice(self.fields["person"]).queryset = Person.objects.filter(
            unit__path__startswith=unit.path).order_by("alias")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError(_("The first day comes after the last."))
        return data

    def apply(self, rows: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
        """The rows that match the valid filters (an invalid form filters nothing more)."""
        if not self.is_valid():
            return rows
        data = self.cleaned_data
        if person := data.get("person"):
            rows = rows.filter(_about_person(person))
        if data.get("action"):
            rows = rows.filter(action=data["action"])
        if since := data.get("since"):
            rows = rows.filter(at__gte=_start_of(since))
        if until := data.get("until"):
            rows = rows.filter(at__lt=_start_of(until + datetime.timedelta(days=1)))
        return rows


def _about_person(person: Person) -> Q:
    """What the person did (through their login), and what was done to them or their login."""
    from accounts.models import User

    logins = User.objects.filter(person=person).values("pk")
    return (Q(actor_id__in=logins) | Q(model=person._meta.label, object_id=person.pk)
            | Q(model=account_label(), object_id__in=logins))


def _start_of(day: datetime.date) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
