"""Shared pieces of the organization pages: scoped object loading, action-backed forms and
people counts per subtree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from access.helpers import access_object
from organizations.forms import add_action_errors
from organizations.models import Unit
from people.models import Person


class ActionFormView(LoginRequiredMixin, FormView):
    """A form page whose valid input is handed to a ``do_*`` action.

    With ``scoped_model`` set, the object named by ``pk`` is loaded through the access layer
    for ``scoped_action`` before anything else (404 outside the scope). A ValidationError
    from the action goes back onto the form, and nothing is written.
    """

    template_name = "organizations/form.html"
    scoped_model: type[models.Model] | None = None
    scoped_action = "view"
    heading = ""
    success_message = _("Saved.")
    object = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.scoped_model is not None:
            self.object = access_object(self.scoped_model, request.user, kwargs.get("pk"),
                                        self.scoped_action)
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form) -> str:
        """Call the action; return the address of the page to go to afterwards."""
        raise NotImplementedError

    def get_heading(self) -> str:
        return str(self.heading)

    def get_cancel_url(self) -> str:
        return reverse("accounts:home")

    def get_notice(self) -> str:
        """A remark shown above the buttons (why the form cannot succeed, say)."""
        return ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.get_heading(), object=self.object,
                                        cancel_url=self.get_cancel_url(),
                                        notice=self.get_notice(), **kwargs)

    def form_valid(self, form):
        try:
            url = self.perform(form)
        except ValidationError as error:
            add_action_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(url)


def fresh(obj: models.Model) -> models.Model:
    """A model form writes its input into its instance while validating; actions compare
    against the stored row, so they get a freshly loaded copy."""
    return type(obj)._default_manager.get(pk=obj.pk)


def subtree_counts(user, units: Iterable[Unit]) -> dict[int, int]:
    """People the user may count in each unit's subtree, from one grouped query: count per
    unit path, then add each count to every unit on that path."""
    totals = {u.pk: 0 for u in units}
    if not totals:
        return {}
    organizations = {u.organization_id for u in units}
    rows = (Person.objects.countable(user).filter(unit__organization_id__in=organizations)
            .values("unit__path").annotate(n=Count("id")).order_by())
    for row in rows:
        for part in row["unit__path"].strip("/").split("/"):
            unit_id = int(part)
            if unit_id in totals:
                totals[unit_id] += row["n"]
    return totals


def visible_ids(model: type[models.Model], user, ids: Iterable[int | None]) -> set[int]:
    """Which of these records the user may view: to link names only where a link works."""
    wanted = {i for i in ids if i}
    if not wanted:
        return set()
    return set(model.objects.restrict(user).filter(pk__in=wanted).values_list("pk", flat=True))


@dataclass
class Node:
    unit: Unit
    count: int
    children: list[Node] = field(default_factory=list)


def unit_forest(units: Iterable[Unit], counts: dict[int, int]) -> list[Node]:
    """Nest the visible units; a unit whose parent is not visible starts a tree of its own.
    Trees and siblings in the order of their names (ids in the path say nothing to a reader)."""
    nodes = {u.pk: Node(u, counts.get(u.pk, 0)) for u in units}
    roots: list[Node] = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id)
        (parent.children if parent else roots).append(node)
    for node in nodes.values():
        node.children.sort(key=lambda n: n.unit.name.casefold())
    roots.sort(key=lambda n: n.unit.name.casefold())
    return roots
