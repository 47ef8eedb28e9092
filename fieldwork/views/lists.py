"""Contact lists of a unit or a field: filters in the address (``fieldwork.filters``), 50 a
page, saved lists, and bulk actions on the checked rows (``fieldwork.bulk``)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.choices import RestrictedChoicesForm, model_choice
from access.helpers import access_object
from access.scope import scope_for
from fieldwork import bulk
from fieldwork.actions.lists import do_delete_saved_list, do_save_list
from fieldwork.filters import ContactFilter, clean_query
from fieldwork.models import Activity, ContactProfile, Field, SavedList
from fieldwork.queries import contacts_in
from fieldwork.views.common import field_crumbs, form_page, unit_crumbs, url_of
from nucleus.web import Done, bound, form_error_text, run_form, safe_next
from organizations.models import Unit

PAGE_SIZE = 50


def listed(user: Any, *, unit: Unit | None = None,
           field: Field | None = None) -> QuerySet[ContactProfile]:
    """The contacts of the list, with ``overdue``: an open follow-up of an activity naming
    the contact (one the reader sees) was due before today."""
    overdue = Activity.objects.restrict(user).filter(
        contacts=OuterRef("person_id"), follow_up_done=False,
        follow_up_on__lt=timezone.localdate())
    return contacts_in(user, unit=unit, field=field).annotate(overdue=Exists(overdue))


def _list_page(request: HttpRequest, *, unit: Unit, field: Field | None) -> HttpResponse:
    user = request.user
    owner = field.unit if field is not None else unit  # its saved lists; bulk actions
    scope = scope_for(user)
    rows = listed(user, unit=None if field else unit, field=field)
    filters = ContactFilter(request.GET, queryset=rows, user=user,
                            unit=None if field else unit, field=field)
    valid = filters.is_valid()
    page = Paginator(filters.qs if valid else rows.none(), PAGE_SIZE).get_page(
        request.GET.get("page"))
    # What "save these filters" stores: the page's filters, the field's page its field too.
    query = request.GET.copy()
    query.pop("page", None)
    if field is not None:
        query["field"] = str(field.uid)
    saved = SavedList.objects.restrict(user).filter(unit=owner).order_by("name")
    return render(request, "fieldwork/contact_list.html", {
        "unit": owner, "field": field, "shows": scope.sees_records_of(owner),
        "heading": _("Contacts of %(name)s") % {"name": (field or unit).name},
        "crumbs": field_crumbs(field) if field else unit_crumbs(unit),
        "base": url_of("field_contacts", field) if field else url_of("unit_contacts", unit),
        "form": filters.form, "valid": valid, "page": page,
        "filtered": bool(set(request.GET) - {"page"}) or not valid,
        "actions": bulk.available(user, rows), "saved": saved,
        "deletable": set(SavedList.objects.restrict(user, "delete").filter(unit=owner)
                         .values_list("pk", flat=True)),
        "can_save": scope.sees_records_of(owner, "add"), "save_query": query.urlencode(),
    })


@login_required
@require_GET
def unit_contacts(request: HttpRequest, uid: UUID) -> HttpResponse:
    return _list_page(request, unit=access_object(Unit, request.user, uid), field=None)


@login_required
@require_GET
def field_contacts(request: HttpRequest, uid: UUID) -> HttpResponse:
    field = access_object(Field, request.user, uid)
    return _list_page(request, unit=field.unit, field=field)


# --- bulk actions ---

class BulkChoiceForm(RestrictedChoicesForm, forms.Form):
    """The checked rows and the chosen action, posted by the list and carried by the
    confirmation page. A contact outside the list or the reader's scope is "not one of the
    available choices"; one the action may not be applied to refuses the whole request."""

    action = forms.ChoiceField(label=gettext_lazy("Action"), choices=())
    contacts = forms.ModelMultipleChoiceField(
        queryset=ContactProfile.objects.none(), label=gettext_lazy("Contacts"),
        error_messages={"required": gettext_lazy("Choose at least one contact.")})

    def __init__(self, *args: Any, user: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        action = self.fields["action"]
        assert isinstance(action, forms.ChoiceField)  # declared above
        action.choices = [(a.key, a.label) for a in bulk.ACTIONS.values()]
        model_choice(self.fields["contacts"]).queryset = ContactProfile.objects.filter(
            person__unit__path__startswith=unit.path).select_related("person")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("contacts")
        if data.get("action") and chosen is not None:
            action = bulk.ACTIONS[data["action"]]
            ids = {p.pk for p in chosen}
            if action.eligible(self.user, ContactProfile.objects.filter(pk__in=ids)
                               ).count() != len(ids):
                raise ValidationError(_("You may not do this for every one of these "
                                        "contacts: nothing was done."))
        return data

    @property
    def bulk_action(self) -> bulk.BulkAction:
        return bulk.ACTIONS[self.cleaned_data["action"]]


@login_required
@require_POST
def contacts_bulk(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The list posts the checked rows here; the answer asks for the action's inputs and
    says how many contacts it will change; confirmed, it is done in one transaction."""
    user = request.user
    unit = access_object(Unit, user, uid)
    back = safe_next(request, url_of("unit_contacts", unit))
    choice = BulkChoiceForm(request.POST, user=user, unit=unit)
    if not choice.is_valid():
        messages.error(request, form_error_text(choice))
        return HttpResponseRedirect(back)
    action = choice.bulk_action
    profiles = list(choice.cleaned_data["contacts"])
    inputs = action.form_class(request.POST if "confirm" in request.POST else None,
                               user=user, unit=unit)

    def perform() -> Done:
        return Done(back, action.perform(user, profiles, inputs.cleaned_data))

    return run_form(request, inputs, perform) or render(request, "fieldwork/bulk_confirm.html", {
        "heading": action.confirm(len(profiles)), "crumbs": unit_crumbs(unit), "unit": unit,
        "form": inputs, "action": action, "profiles": profiles, "next": back})


# --- saved lists ---

class SavedListForm(RestrictedChoicesForm, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    query = forms.CharField(widget=forms.HiddenInput, required=False,
                            max_length=SavedList.QUERY_MAX)


@login_required
@require_http_methods(["GET", "POST"])
def saved_list_create(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid, queryset=Unit.objects.holding_records(user, "add"))
    form = SavedListForm(bound(request), initial={"query": request.GET.get("query", "")})

    def perform() -> str:
        query = clean_query(form.cleaned_data["query"], user=user, unit=unit)
        saved = do_save_list(acting_user=user, unit=unit, name=form.cleaned_data["name"].strip(),
                             query=query)
        return url_of("saved_list", saved)

    return run_form(request, form, perform, _("The list was saved.")) or form_page(
        request, form, heading=_("Save these filters as…"), crumbs=unit_crumbs(unit),
        cancel=url_of("unit_contacts", unit))


@login_required
@require_GET
def saved_list(request: HttpRequest, uid: UUID) -> HttpResponse:
    """A saved list opens as the unit's list with its filters, each checked again: what the
    reader no longer sees is left out."""
    saved = access_object(SavedList, request.user, uid)
    query = clean_query(saved.query, user=request.user, unit=saved.unit)
    target = url_of("unit_contacts", saved.unit)
    return HttpResponseRedirect(f"{target}?{query}" if query else target)


@login_required
@require_POST
def saved_list_delete(request: HttpRequest, uid: UUID) -> HttpResponse:
    saved = access_object(SavedList, request.user, uid, "delete")
    unit = saved.unit
    if request.POST.get("confirm") != "yes":  # the list's button sends it; nothing else
        return HttpResponseRedirect(url_of("unit_contacts", unit))
    do_delete_saved_list(acting_user=request.user, saved=saved)
    messages.success(request, _("The saved list was deleted."))
    return HttpResponseRedirect(url_of("unit_contacts", unit))
