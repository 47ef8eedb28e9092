"""Server-rendered pages for people.

Every fetch goes through access.helpers (missing and forbidden both answer 404), every write
through people.actions, and identities are only ever read through reveal_identity, by POST.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.helpers import access_object, can
from access.models import Role
from nucleus.web import Done, bound, is_htmx, run_form, vary_on_htmx
from organizations.models import Organization, Unit
from people.actions import (
    do_create_person,
    do_delete_person,
    do_move_person,
    do_update_person,
    reveal_identity,
)
from people.duplicates import DuplicateCheck
from people.forms import (
    IdentityForm,
    LookupForm,
    MoveForm,
    PersonCreateForm,
    PersonForm,
    class_position_choices,
)
from people.lookup import do_lookup_by_contact
from people.models import Identity, Person, StatusChange

SEARCH_LIMIT = 50


def _person_url(person: Person) -> str:
    return reverse("people:person_detail", kwargs={"uid": person.uid})


def _account_roles(user, person: Person):
    """The roles of the login linked to this person, as far as the viewer may see roles."""
    try:
        account = person.account
    except ObjectDoesNotExist:
        return None
    return Role.objects.restrict(user).active().filter(user=account).select_related("unit")


def _detail_context(user, person: Person, identity: Identity | None = None) -> dict:
    can_reveal = can(user, Person, person, "reveal")
    can_change = can(user, Person, person, "change")
    return {
        "person": person,
        "unit": person.unit,
        "history": StatusChange.objects.restrict(user).filter(person=person),
        "account_roles": _account_roles(user, person),
        "can_reveal": can_reveal,
        "can_change": can_change,
        "can_edit_identity": can_reveal and can_change,
        "can_delete": can(user, Person, person, "delete"),
        "identity": identity,
    }


@login_required
@require_GET
def person_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    person = access_object(Person, request.user, uid)
    return render(request, "people/person_detail.html", _detail_context(request.user, person))


@login_required
@never_cache
@require_POST
def person_reveal(request: HttpRequest, uid: UUID) -> HttpResponse:
    person = access_object(Person, request.user, uid, "reveal")
    identity = reveal_identity(acting_user=request.user, person=person)
    context = _detail_context(request.user, person, identity)
    context["class_position"] = dict(class_position_choices(person.unit.organization)).get(
        identity.class_position, "")
    # htmx swaps only the identity box; without JavaScript the whole page comes back.
    template = "people/_identity.html" if is_htmx(request) else "people/person_detail.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    unit = access_object(Unit, request.user, uid,
                         queryset=Unit.objects.holding_records(request.user, "add"))
    form = PersonCreateForm(bound(request), user=request.user, unit=unit)
    # A phone or email already on file says so before saving (people.duplicates).
    check = DuplicateCheck(request, unit=unit, kind=request.POST.get("kind", ""))

    def perform() -> Done:
        person = do_create_person(acting_user=request.user, unit=unit,
                                  data=form.plain_data(), identity=form.identity())
        return Done(check.next_url(person) or _person_url(person),
                    _("%(alias)s was added.") % {"alias": person.alias})

    stop = form.is_bound and form.is_valid() and check.stops(form.identity())
    return (None if stop else run_form(request, form, perform)) or render(
        request, "people/person_form.html",
        {"form": form, "unit": unit, "person": None, "check": check})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    person = access_object(Person, request.user, uid, "change")
    form = PersonForm(bound(request), user=request.user, unit=person.unit, person=person)

    def perform() -> str:
        do_update_person(acting_user=request.user, person=person, data=form.plain_data())
        return _person_url(person)

    return run_form(request, form, perform, _("Saved."), record=person) or render(
        request, "people/person_form.html", {"form": form, "unit": person.unit, "person": person})


@login_required
@never_cache
@require_POST
def person_identity_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    """POST only: opening the form shows the current identity, which is a reveal (audited);
    a POST carrying ``save`` stores the submitted identity."""
    # Editing an identity needs both: changing the record and seeing its identity.
    access_object(Person, request.user, uid, "change")
    person = access_object(Person, request.user, uid, "reveal")
    if "save" not in request.POST:
        identity = reveal_identity(acting_user=request.user, person=person)
        form = IdentityForm(initial=identity.as_dict(),
                            organization=person.unit.organization)
    else:
        form = IdentityForm(request.POST, organization=person.unit.organization)

    def perform() -> str:
        do_update_person(acting_user=request.user, person=person, data={},
                         identity_changes=form.identity_changes())
        return _person_url(person)

    return run_form(request, form, perform, _("The identity was saved."),
                    record=person) or render(
        request, "people/person_identity_form.html", {"form": form, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def person_move(request: HttpRequest, uid: UUID) -> HttpResponse:
    person = access_object(Person, request.user, uid, "change")
    form = MoveForm(bound(request), user=request.user, person=person)

    def perform() -> Done:
        unit = form.cleaned_data["unit"]
        do_move_person(acting_user=request.user, person=person, unit=unit)
        return Done(_person_url(person), _("%(alias)s was moved to %(unit)s.") % {
            "alias": person.alias, "unit": unit.name})

    return run_form(request, form, perform) or render(
        request, "people/person_move.html", {"form": form, "person": person})


@login_required
@require_POST
def person_delete(request: HttpRequest, uid: UUID) -> HttpResponse:
    person = access_object(Person, request.user, uid, "delete")
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the confirmation box to delete this person."))
        return redirect("people:person_detail", uid=person.uid)
    unit_uid, alias = person.unit.uid, person.alias
    try:
        do_delete_person(acting_user=request.user, person=person)
    except ProtectedError:
        messages.error(request, _("%(alias)s still has records that depend on them and cannot "
                                  "be deleted.") % {"alias": alias})
        return redirect("people:person_detail", uid=person.uid)
    messages.success(request, _("%(alias)s was deleted.") % {"alias": alias})
    return redirect("organizations:unit_detail", uid=unit_uid)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def person_lookup(request: HttpRequest, uid: UUID) -> HttpResponse:
    # A match confirms an identity: only where the user may reveal some identity (else 404,
    # whether or not anyone has the number), only among those, and audited (people.lookup).
    organization = access_object(Organization, request.user, uid, "reveal")
    form = LookupForm(bound(request))
    results = None
    if form.is_bound and form.is_valid():
        results = do_lookup_by_contact(
            acting_user=request.user, organization=organization,
            phone=form.cleaned_data["phone"], email=form.cleaned_data["email"])
    return render(request, "people/person_lookup.html",
                  {"form": form, "organization": organization, "results": results})


@login_required
@vary_on_htmx
@require_GET
def person_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    results = []
    if query:
        results = list(Person.objects.restrict(request.user).filter(alias__icontains=query)
                       .select_related("unit")[:SEARCH_LIMIT + 1])
    context = {"query": query, "results": results[:SEARCH_LIMIT],
               "more": len(results) > SEARCH_LIMIT}
    template = "people/_search_results.html" if is_htmx(request) else "people/person_search.html"
    return render(request, template, context)
