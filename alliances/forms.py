"""Forms of the circles of allies. Writes happen in alliances.actions.

The organization to classify is chosen among the organizations the user sees in the
directory (``Organization.objects.restrict``) and those the organ has classified before
(named in its own classifications, which the user may read): reclassifying MLPD needs no
access to MLPD's profile. It is a plain choice of uids built from those two restricted
querysets, so it offers nothing the user could not read already.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.choices import RestrictedChoicesForm
from alliances.actions import Assessment
from alliances.models import Circle, Classification, Criterion
from alliances.splits import OrganCount
from nucleus.calendars import LocalizedDateField
from organizations.models import Organization, Unit
from organs.models import Decision
from people.models import Person


def _today() -> Any:
    return timezone.localdate()


def classifiable(user: Any, unit: Unit) -> Any:
    """The organizations ``unit`` may classify, as ``user`` sees them: the directory and
    the ones the organ has classified, never its own organization."""
    named = Classification.objects.restrict(user).filter(unit=unit).values("organization")
    seen = Organization.objects.restrict(user).values("pk")
    return (Organization.objects.filter(pk__in=seen) | Organization.objects.filter(
        pk__in=named)).exclude(pk=unit.organization_id).distinct().order_by("name")


class CircleForm(RestrictedChoicesForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    requires_decision = forms.BooleanField(
        label=_("Requires a decision of the organ"), required=False,
        help_text=_("An organization is classified into this circle only by citing a "
                    "decision of the organ."))


class CriterionForm(RestrictedChoicesForm, forms.Form):
    text = forms.CharField(label=_("Criterion"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ClassifyForm(RestrictedChoicesForm, forms.Form):
    """The organization, since when, a note, and per criterion of the circle whether it
    holds and why (``holds_<uid>``, ``why_<uid>``)."""

    organization = forms.ChoiceField(label=_("Organization"))
    since = LocalizedDateField(label=_("Since"), initial=_today)
    decision = forms.ModelChoiceField(queryset=Decision.objects.none(), required=False,
                                      label=_("Decision of the organ"))
    note = forms.CharField(label=_("Note"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: Any, circle: Circle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.circle = circle
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ModelChoiceField)
        # The organization's own decisions (the rest restricted to what the user sees).
        decision.queryset = Decision.objects.filter(
            unit__organization_id=circle.unit.organization_id).order_by("-decided_on")
        self.organizations = {str(o.uid): o for o in classifiable(user, circle.unit)}
        choice = self.fields["organization"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [
            ("", "---------"), *((uid, str(o)) for uid, o in self.organizations.items())]
        self.criteria: list[Criterion] = list(circle.criteria.all())
        for criterion in self.criteria:
            self.fields[f"holds_{criterion.uid}"] = forms.BooleanField(
                label=criterion.text, required=False)
            self.fields[f"why_{criterion.uid}"] = forms.CharField(
                label=_("Why"), required=False, max_length=2000)

    def criterion_rows(self) -> list[tuple[Criterion, Any, Any]]:
        """(criterion, its checkbox, its reason) for the template."""
        return [(c, self[f"holds_{c.uid}"], self[f"why_{c.uid}"]) for c in self.criteria]

    def clean_organization(self) -> Organization:
        return self.organizations[self.cleaned_data["organization"]]

    def assessments(self) -> list[Assessment]:
        data = self.cleaned_data
        return [Assessment(criterion=c, holds=bool(data.get(f"holds_{c.uid}")),
                           why=data.get(f"why_{c.uid}", "")) for c in self.criteria]


class EndClassificationForm(RestrictedChoicesForm, forms.Form):
    until = LocalizedDateField(label=_("Until"), initial=_today)


class SplitForm(RestrictedChoicesForm, forms.Form):
    """A split of ``organization``: the new organization, when, the members who left (those
    the user may change) and what it took from one organ, in numbers or words."""

    new_organization = forms.ModelChoiceField(queryset=Organization.objects.all(),
                                              label=_("New organization"), required=False)
    new_organization_name = forms.CharField(
        label=_("Or its name"), required=False, max_length=200,
        help_text=_("When the new organization is not in your directory."))
    date = LocalizedDateField(label=_("Date"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1800,
                              max_value=2100, help_text=_("When only the year is known."))
    departures = forms.ModelMultipleChoiceField(queryset=Person.objects.none(), required=False,
                                                label=_("Members who left"))
    organ = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False,
                                   label=_("Organ"))
    left = forms.IntegerField(label=_("Members who left the organ"), required=False,
                              min_value=0)
    of = forms.IntegerField(label=_("Members of the organ before the split"), required=False,
                            min_value=0)
    description = forms.CharField(label=_("In words"), required=False, max_length=200,
                                  help_text=_("For example “more than half”."))
    note = forms.CharField(label=_("Note"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    choice_actions = {"departures": "change"}

    def __init__(self, *args: Any, user: Any, organization: Organization,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        new = self.fields["new_organization"]
        people = self.fields["departures"]
        organ = self.fields["organ"]
        assert isinstance(new, forms.ModelChoiceField)
        assert isinstance(people, forms.ModelMultipleChoiceField)
        assert isinstance(organ, forms.ModelChoiceField)
        new.queryset = Organization.objects.exclude(pk=organization.pk).order_by("name")
        people.queryset = Person.objects.filter(
            unit__organization=organization, kind=Person.Kind.MEMBER).exclude(
            status=Person.Status.LEFT).order_by("alias")
        organ.queryset = Unit.objects.filter(organization=organization)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        counted = any(data.get(k) not in (None, "") for k in ("left", "of", "description"))
        if counted and data.get("organ") is None:
            self.add_error("organ", _("Choose the organ these counts are of."))
        return data

    def counts(self) -> list[OrganCount]:
        data = self.cleaned_data
        if data.get("organ") is None:
            return []
        return [OrganCount(unit=data["organ"], left=data.get("left"), of=data.get("of"),
                           description=data.get("description", ""))]
