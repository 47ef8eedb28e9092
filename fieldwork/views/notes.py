"""The sealed notes of a person's assessments, shown on request (POST) to users with the
reveal right on the person's unit; every note shown leaves an audit row."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from access.helpers import access_object
from fieldwork.actions import reveal_assessment_notes
from fieldwork.models import ContactProfile
from fieldwork.queries import assessment_history
from fieldwork.timeline import ASSESSMENTS_SHOWN, allowed_ids, assessors_of
from fieldwork.views.common import field_crumbs
from nucleus.web import is_htmx
from people.models import Person


@login_required
@never_cache
@require_POST
def assessment_notes(request: HttpRequest, uid: UUID) -> HttpResponse:
    """POST, so that notes never sit in a URL, a cache or a prefetch."""
    user = request.user
    person = access_object(Person, user, uid, "reveal")
    # As many as the contact's page lists, with who made them and their correction links.
    history = list(assessment_history(user, person).select_related("assessed_by")
                   [:ASSESSMENTS_SHOWN])
    notes = reveal_assessment_notes(acting_user=user, assessments=history)
    profile = ContactProfile.objects.restrict(user).filter(person=person).select_related(
        "field__unit").first()
    rows = {"assessment": history}
    context = {"person": person, "history": history, "notes": notes, "revealed": True,
               "assessors": assessors_of(user, history),
               "changeable": allowed_ids(user, "change", rows),
               "deletable": allowed_ids(user, "delete", rows),
               "crumbs": field_crumbs(profile.field) if profile else []}
    template = ("fieldwork/_assessments.html" if is_htmx(request)
                else "fieldwork/assessment_notes.html")
    return render(request, template, context)
