"""Contacts: adding one to a field, their page (a timeline of the work with them), their
profile at work, their ties, and assessing them with one tap."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from access.helpers import access_object, can
from fieldwork.actions import do_assess, do_create_contact, do_create_tie, do_set_contact_profile
from fieldwork.forms import (
    AssessForm,
    ContactCreateForm,
    ContactProfileForm,
    TieForm,
    profile_initial,
)
from fieldwork.models import Assessment, ContactProfile, Field
from fieldwork.queries import assessment_history, scale_for
from fieldwork.timeline import timeline_of
from fieldwork.views.common import field_crumbs, form_page, unit_crumbs, url_of
from nucleus.web import bound, run_form, safe_next
from organizations.models import Unit
from people.duplicates import DuplicateCheck
from people.models import Person


def _person_url(person: Person) -> str:
    return reverse("people:person_detail", kwargs={"uid": person.uid})


def _profile(person: Person) -> ContactProfile | None:
    # Only asked about a person the user may act on: their profile is the same record.
    return (ContactProfile.objects.filter(person=person)
            .select_related("field", "part", "current_level").first())


def _crumbs(person: Person, profile: ContactProfile | None):
    return field_crumbs(profile.field) if profile else unit_crumbs(person.unit)


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    field = access_object(Field, request.user, uid, "add")
    form = ContactCreateForm(bound(request), user=request.user, field=field)
    # A phone or email already on file says so before saving (people.duplicates).
    check = DuplicateCheck(request, unit=field.unit, kind=Person.Kind.CONTACT)

    def perform() -> str:
        profile = do_create_contact(acting_user=request.user, field=field,
                                    alias=form.cleaned_data["alias"],
                                    profile=form.profile_data(), identity=form.identity())
        return (check.next_url(profile.person)
                or safe_next(request, url_of("wall_chart", field)))

    stop = form.is_bound and form.is_valid() and check.stops(form.identity())
    return (None if stop else run_form(request, form, perform, _("The contact was added."))) \
        or form_page(request, form, heading=_("New contact in %(field)s") % {
            "field": field.name}, crumbs=field_crumbs(field),
            cancel=url_of("field_detail", field), template="fieldwork/contact_form.html",
            check=check)


@login_required
@require_GET
def contact_page(request: HttpRequest, uid: UUID) -> HttpResponse:
    """A contact's page: the conversations and activities with them (newest first, a page at
    a time), open follow-ups, assessments over time, ties and the last contact."""
    user = request.user
    person = access_object(Person, user, uid)
    timeline = timeline_of(user, person, page=request.GET.get("page"))
    return render(request, "fieldwork/contact_profile.html", {
        "person": person, "profile": timeline.profile, "timeline": timeline,
        "crumbs": _crumbs(person, timeline.profile), "today": timeline.today,
        "activities": timeline.page.object_list, "history": timeline.assessments,
        "changeable": timeline.changeable, "deletable": timeline.deletable,
        "can_change": can(user, Person, person, "change"),
        "can_add": can(user, Person, person, "add"),
        "can_reveal_notes": can(user, Person, person, "reveal")})


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The profile of a contact at work (creating it for a contact not mapped yet). A member
    has no contact profile: the page says so."""
    user = request.user
    person = access_object(Person, user, uid, "change")
    profile = _profile(person)
    is_contact = person.kind == Person.Kind.CONTACT
    form = ContactProfileForm(bound(request) if is_contact else None, user=user, person=person,
                              initial=profile_initial(profile))

    def perform() -> str:
        data = form.profile_data()
        do_set_contact_profile(acting_user=user, person=person, field=form.cleaned_data["field"],
                               data=data)
        return safe_next(request, url_of("field_detail", form.cleaned_data["field"]))

    response = (run_form(request, form, perform, _("Saved."), record=profile)
                if is_contact else None)
    return response or form_page(
        request, form if is_contact else None,
        heading=_("%(alias)s at work") % {"alias": person.alias},
        crumbs=_crumbs(person, profile),
        cancel=url_of("contact", person) if is_contact else _person_url(person),
        intro="" if is_contact else _("%(alias)s is a member: only contacts have a profile "
                                      "at work.") % {"alias": person.alias})


@login_required
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, uid: UUID) -> HttpResponse:
    """One tap on a level (the date defaults to today)."""
    user = request.user
    # Where the unit's secretary lets members assess, they may (Assessment's anchor).
    units = Unit.objects.holding_records(user, "add", model=Assessment)
    person = access_object(Person, user, uid,
                           queryset=Person.objects.restrict(user).filter(unit__in=units))
    profile = _profile(person)
    scale = scale_for(person.unit.organization_id)
    form = AssessForm(bound(request), scale=scale)
    back = url_of("wall_chart", profile.field) if profile else _person_url(person)

    def perform() -> str:
        do_assess(acting_user=user, person=person, level_value=form.cleaned_data["level"],
                  assessed_on=form.cleaned_data["assessed_on"], note=form.cleaned_data["note"])
        return safe_next(request, back)

    return run_form(request, form, perform,
                    _("%(alias)s was assessed.") % {"alias": person.alias}) or form_page(
        request, form, heading=_("Assess %(alias)s") % {"alias": person.alias},
        crumbs=_crumbs(person, profile), cancel=safe_next(request, back),
        template="fieldwork/assess.html", person=person, profile=profile, scale=scale,
        history=assessment_history(user, person)[:5],
        can_reveal_notes=can(user, Person, person, "reveal"))


@login_required
@require_http_methods(["GET", "POST"])
def tie_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    person = access_object(Person, user, uid, "add")
    form = TieForm(bound(request), user=user, person=person)

    def perform() -> str:
        data = form.cleaned_data
        do_create_tie(acting_user=user, from_person=person, to_person=data["to_person"],
                      kind=data["kind"], note=data["note"])
        return url_of("contact", person) if person.kind == Person.Kind.CONTACT \
            else _person_url(person)

    return run_form(request, form, perform, _("The tie was recorded.")) or form_page(
        request, form, heading=_("Tie of %(alias)s") % {"alias": person.alias},
        crumbs=_crumbs(person, _profile(person)), cancel=_person_url(person),
        intro=_("Who knows whom, works beside whom, or is in touch with whom: the paths "
                "through which a workplace is organized."))
