"""The campaign pages inside the app: a coalition's campaigns, a campaign (with the office's
timeline and table), and the office's forms (campaign, component, day of action, material,
publishing). What member organizations send is in ``views_sent.py``.

Objects load through ``access_object`` (404 outside the scope, like a missing record): the
office pages ask for ``change`` on the campaign, which only its coalition's office has."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from access.helpers import access_object, can
from campaigns import actions, overview
from campaigns.forms import CampaignForm, ComponentForm, DayOfActionForm, MaterialForm
from campaigns.models import ActionAnnouncement, Campaign, Material, Uptake
from nucleus.calendars import local_digits
from nucleus.web import ActionFormView
from organizations.models import Coalition


def campaign_url(campaign: Campaign) -> str:
    return reverse("campaigns:detail", kwargs={"uid": campaign.uid})


@login_required
@require_GET
def coalition_campaigns(request: HttpRequest, uid: UUID) -> HttpResponse:
    coalition = access_object(Coalition, request.user, uid)
    campaigns = Campaign.objects.restrict(request.user).filter(coalition=coalition).distinct()
    return render(request, "campaigns/list.html", {
        "coalition": coalition, "campaigns": campaigns,
        "is_office": can(request.user, Coalition, coalition, "change")})


@login_required
@require_GET
def detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    campaign = access_object(Campaign, user, uid)
    is_office = can(user, Campaign, campaign, "change")
    components = list(campaign.components.order_by("number"))
    announcements = list(ActionAnnouncement.objects.restrict(user).filter(campaign=campaign)
                         .distinct().select_related("organization", "component")
                         .order_by("date", "city"))
    uptakes = list(Uptake.objects.restrict(user).filter(campaign=campaign).distinct()
                   .select_related("organization", "component"))
    context = {
        "campaign": campaign, "is_office": is_office, "components": components,
        "days": list(campaign.days_of_action.order_by("created_at", "pk")),
        "materials": list(Material.objects.restrict(user).filter(campaign=campaign)
                          .distinct().order_by("kind", "title")),
        "announcements": announcements, "uptakes": uptakes,
        "public_url": reverse("campaigns_public:page", kwargs={"uid": campaign.uid}),
    }
    if is_office:
        context["timeline"] = mark_safe(overview.timeline_svg(  # noqa: S308 (escaped in charts)
            [a.date for a in announcements], campaign.starts_on,
            campaign.ends_on or max([a.date for a in announcements], default=campaign.starts_on),
            digits=local_digits))
        context["table"] = overview.by_country_and_component(announcements, components)
    return render(request, "campaigns/detail.html", context)


class _OfficeView(ActionFormView):
    """A form of the coalition office about a campaign."""

    scoped_model = Campaign
    scoped_action = "change"

    def get_cancel_url(self) -> str:
        return campaign_url(self.object)


class CampaignCreateView(ActionFormView):
    form_class = CampaignForm
    scoped_model = Coalition
    scoped_action = "change"
    success_message = gettext_lazy("The campaign was created.")

    def get_heading(self) -> str:
        return _("New campaign of %(coalition)s") % {"coalition": self.object.name}

    def get_cancel_url(self) -> str:
        return reverse("campaigns:coalition_campaigns", kwargs={"uid": self.object.uid})

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user,
                "coalition": self.object}

    def perform(self, form) -> str:
        campaign = actions.do_create_campaign(acting_user=self.request.user,
                                              coalition=self.object, data=form.cleaned_data)
        return campaign_url(campaign)


class CampaignEditView(_OfficeView):
    form_class = CampaignForm
    checks_version = True

    def get_heading(self) -> str:
        return _("Edit %(campaign)s") % {"campaign": self.object.title}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user,
                "coalition": self.object.coalition, "instance": self.object}

    def perform(self, form) -> str:
        actions.do_update_campaign(acting_user=self.request.user, campaign=self.object,
                                   data=form.cleaned_data)
        return campaign_url(self.object)


class ComponentAddView(_OfficeView):
    form_class = ComponentForm
    success_message = gettext_lazy("The component was added.")

    def get_heading(self) -> str:
        return _("New component of %(campaign)s") % {"campaign": self.object.title}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form) -> str:
        actions.do_add_component(acting_user=self.request.user, campaign=self.object,
                                 **form.cleaned_data)
        return campaign_url(self.object)


class DayOfActionView(_OfficeView):
    form_class = DayOfActionForm
    success_message = gettext_lazy("The day of action was set.")

    def get_heading(self) -> str:
        return _("Day of action of %(campaign)s") % {"campaign": self.object.title}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form) -> str:
        actions.do_set_day_of_action(acting_user=self.request.user, campaign=self.object,
                                     **form.cleaned_data)
        return campaign_url(self.object)


class MaterialAddView(_OfficeView):
    form_class = MaterialForm
    success_message = gettext_lazy("The material was added.")

    def get_heading(self) -> str:
        return _("Add to the material package of %(campaign)s") % {
            "campaign": self.object.title}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form) -> str:
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        actions.do_add_material(acting_user=self.request.user, campaign=self.object,
                                content=upload.read(), **data)
        return campaign_url(self.object)


@login_required
@require_POST
def publish(request: HttpRequest, uid: UUID) -> HttpResponse:
    campaign = access_object(Campaign, request.user, uid, "change")
    published = request.POST.get("published") != "0"
    actions.do_set_campaign_published(acting_user=request.user, campaign=campaign,
                                      published=published)
    messages.success(request, _("The public page is online.") if published
                     else _("The public page was taken down."))
    return HttpResponseRedirect(campaign_url(campaign))


@login_required
@require_POST
def material_public(request: HttpRequest, uid: UUID) -> HttpResponse:
    material = access_object(Material, request.user, uid, "change")
    public = request.POST.get("public") != "0"
    actions.do_set_material_public(acting_user=request.user, material=material, public=public)
    messages.success(request, _("Saved."))
    return HttpResponseRedirect(campaign_url(material.campaign))
