"""What member organizations send to a campaign — the components they take up, the actions
they announce — and the office publishing an announcement. A member organization's user who
may not act for it (the international-work right) sees the form's notice and cannot send."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from access.helpers import access_object
from campaigns import sending
from campaigns.forms import AnnouncementForm, UptakeForm
from campaigns.models import ActionAnnouncement, Campaign
from campaigns.views import campaign_url
from coalitions.rights import organizations_acting_for
from nucleus.web import ActionFormView
from organizations.models import Organization


def acting_organizations(user, campaign: Campaign):
    """The organizations the user acts for that take part in the campaign's coalition."""
    return organizations_acting_for(user).filter(
        coalition_memberships__coalition_id=campaign.coalition_id,
        coalition_memberships__status__in=sending.TAKING_PART).distinct()


class _SendView(ActionFormView):
    scoped_model = Campaign
    scoped_action = "view"

    def organizations(self):
        return acting_organizations(self.request.user, self.object)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user,
                "organizations": self.organizations(), "campaign": self.object}

    def get_cancel_url(self) -> str:
        return campaign_url(self.object)

    def get_notice(self) -> str:
        if not self.organizations().exists():
            return _("You do not act for a member organization of this coalition: the "
                     "secretary of your unit grants that right (international work).")
        return ""


class UptakeView(_SendView):
    form_class = UptakeForm
    success_message = gettext_lazy("Sent to the coalition.")

    def get_heading(self) -> str:
        return _("Take up components of %(campaign)s") % {"campaign": self.object.title}

    def perform(self, form) -> str:
        data = form.cleaned_data
        organization: Organization = data["organization"]
        sending.do_take_up(acting_user=self.request.user, campaign=self.object,
                           organization=organization, components=data["components"],
                           signed_as=data["signed_as"])
        return campaign_url(self.object)


class AnnounceView(_SendView):
    form_class = AnnouncementForm
    success_message = gettext_lazy("Sent to the coalition.")

    def get_heading(self) -> str:
        return _("Announce an action for %(campaign)s") % {"campaign": self.object.title}

    def perform(self, form) -> str:
        sending.do_announce_action(acting_user=self.request.user, campaign=self.object,
                                   organization=form.cleaned_data["organization"],
                                   **form.announcement_data())
        return campaign_url(self.object)


@login_required
@require_POST
def publish_announcement(request: HttpRequest, uid: UUID) -> HttpResponse:
    announcement = access_object(ActionAnnouncement, request.user, uid, "change")
    published = request.POST.get("published") != "0"
    sending.do_publish_announcement(acting_user=request.user, announcement=announcement,
                                    published=published)
    messages.success(request, _("Saved."))
    return HttpResponseRedirect(campaign_url(announcement.campaign))
