"""Coalition pages: list, detail, create, edit, registering member organizations and
editing memberships. Coalition office users change them; members only view."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from access.helpers import access_object, can
from nucleus.web import ActionFormView, fresh
from organizations.actions import (
    do_create_coalition,
    do_register_member_organization,
    do_update,
)
from organizations.forms import CoalitionForm, MemberOrganizationForm, MembershipForm
from organizations.models import Coalition, CoalitionMembership, Organization
from organizations.views.common import visible_ids
from organizations.views.founding import FoundingMixin, without_invitation


@login_required
def coalition_list(request: HttpRequest) -> HttpResponse:
    coalitions = list(Coalition.objects.restrict(request.user).order_by("name"))
    # Counted apart: annotating the restricted queryset would reuse the scope's join.
    counts = dict(CoalitionMembership.objects.restrict(request.user)
                  .values_list("coalition_id").annotate(n=Count("id", distinct=True))
                  .order_by())
    for coalition in coalitions:
        coalition.member_count = counts.get(coalition.pk, 0)  # type: ignore[attr-defined]  # for the page
    office = set(Coalition.objects.restrict(request.user, "change").values_list("pk", flat=True))
    return render(request, "organizations/coalition_list.html",
                  {"coalitions": coalitions, "office": office})


@login_required
def coalition_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    coalition = access_object(Coalition, request.user, uid)
    memberships = list(CoalitionMembership.objects.restrict(request.user)
                       .filter(coalition=coalition).select_related("organization")
                       .order_by("organization__name"))
    linked = visible_ids(Organization, request.user, (m.organization_id for m in memberships))
    return render(request, "organizations/coalition_detail.html", {
        "coalition": coalition, "memberships": memberships, "linked": linked,
        "can_change": can(request.user, Coalition, coalition, "change")})


class CoalitionCreateView(FoundingMixin, ActionFormView):
    form_class = CoalitionForm
    heading = _("New coalition")

    def get_cancel_url(self) -> str:
        return reverse("organizations:coalition_list")

    def perform(self, form) -> str:
        coalition = do_create_coalition(acting_user=self.request.user,
                                        data=without_invitation(form.cleaned_data))
        self.founded(form, coalition)  # who may found (organizations/views/founding.py)
        return reverse("organizations:coalition_detail", kwargs={"uid": coalition.uid})


class CoalitionEditView(ActionFormView):
    form_class = CoalitionForm
    scoped_model = Coalition
    scoped_action = "change"
    checks_version = True

    def get_heading(self) -> str:
        return _("Edit %(name)s") % {"name": self.object.name}

    def get_cancel_url(self) -> str:
        return reverse("organizations:coalition_detail", kwargs={"uid": self.object.uid})

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": fresh(self.object)}

    def perform(self, form) -> str:
        do_update(acting_user=self.request.user, obj=self.object, data=dict(form.cleaned_data))
        return self.get_cancel_url()


class CoalitionMemberAddView(ActionFormView):
    """Register a new organization profile, kept by the coalition office, as a member."""

    form_class = MemberOrganizationForm
    scoped_model = Coalition
    scoped_action = "change"
    success_message = _("The organization was registered.")

    def get_heading(self) -> str:
        return _("Register an organization in %(name)s") % {"name": self.object.name}

    def get_cancel_url(self) -> str:
        return reverse("organizations:coalition_detail", kwargs={"uid": self.object.uid})

    def perform(self, form) -> str:
        do_register_member_organization(
            acting_user=self.request.user, coalition=self.object, data=form.action_data(),
            tags=form.cleaned_data["tags"], membership=form.membership_data())
        return self.get_cancel_url()


class MembershipEditView(ActionFormView):
    form_class = MembershipForm
    scoped_model = CoalitionMembership
    scoped_action = "change"
    checks_version = True

    def get_heading(self) -> str:
        return _("Membership of %(organization)s in %(coalition)s") % {
            "organization": self.object.organization.name,
            "coalition": self.object.coalition.name}

    def get_cancel_url(self) -> str:
        return reverse("organizations:coalition_detail", kwargs={"uid": self.object.coalition.uid})

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": fresh(self.object)}

    def perform(self, form) -> str:
        do_update(acting_user=self.request.user, obj=self.object, data=dict(form.cleaned_data))
        return self.get_cancel_url()
