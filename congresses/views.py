"""Pages of congresses: a unit's congresses, a congress with its key, seats, credentials,
attendance and composition, the sending unit's mandate form, the credentials committee's
decisions, the unit's composition and the list of class positions."""

from __future__ import annotations

from collections import Counter
from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from access.helpers import access_object, can
from congresses import actions, composition
from congresses.catalogue import positions_for
from congresses.forms import (
    AttendanceForm,
    ClassPositionForm,
    CongressForm,
    DecisionForm,
    KeyForm,
    MandateForm,
)
from congresses.models import ClassPosition, Congress, Delegate, DelegateKey, Mandate
from congresses.seats import seat_table
from nucleus.web import ActionFormView, Done, bound, run_form
from organizations.models import Unit


def congress_url(congress: Congress) -> str:
    return reverse("congresses:congress_detail", kwargs={"uid": congress.uid})


def unit_url(unit: Unit) -> str:
    return reverse("congresses:unit_congresses", kwargs={"uid": unit.uid})


@login_required
def unit_congresses(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The congresses the unit convenes, those it sends delegates to, and its mandates."""
    user = request.user
    unit = access_object(Unit, user, uid)
    may_add = Unit.objects.holding_records(user, "add").filter(pk=unit.pk).exists()
    holds = Unit.objects.holding_records(user, "view").filter(pk=unit.pk).exists()
    return render(request, "congresses/unit_congresses.html", {
        "unit": unit, "may_add": may_add,
        "congresses": Congress.objects.restrict(user).filter(unit=unit),
        "sends_to": actions.congresses_for_sender(unit) if may_add else [],
        "mandates": (Mandate.objects.restrict(user).filter(unit=unit)
                     .select_related("person", "credential") if holds else [])})


class CongressCreateView(ActionFormView):
    """uid is the convening unit; who may add records to it calls its congresses."""

    form_class = CongressForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.object = access_object(
                Unit, request.user, kwargs.get("uid"),
                queryset=Unit.objects.holding_records(request.user, "add"))
        return super().dispatch(request, *args, **kwargs)

    def get_heading(self) -> str:
        return _("Call a congress or conference of %(unit)s") % {"unit": self.object.name}

    def get_cancel_url(self) -> str:
        return unit_url(self.object)

    def perform(self, form: CongressForm) -> str:
        congress = actions.do_create_congress(acting_user=self.request.user, unit=self.object,
                                              data=form.data_for_action())
        return congress_url(congress)


class CongressEditView(ActionFormView):
    form_class = CongressForm
    scoped_model = Congress
    scoped_action = "change"
    checks_version = True

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "congress": self.object}

    def get_heading(self) -> str:
        return _("Edit %(congress)s") % {"congress": self.object.title}

    def get_cancel_url(self) -> str:
        return congress_url(self.object)

    def perform(self, form: CongressForm) -> str:
        actions.do_update_congress(acting_user=self.request.user, congress=self.object,
                                   data=form.data_for_action())
        return congress_url(self.object)


class KeyView(ActionFormView):
    form_class = KeyForm
    scoped_model = Congress
    scoped_action = "change"

    def get_form_kwargs(self) -> dict[str, Any]:
        key = DelegateKey.objects.filter(congress=self.object).first()
        return {**super().get_form_kwargs(), "key": key}

    def get_heading(self) -> str:
        return _("Delegate key of %(congress)s") % {"congress": self.object.title}

    def get_notice(self) -> str:
        return _("This page does not set the seats of named units yet.")

    def get_cancel_url(self) -> str:
        return congress_url(self.object)

    def perform(self, form: KeyForm) -> str:
        actions.do_set_key(acting_user=self.request.user, congress=self.object,
                           data=dict(form.cleaned_data))
        return congress_url(self.object)


@login_required
@never_cache
def congress_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Key and seats, credentials (numbers and sending units, never a person), attendance
    counts and the composition of the confirmed delegates (its reading audited)."""
    user = request.user
    congress = access_object(Congress, user, uid)
    key = DelegateKey.objects.filter(congress=congress).first()
    credentials = list(congress.delegates.select_related("sending_unit"))
    confirmed = [d for d in credentials if d.status == Delegate.Status.CONFIRMED]
    attendance = Counter(d.attendance for d in confirmed)
    return render(request, "congresses/congress_detail.html", {
        "congress": congress, "key": key, "seats": seat_table(key) if key else [],
        "credentials": credentials, "confirmed": len(confirmed),
        "attendance": [(label, attendance[value])
                       for value, label in Delegate.Attendance.choices],
        "committee": can(user, Congress, congress, "change"),
        "report": composition.congress_report(user, congress)})


@login_required
@never_cache
def unit_composition(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The class composition of a unit's voting members: an aggregate, so it flows up to
    every role that counts the unit (its reading audited)."""
    unit = access_object(Unit, request.user, uid)
    below = request.GET.get("below") == "1"
    return render(request, "congresses/unit_composition.html", {
        "unit": unit, "below": below,
        "report": composition.unit_report(request.user, unit, below=below)})


class MandateCreateView(ActionFormView):
    """uid is the sending unit; who may add records to it gives its mandates."""

    form_class = MandateForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.object = access_object(
                Unit, request.user, kwargs.get("uid"),
                queryset=Unit.objects.holding_records(request.user, "add"))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user, "unit": self.object,
                "offered": actions.congresses_for_sender(self.object)}

    def get_heading(self) -> str:
        return _("A delegate of %(unit)s") % {"unit": self.object.name}

    def get_notice(self) -> str:
        return _("The congress receives a numbered credential of this unit, never the "
                 "delegate's alias. Only voting members (status member) may be delegates.")

    def get_cancel_url(self) -> str:
        return unit_url(self.object)

    def perform(self, form: MandateForm) -> Done:
        data = form.cleaned_data
        mandate = actions.do_give_mandate(
            acting_user=self.request.user, congress=form.chosen_congress(), unit=self.object,
            person=data["person"], selection=data["selection"], on=data["on"])
        return Done(unit_url(self.object), _("Credential %(number)s was sent.") % {
            "number": mandate.credential.number})


@login_required
@require_http_methods(["GET", "POST"])
def credential(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The credentials committee: confirm or refuse, then record attendance."""
    delegate = access_object(Delegate, request.user, uid, "change")
    congress = delegate.congress
    if delegate.status == Delegate.Status.SUBMITTED:
        form: DecisionForm | AttendanceForm = DecisionForm(bound(request))

        def perform() -> str:
            if form.cleaned_data["decision"] == "confirm":
                actions.do_confirm_credential(acting_user=request.user, credential=delegate)
            else:
                actions.do_refuse_credential(acting_user=request.user, credential=delegate,
                                             reason=form.cleaned_data["reason"])
            return congress_url(congress)
    else:
        form = AttendanceForm(bound(request), initial={"attendance": delegate.attendance})

        def perform() -> str:
            actions.do_record_attendance(acting_user=request.user, credential=delegate,
                                         attendance=form.cleaned_data["attendance"])
            return congress_url(congress)

    return run_form(request, form, perform) or render(
        request, "congresses/credential.html",
        {"form": form, "delegate": delegate, "congress": congress})


@login_required
def class_positions(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The class positions of the unit's organization (the catalogue's readers: its users)."""
    unit = access_object(Unit, request.user, uid)
    entries = positions_for(unit.organization)
    editable = set(ClassPosition.objects.restrict(request.user, "change")
                   .filter(organization=unit.organization).values_list("pk", flat=True))
    return render(request, "congresses/class_positions.html", {
        "unit": unit, "entries": [(e, e.pk in editable) for e in entries]})


class ClassPositionEditView(ActionFormView):
    form_class = ClassPositionForm
    scoped_model = ClassPosition
    scoped_action = "change"
    checks_version = True

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "entry": self.object}

    def get_heading(self) -> str:
        return _("Class position: %(label)s") % {"label": self.object.label}

    def get_notice(self) -> str:
        return _("A position is retired, never deleted: identities may still name it.")

    def perform(self, form: ClassPositionForm) -> str:
        actions.do_update_class_position(acting_user=self.request.user, entry=self.object,
                                         data=dict(form.cleaned_data))
        return reverse("accounts:home")
