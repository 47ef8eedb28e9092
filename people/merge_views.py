"""The page that merges a duplicate record into a person (``people.merge``)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from access.helpers import access_object
from nucleus.web import Done, bound, run_form
from people.forms import MergeForm
from people.merge import do_merge_people
from people.models import Person


@login_required
@require_http_methods(["GET", "POST"])
def person_merge(request: HttpRequest, uid: UUID) -> HttpResponse:
    person = access_object(Person, request.user, uid, "delete")
    # Coming from a new-person form's "save, then merge": the new record is preselected.
    form = MergeForm(bound(request), user=request.user, person=person,
                     initial={"duplicate": request.GET.get("duplicate", "")})

    def perform() -> Done:
        duplicate = form.cleaned_data["duplicate"]
        do_merge_people(acting_user=request.user, keep=person, duplicate=duplicate)
        return Done(reverse("people:person_detail", kwargs={"uid": person.uid}),
                    _("%(duplicate)s was merged into %(alias)s.") % {
                        "duplicate": duplicate.alias, "alias": person.alias})

    detail = reverse("people:person_detail", kwargs={"uid": person.uid})
    return run_form(request, form, perform) or render(request, "nucleus/form.html", {
        "form": form, "heading": _("Merge a duplicate into %(alias)s") % {
            "alias": person.alias},
        "intro": _("The same person entered twice: choose the other record."),
        "submit": _("Merge"), "cancel_url": detail})
