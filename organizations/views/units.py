"""Unit pages: detail (structure, counts, and the people section where records are seen),
create a sub-unit, edit, move."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from access.helpers import access_object, can, sees_records_of
from accounts.system_work import may_run_system_work
from nucleus.web import ActionFormView, fresh
from organizations.actions import do_create_unit, do_move_unit, do_update_unit
from organizations.forms import UnitForm, UnitMoveForm
from organizations.models import Unit
from organizations.queries import subtree_counts


def _unit_url(unit_uid: UUID) -> str:
    return reverse("organizations:unit_detail", kwargs={"uid": unit_uid})


@login_required
def unit_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid)
    visible = Unit.objects.restrict(user)
    # Ancestor paths are prefixes of each other, so ordering by path orders them by depth.
    # Lists, not querysets: the template runs no query (tests/test_... query counts).
    ancestors = list(visible.filter(pk__in=unit.ancestor_ids()).order_by("path"))
    children = list(visible.filter(parent=unit).order_by("name"))
    counts = subtree_counts(user, [unit, *children])
    for child in children:
        child.people_count = counts.get(child.pk, 0)  # type: ignore[attr-defined]  # for the page
    return render(request, "organizations/unit_detail.html", {
        "unit": unit,
        "organization": unit.organization,
        "ancestors": ancestors,
        "children": children,
        "people_count": counts.get(unit.pk, 0),
        "sees_records": sees_records_of(user, unit),
        "can_change": can(user, Unit, unit, "change"),
        "can_add_unit": unit.kind != Unit.Kind.CELL and can(user, Unit, unit, "add"),
        # Backups and the key rotation (backups/views.py): the install's administrator
        # only, on a top unit; no query for anyone else.
        "system_work": (unit.parent_id is None and user.is_superuser
                        and may_run_system_work(user, unit)),
    })


class UnitCreateView(ActionFormView):
    """uid is the parent unit."""

    form_class = UnitForm
    scoped_model = Unit
    scoped_action = "add"
    success_message = _("The unit was created.")

    def get_heading(self) -> str:
        return _("New unit under %(name)s") % {"name": self.object.name}

    def get_cancel_url(self) -> str:
        return _unit_url(self.object.uid)

    def get_notice(self) -> str:
        if self.object.kind == Unit.Kind.CELL:
            return str(_("A cell is a basic unit: it has no sub-units."))
        return ""

    def get_form_kwargs(self):
        instance = Unit(organization_id=self.object.organization_id, parent=self.object)
        return {**super().get_form_kwargs(), "instance": instance}

    def perform(self, form) -> str:
        unit = do_create_unit(acting_user=self.request.user,
                              organization=self.object.organization, parent=self.object,
                              data=dict(form.cleaned_data))
        return _unit_url(unit.uid)


class UnitEditView(ActionFormView):
    form_class = UnitForm
    scoped_model = Unit
    scoped_action = "change"
    checks_version = True

    def get_heading(self) -> str:
        return _("Edit %(name)s") % {"name": self.object.name}

    def get_cancel_url(self) -> str:
        return _unit_url(self.object.uid)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": fresh(self.object)}

    def perform(self, form) -> str:
        do_update_unit(acting_user=self.request.user, unit=self.object,
                       data=dict(form.cleaned_data))
        return _unit_url(self.object.uid)


class UnitMoveView(ActionFormView):
    form_class = UnitMoveForm
    scoped_model = Unit
    scoped_action = "change"
    checks_version = True
    success_message = _("The unit was moved with everything below it.")

    def get_heading(self) -> str:
        return _("Move %(name)s") % {"name": self.object.name}

    def get_cancel_url(self) -> str:
        return _unit_url(self.object.uid)

    def get_notice(self) -> str:
        if not UnitMoveForm.choices_for(self.request.user, self.object).exists():
            return str(_("There is no unit of this organization you may move it into."))
        return ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "unit": self.object}

    def perform(self, form) -> str:
        do_move_unit(acting_user=self.request.user, unit=self.object,
                     new_parent=form.cleaned_data["new_parent"])
        return _unit_url(self.object.uid)
