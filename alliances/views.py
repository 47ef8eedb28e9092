"""Pages of the circles of allies and of splits.

Circles, classifications and their assessments are the internal records of the organ that
keeps them: loaded through ``access_object`` (404 outside the scope, exactly like a missing
record), so the organizations classified and the coalition offices never reach them. A split
is public history of the organization; its counts per organ are shown to those who see the
organ as structure, its departures to those who see the people.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from access.helpers import access_object, can
from alliances import actions
from alliances.forms import (
    CircleForm,
    ClassifyForm,
    CriterionForm,
    EndClassificationForm,
    SplitForm,
)
from alliances.models import (
    Circle,
    Classification,
    CriterionAssessment,
    Departure,
    Split,
    SplitCount,
)
from alliances.splits import do_record_split
from nucleus.web import ActionFormView, Done, bound, run_form
from organizations.models import Organization, Unit


def circle_url(circle: Circle) -> str:
    return reverse("alliances:circle", kwargs={"uid": circle.uid})


def history_url(classification: Classification) -> str:
    return reverse("alliances:history", kwargs={"uid": classification.uid})


@login_required
@require_http_methods(["GET", "POST"])
def circles(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The organ's circles, furthest first, with the organizations in each today; a
    secretary adds a circle (the nearest so far)."""
    user = request.user
    unit = access_object(Unit, user, uid, queryset=Unit.objects.holding_records(user))
    may_add = Unit.objects.holding_records(user, "add").filter(pk=unit.pk).exists()
    form = CircleForm(bound(request) if may_add else None)

    def perform() -> str:
        circle = actions.do_add_circle(acting_user=user, unit=unit, **form.cleaned_data)
        return circle_url(circle)

    rows = list(Circle.objects.restrict(user).filter(unit=unit).prefetch_related("criteria"))
    current = (Classification.objects.restrict(user).filter(unit=unit, until__isnull=True)
               .select_related("organization"))
    by_circle: dict[int, list[Classification]] = {}
    for item in current:
        by_circle.setdefault(item.circle_id, []).append(item)
    for circle in rows:
        circle.current = by_circle.get(circle.pk, [])  # type: ignore[attr-defined]
    done = run_form(request, form, perform, _("The circle was added.")) if may_add else None
    return done or render(request, "alliances/circles.html",
                          {"unit": unit, "circles": rows, "form": form if may_add else None})


@login_required
@require_http_methods(["GET"])
def circle(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    obj = access_object(Circle, user, uid)
    classifications = (Classification.objects.restrict(user).filter(circle=obj)
                       .select_related("organization"))
    return render(request, "alliances/circle.html", {
        "circle": obj, "criteria": obj.criteria.all(),
        "inside": [c for c in classifications if c.is_open],
        "past": [c for c in classifications if not c.is_open],
        "may_add": can(user, Circle, obj, "add"),
    })


class CriterionAddView(ActionFormView):
    """uid is the circle."""

    form_class = CriterionForm
    scoped_model = Circle
    scoped_action = "add"
    success_message = gettext_lazy("The criterion was added.")

    def get_heading(self) -> str:
        return _("A criterion of %(circle)s") % {"circle": self.object.name}

    def get_cancel_url(self) -> str:
        return circle_url(self.object)

    def perform(self, form: CriterionForm) -> str:
        actions.do_add_criterion(acting_user=self.request.user, circle=self.object,
                                 text=form.cleaned_data["text"])
        return circle_url(self.object)


class ClassifyView(ActionFormView):
    """uid is the circle the organization is classified into."""

    form_class = ClassifyForm
    template_name = "alliances/classify.html"
    scoped_model = Circle
    scoped_action = "add"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user, "circle": self.object}

    def get_heading(self) -> str:
        return _("Classify an organization into %(circle)s") % {"circle": self.object.name}

    def get_cancel_url(self) -> str:
        return circle_url(self.object)

    def get_notice(self) -> str:
        return _("An organization already in another circle of this organ leaves it on the "
                 "day this classification begins.")

    def perform(self, form: ClassifyForm) -> Done:
        data = form.cleaned_data
        made = actions.do_classify(
            acting_user=self.request.user, circle=self.object,
            organization=data["organization"], since=data["since"],
            assessments=form.assessments(), decision=data["decision"], note=data["note"])
        return Done(history_url(made), _("%(organization)s is in %(circle)s.") % {
            "organization": made.organization, "circle": self.object.name})


@login_required
@require_http_methods(["GET"])
def history(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Every classification of one organization by the organ, newest first, with the
    assessment of each criterion."""
    user = request.user
    obj = access_object(Classification, user, uid)
    rows = list(Classification.objects.restrict(user)
                .filter(unit_id=obj.unit_id, organization_id=obj.organization_id)
                .select_related("circle", "decision__unit"))
    assessments = (CriterionAssessment.objects.restrict(user)
                   .filter(classification__in=rows).select_related("criterion"))
    by_row: dict[int, list[CriterionAssessment]] = {}
    for item in assessments:
        by_row.setdefault(item.classification_id, []).append(item)
    for row in rows:
        row.assessed = by_row.get(row.pk, [])  # type: ignore[attr-defined]
    return render(request, "alliances/history.html", {
        "classification": obj, "organization": obj.organization, "unit": obj.unit,
        "rows": rows, "may_change": can(user, Classification, obj, "change"),
        "circles": Circle.objects.restrict(user, "add").filter(unit_id=obj.unit_id),
    })


class EndClassificationView(ActionFormView):
    """uid is the open classification to end."""

    form_class = EndClassificationForm
    scoped_model = Classification
    scoped_action = "change"
    success_message = gettext_lazy("The organization is no longer in the circles.")

    def get_heading(self) -> str:
        return _("Take %(organization)s out of the circles") % {
            "organization": self.object.organization}

    def get_cancel_url(self) -> str:
        return history_url(self.object)

    def perform(self, form: EndClassificationForm) -> str:
        actions.do_end_classification(acting_user=self.request.user,
                                      classification=self.object,
                                      until=form.cleaned_data["until"])
        return history_url(self.object)


@login_required
@require_http_methods(["GET"])
def organization_splits(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    org = access_object(Organization, user, uid)
    splits = Split.objects.restrict(user).filter(organization=org).select_related(
        "new_organization")
    return render(request, "alliances/splits.html", {
        "org": org, "splits": splits, "may_record": can(user, Organization, org, "change")})


@login_required
@require_http_methods(["GET"])
def split(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The split, what it took from each organ the user sees (counts only), and the
    departing members of the units whose people the user sees."""
    user = request.user
    obj = access_object(Split, user, uid)
    return render(request, "alliances/split.html", {
        "split": obj,
        "counts": SplitCount.objects.restrict(user).filter(split=obj).select_related("unit"),
        "departures": Departure.objects.restrict(user).filter(split=obj)
        .select_related("person__unit"),
    })


class SplitRecordView(ActionFormView):
    """uid is the organization that split: its profile's editors record it."""

    form_class = SplitForm
    scoped_model = Organization
    scoped_action = "change"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user,
                "organization": self.object}

    def get_heading(self) -> str:
        return _("Record a split of %(organization)s") % {"organization": self.object}

    def get_cancel_url(self) -> str:
        return reverse("alliances:splits", kwargs={"uid": self.object.uid})

    def get_notice(self) -> str:
        return _("The members named here get the status “left”. For a split long past, "
                 "give the counts only.")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(submit=_("Record the split"), **kwargs)

    def perform(self, form: SplitForm) -> Done:
        data = form.cleaned_data
        made = do_record_split(
            acting_user=self.request.user, organization=self.object,
            new_organization=data["new_organization"],
            new_organization_name=data["new_organization_name"], date=data["date"],
            year=data["year"],
            departures=list(data["departures"]), counts=form.counts(), note=data["note"])
        return Done(reverse("alliances:split", kwargs={"uid": made.uid}),
                    _("The split was recorded."))
