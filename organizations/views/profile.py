"""Adding details to an organization's profile: lineage, sister links, public office holders
and affiliated organizations (periodicals: the publications app). All need the "change"
action on it."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from nucleus.web import ActionFormView
from organizations import actions
from organizations.forms import (
    AffiliateForm,
    LineageEventForm,
    PublicOfficeForm,
    SisterLinkForm,
)
from organizations.models import Organization


class ProfileAddView(ActionFormView):
    scoped_model = Organization
    scoped_action = "change"
    # The action that writes the detail: do_add_*(acting_user=, organization=, data=).
    action: Callable
    # Forms choosing another organization need the user (to limit the choice) and this one.
    form_takes_scope = False

    def get_heading(self) -> str:
        return f"{self.heading} · {self.object.name}"

    def get_cancel_url(self) -> str:
        return reverse("organizations:organization_detail", kwargs={"uid": self.object.uid})

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.form_takes_scope:
            kwargs.update(user=self.request.user, organization=self.object)
        return kwargs

    def perform(self, form) -> str:
        self.action(acting_user=self.request.user, organization=self.object,
                    data=dict(form.cleaned_data))
        return self.get_cancel_url()


class LineageAddView(ProfileAddView):
    form_class = LineageEventForm
    form_takes_scope = True
    heading = _("Add a lineage event")
    success_message = _("The lineage event was added.")
    action = staticmethod(actions.do_add_lineage_event)


class SisterLinkAddView(ProfileAddView):
    form_class = SisterLinkForm
    form_takes_scope = True
    heading = _("Add a sister organization")
    success_message = _("The sister organization was linked.")
    action = staticmethod(actions.do_add_sister_link)


class PublicOfficeAddView(ProfileAddView):
    form_class = PublicOfficeForm
    heading = _("Add a public office holder")
    success_message = _("The office holder was added.")
    action = staticmethod(actions.do_add_public_office)


class AffiliateAddView(ProfileAddView):
    form_class = AffiliateForm
    heading = _("Add an affiliated organization")
    success_message = _("The affiliated organization was created.")

    def get_form_kwargs(self):
        # The parent is set on the instance so that the model's checks see the pairing.
        return {**super().get_form_kwargs(),
                "instance": Organization(parent_organization=self.object)}

    def perform(self, form) -> str:
        data = {k: v for k, v in form.cleaned_data.items() if k != "tags"}
        actions.do_add_affiliate(acting_user=self.request.user, organization=self.object,
                                 data=data, tags=form.cleaned_data["tags"])
        return self.get_cancel_url()
