"""Correcting and removing what was recorded: activities, assessments and ties, for who may
change (or delete) them. Each edit carries the version it was opened on; each removal is a
page saying what will go (GET) and a button that removes it (POST). Every change is audited
with old and new values by its action."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.helpers import access_object
from fieldwork.actions import (
    do_delete,
    do_delete_assessment,
    do_update_activity,
    do_update_assessment,
    do_update_tie,
)
from fieldwork.forms_corrections import ActivityEditForm, AssessmentEditForm, TieEditForm
from fieldwork.models import Activity, Assessment, Tie
from fieldwork.queries import scale_for
from fieldwork.views.common import field_crumbs, form_page, unit_crumbs, url_of
from nucleus.web import bound, run_form, run_step, safe_next
from people.models import Person


def _contact_page(person: Person) -> str:
    return url_of("contact", person)


def _activity_back(request: HttpRequest, activity: Activity) -> str:
    default = (url_of("field_detail", activity.field) if activity.field_id
               else url_of("unit_dashboard", activity.unit))
    return safe_next(request, default)


def _activity_crumbs(activity: Activity):
    return field_crumbs(activity.field) if activity.field else unit_crumbs(activity.unit)


def _tie_person(tie: Tie) -> Person:
    """The end of the tie whose page to go back to: the contact, when one end is one."""
    return tie.to_person if (tie.to_person.kind == Person.Kind.CONTACT
                             and tie.from_person.kind != Person.Kind.CONTACT) else tie.from_person


def _removal(request: HttpRequest, *, heading: str, what: str, on: date | None, crumbs, back: str,
             remove: Callable[..., object], done: str) -> HttpResponse:
    """GET: what will be removed (``what``, of the day ``on``) and a button; POST: remove it
    and go back (a refusal is said there)."""
    if request.method == "POST":
        return run_step(request, remove, done, back)
    return render(request, "fieldwork/confirm_remove.html", {
        "heading": heading, "what": what, "on": on, "crumbs": crumbs, "cancel": back})


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    activity = access_object(Activity, user, uid, "change")
    form = ActivityEditForm(bound(request), user=user, activity=activity)

    def perform() -> str:
        data = form.cleaned_data
        # People no longer shown to this user (moved away) stay on the activity.
        kept = {name: list(getattr(activity, name).exclude(pk__in=Person.objects.restrict(user)))
                for name in ("members", "contacts")}
        plain = form.plain_data()
        if not plain["outcome"]:
            del plain["outcome"]  # never shown in the form: empty keeps the stored one
        do_update_activity(acting_user=user, activity=activity, data=plain,
                           members=[*data["members"], *kept["members"]],
                           contacts=[*data["contacts"], *kept["contacts"]],
                           notes=data["notes"] or None)
        return _activity_back(request, activity)

    return run_form(request, form, perform, _("The activity was corrected."),
                    record=activity) or form_page(
        request, form, heading=_("Correct the activity"), crumbs=_activity_crumbs(activity),
        cancel=_activity_back(request, activity))


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, uid: UUID) -> HttpResponse:
    activity = access_object(Activity, request.user, uid, "delete")
    # Who it names, as the reader may see them (someone who moved away is not shown).
    people = [p.alias for name in ("members", "contacts")
              for p in getattr(activity, name).restrict(request.user).order_by("alias")]
    what = " — ".join([str(activity.get_kind_display()), ", ".join(people)] if people
                      else [str(activity.get_kind_display())])
    return _removal(request, heading=_("Remove this activity?"), what=what, on=activity.date,
                    crumbs=_activity_crumbs(activity), back=_activity_back(request, activity),
                    remove=lambda acting_user: do_delete(acting_user=acting_user, obj=activity),
                    done=_("The activity was removed."))


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    assessment = access_object(Assessment, user, uid, "change")
    person = assessment.person
    form = AssessmentEditForm(bound(request), scale=scale_for(person.unit.organization_id),
                              assessment=assessment)
    back = safe_next(request, _contact_page(person))

    def perform() -> str:
        data = form.cleaned_data
        do_update_assessment(acting_user=user, assessment=assessment,
                             level_value=data["level"], assessed_on=data["assessed_on"],
                             note=data["note"])
        return back

    return run_form(request, form, perform, _("The assessment was corrected."),
                    record=assessment) or form_page(
        request, form, heading=_("Correct the assessment of %(alias)s")
        % {"alias": person.alias}, crumbs=unit_crumbs(person.unit), cancel=back)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_delete(request: HttpRequest, uid: UUID) -> HttpResponse:
    assessment = access_object(Assessment, request.user, uid, "delete")
    person = assessment.person
    what = f"{person.alias}: {assessment.level.value} {assessment.level.label}"
    return _removal(
        request, heading=_("Remove this assessment?"), what=what, on=assessment.assessed_on,
        crumbs=unit_crumbs(person.unit), back=safe_next(request, _contact_page(person)),
        remove=lambda acting_user: do_delete_assessment(acting_user=acting_user,
                                                        assessment=assessment),
        done=_("The assessment was removed."))


@login_required
@require_http_methods(["GET", "POST"])
def tie_edit(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    tie = access_object(Tie, user, uid, "change")
    back = safe_next(request, _contact_page(_tie_person(tie)))
    form = TieEditForm(bound(request), user=user, tie=tie)

    def perform() -> str:
        do_update_tie(acting_user=user, tie=tie, data={"kind": form.cleaned_data["kind"],
                                                       "note": form.cleaned_data["note"]})
        return back

    return run_form(request, form, perform, _("The tie was corrected."), record=tie) \
        or form_page(request, form, heading=_("Tie of %(from)s with %(to)s") % {
            "from": tie.from_person.alias, "to": tie.to_person.alias},
            crumbs=unit_crumbs(tie.from_person.unit), cancel=back)


@login_required
@require_http_methods(["GET", "POST"])
def tie_delete(request: HttpRequest, uid: UUID) -> HttpResponse:
    tie = access_object(Tie, request.user, uid, "delete")
    what = f"{tie.from_person.alias} — {tie.get_kind_display()} — {tie.to_person.alias}"
    return _removal(request, heading=_("Remove this tie?"), what=what, on=None,
                    crumbs=unit_crumbs(tie.from_person.unit),
                    back=safe_next(request, _contact_page(_tie_person(tie))),
                    remove=lambda acting_user: do_delete(acting_user=acting_user, obj=tie),
                    done=_("The tie was removed."))
