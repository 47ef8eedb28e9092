"""Organization pages: the directory, the profile with its unit tree, create and edit."""

from __future__ import annotations

from uuid import UUID

from django.conf.locale import LANG_INFO
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from access.helpers import access_object, can
from nucleus.web import ActionFormView, fresh, is_htmx, vary_on_htmx
from organizations.actions import do_create_organization, do_update_organization
from organizations.forms import OrganizationFilterForm, OrganizationForm
from organizations.models import CoalitionMembership, Organization, Unit
from organizations.queries import subtree_counts
from organizations.views.common import unit_forest, visible_ids
from organizations.views.founding import FoundingMixin

PAGE_SIZE = 50


def text_direction(language: str) -> str:
    """rtl/ltr for a language code known to Django, else let the browser decide."""
    if not language:
        return "auto"
    code = language.lower()
    info = LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0])
    if not info or "fallback" in info:
        return "auto"
    return "rtl" if info.get("bidi") else "ltr"


@login_required
@vary_on_htmx
def organization_list(request: HttpRequest) -> HttpResponse:
    visible = Organization.objects.restrict(request.user)
    form = OrganizationFilterForm(request.GET or None, user=request.user, visible=visible)
    found = (form.apply(visible).prefetch_related("ideology_tags").order_by("name"))
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    # htmx asks for the results only; without JavaScript (or when htmx restores history
    # it has not cached) the whole page comes back.
    template = ("organizations/_organization_results.html" if is_htmx(request)
                else "organizations/organization_list.html")
    return render(request, template, {"form": form, "page": page})


@login_required
def organization_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    org = access_object(Organization, user, uid)
    lineage = list(org.lineage.select_related("other"))
    sisters = list(org.sister_links.select_related("sister"))
    affiliates = list(org.affiliates.order_by("name"))
    # Related organizations are named on the profile; linked only where the user may go.
    linked = visible_ids(Organization, user, [
        org.parent_organization_id, *(e.other_id for e in lineage),
        *(s.sister_id for s in sisters), *(a.pk for a in affiliates)])
    units = list(Unit.objects.restrict(user).filter(organization=org))
    # Only memberships in coalitions the user may view, so each one links.
    memberships = (CoalitionMembership.objects.restrict(user).filter(organization=org)
                   .select_related("coalition").order_by("coalition__name"))
    return render(request, "organizations/organization_detail.html", {
        "org": org,
        "native_dir": text_direction(org.native_language),
        "tags": org.ideology_tags.all(),
        "lineage": lineage,
        "sisters": sisters,
        "affiliates": affiliates,
        "linked": linked,
        "offices": org.public_offices.order_by("title"),
        "memberships": memberships,
        "tree": unit_forest(units, subtree_counts(user, units)),
        "can_change": can(user, Organization, org, "change"),
    })


class OrganizationCreateView(FoundingMixin, ActionFormView):
    form_class = OrganizationForm
    heading = _("New organization")
    success_message = _("The organization was created; you are the secretary of its top unit.")

    def get_cancel_url(self) -> str:
        return reverse("organizations:organization_list")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form) -> str:
        # The top unit is named in the founder's language (Congress, کنگره ...).
        org = do_create_organization(acting_user=self.request.user, data=form.action_data(),
                                     tags=form.cleaned_data["tags"],
                                     top_unit_name=str(Unit.Kind.CONGRESS.label))
        self.founded(form, org)  # who may found (organizations/views/founding.py)
        return reverse("organizations:organization_detail", kwargs={"uid": org.uid})


class OrganizationEditView(ActionFormView):
    form_class = OrganizationForm
    scoped_model = Organization
    scoped_action = "change"
    checks_version = True

    def get_heading(self) -> str:
        return _("Edit %(name)s") % {"name": self.object.name}

    def get_cancel_url(self) -> str:
        return reverse("organizations:organization_detail", kwargs={"uid": self.object.uid})

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user,
                "instance": fresh(self.object)}

    def perform(self, form) -> str:
        do_update_organization(acting_user=self.request.user, org=self.object,
                               data=form.action_data(), tags=form.cleaned_data["tags"])
        return self.get_cancel_url()
