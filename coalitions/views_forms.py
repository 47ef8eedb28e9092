"""Form pages of resolutions: draft, propose (a draft inside the organization), edit and send
that draft, add a translation, circulate, answer (or change
the answer), an answer received in writing, sign later, the adoption rule. Each loads its
object through the access layer (``ActionFormView.scoped_model``) and writes through one
action; what the action refuses comes back onto the form, and nothing is saved."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coalitions import actions
from coalitions.forms import (
    AdoptionRuleForm,
    AnswerForm,
    CirculateForm,
    ProposalDraftForm,
    ProposalForm,
    ResolutionForm,
    SendProposalForm,
    SignForm,
    TextForm,
    WrittenAnswerForm,
    lines,
)
from coalitions.models import (
    AdoptionRule,
    Answer,
    Circulation,
    CoalitionResolution,
    ProposalDraft,
)
from coalitions.rights import acts_for, organizations_acting_for
from coalitions.views import draft_url, resolution_url
from nucleus.web import ActionFormView
from organizations.models import Coalition, Organization


class _UserForm(ActionFormView):
    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}


class _OnResolution(_UserForm):
    scoped_model = CoalitionResolution
    scoped_action = "change"

    def get_cancel_url(self) -> str:
        return resolution_url(self.object)

    def circulation(self) -> Circulation | None:
        return Circulation.objects.filter(resolution=self.object).first()


class DraftView(_UserForm):
    """The office's own draft (uid: the coalition)."""

    form_class = ResolutionForm
    scoped_model = Coalition
    scoped_action = "change"
    heading = gettext_lazy("New draft resolution or joint statement")
    success_message = gettext_lazy("Draft saved.")

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        resolution = actions.do_draft_resolution(
            acting_user=self.request.user, coalition=self.object, kind=data["kind"],
            title=data["title"], language=data["language"], body=data["body"],
            points=lines(data["points"]))
        return resolution_url(resolution)


class ProposeView(_UserForm):
    """A member organization's proposal (uid: the coalition, seen by its members), drafted
    inside the organization: the coalition sees nothing until it is sent."""

    form_class = ProposalForm
    scoped_model = Coalition
    heading = gettext_lazy("Propose a resolution to the coalition")
    success_message = gettext_lazy("Draft saved.")

    def get_cancel_url(self) -> str:
        return reverse("coalitions:proposal_drafts", kwargs={"uid": self.object.uid})

    def organizations(self) -> Any:
        return organizations_acting_for(self.request.user).filter(
            coalition_memberships__coalition=self.object,
            coalition_memberships__status__in=("member", "signatory"))

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "organizations": self.organizations()}

    def get_notice(self) -> str:
        if not self.organizations().exists():
            return _("You do not act for a member organization of this coalition.")
        return ""

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        draft = actions.do_create_proposal_draft(
            acting_user=self.request.user, organization=data["organization"],
            coalition=self.object, data={**data, "points": lines(data["points"])})
        return draft_url(draft)


class _OnDraft(_UserForm):
    """A page on a proposal draft the user sees (the writing unit's scope). Writing it is the
    international-work right (``acts_for``), which the actions check: what they refuse (one
    not acting for the organization, a draft already sent) is said above the button."""

    scoped_model = ProposalDraft

    def get_cancel_url(self) -> str:
        return draft_url(self.object)

    def get_notice(self) -> str:
        if not acts_for(self.request.user, self.object.organization):
            return _("You do not act for this organization toward its coalitions.")
        if self.object.sent_on is not None:
            return _("This proposal was already sent to the coalition.")
        return ""


class DraftEditView(_OnDraft):
    form_class = ProposalDraftForm
    heading = gettext_lazy("Propose a resolution to the coalition")
    success_message = gettext_lazy("Draft saved.")
    checks_version = True

    def get_initial(self) -> dict[str, Any]:
        draft = self.object
        return {"kind": draft.kind, "title": draft.title, "language": draft.language,
                "body": draft.body, "points": draft.points, "signed_as": draft.signed_as}

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        actions.do_update_proposal_draft(acting_user=self.request.user, draft=self.object,
                                         data={**data, "points": lines(data["points"])})
        return draft_url(self.object)


class DraftSendView(_OnDraft):
    """The confirmation: the text goes to the coalition's office with the organization's name
    only (and the name it signs with), and can no longer be changed here."""

    form_class = SendProposalForm
    heading = gettext_lazy("Send to the coalition")
    success_message = gettext_lazy("Proposal sent to the coalition's office.")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            intro=_("The coalition's office receives this text with your organization's "
                    "name only; it can no longer be changed here."),
            submit=_("Send to the coalition"), **kwargs)

    def perform(self, form: Any) -> str:
        copy = actions.do_send_proposal(acting_user=self.request.user, draft=self.object)
        return resolution_url(copy)


class TextView(_OnResolution):
    form_class = TextForm
    heading = gettext_lazy("Add a translation")

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        actions.do_add_text(acting_user=self.request.user, resolution=self.object,
                            language=data["language"], title=data["title"], body=data["body"],
                            translation_status=data["translation_status"],
                            points=lines(data["points"]))
        return resolution_url(self.object)


class CirculateView(_OnResolution):
    form_class = CirculateForm
    heading = gettext_lazy("Circulate to the member organizations")
    success_message = gettext_lazy("Circulated.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(),
                "members": actions.member_organizations(self.object.coalition)}

    def perform(self, form: Any) -> str:
        chosen = list(form.cleaned_data["organizations"])
        actions.do_circulate(acting_user=self.request.user, resolution=self.object,
                             deadline=form.cleaned_data["deadline"],
                             organizations=chosen or None)
        return resolution_url(self.object)


class AnswerView(_OnResolution):
    """Answer for an organization one acts for; an organization that answered already has its
    answer changed (until the deadline), the old one kept as history."""

    form_class = AnswerForm
    scoped_action = "view"
    heading = gettext_lazy("Answer")
    success_message = gettext_lazy("Answer recorded.")

    def organizations(self) -> Any:
        circulation = self.circulation()
        if circulation is None:
            return Organization.objects.none()
        return organizations_acting_for(self.request.user).filter(
            pk__in=circulation.organizations.values("pk"))

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "organizations": self.organizations()}

    def get_notice(self) -> str:
        if not self.organizations().exists():
            return _("You do not act for an organization asked about this resolution.")
        return ""

    def perform(self, form: Any) -> str:
        data, user = form.cleaned_data, self.request.user
        circulation = self.circulation()
        assert circulation is not None  # the organizations offered come from it
        current = Answer.objects.filter(circulation=circulation,
                                        organization=data["organization"],
                                        replaced_at__isnull=True).first()
        if current is None:
            actions.do_answer(acting_user=user, circulation=circulation,
                              organization=data["organization"], vote=data["vote"],
                              comment=data["comment"], signed_as=data["signed_as"])
        else:
            actions.do_change_answer(acting_user=user, answer=current, vote=data["vote"],
                                     comment=data["comment"], signed_as=data["signed_as"])
        return resolution_url(self.object)


class WrittenAnswerView(_OnResolution):
    form_class = WrittenAnswerForm
    heading = gettext_lazy("Enter an answer received in writing")
    success_message = gettext_lazy("Answer recorded.")

    def get_form_kwargs(self) -> dict[str, Any]:
        circulation = self.circulation()
        asked = (circulation.organizations.all() if circulation is not None
                 else Organization.objects.none())
        return {**super().get_form_kwargs(), "organizations": asked}

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        circulation = self.circulation()
        if circulation is None:
            from django.core.exceptions import ValidationError

            raise ValidationError(_("This resolution was not circulated."))
        actions.do_enter_written_answer(
            acting_user=self.request.user, circulation=circulation,
            organization=data["organization"], vote=data["vote"],
            received_on=data["received_on"], comment=data["comment"])
        return reverse("coalitions:written_answer", kwargs={"uid": self.object.uid})


class SignView(_OnResolution):
    """A later signature: for an organization one acts for, or (the office) one received in
    writing."""

    form_class = SignForm
    scoped_action = "view"
    heading = gettext_lazy("Sign as a later signatory")
    success_message = gettext_lazy("Signature recorded.")

    def office(self) -> bool:
        return actions.is_office(self.request.user, self.object.coalition)

    def get_form_kwargs(self) -> dict[str, Any]:
        members = actions.member_organizations(self.object.coalition)
        if not self.office():
            members = members.filter(pk__in=organizations_acting_for(self.request.user))
        return {**super().get_form_kwargs(), "organizations": members,
                "office": self.office()}

    def perform(self, form: Any) -> str:
        actions.do_sign_later(acting_user=self.request.user, resolution=self.object,
                              organization=form.cleaned_data["organization"],
                              signed_on=form.cleaned_data.get("signed_on"))
        return resolution_url(self.object)


class AdoptionRuleView(_UserForm):
    form_class = AdoptionRuleForm
    scoped_model = Coalition
    scoped_action = "change"
    heading = gettext_lazy("Adoption rule")

    def get_form_kwargs(self) -> dict[str, Any]:
        rule = (AdoptionRule.objects.filter(coalition=self.object).first()
                or AdoptionRule(coalition=self.object))
        return {**super().get_form_kwargs(), "instance": rule}

    def get_cancel_url(self) -> str:
        return reverse("coalitions:resolution_list")

    def perform(self, form: Any) -> str:
        data = form.cleaned_data
        actions.do_set_adoption_rule(acting_user=self.request.user, coalition=self.object,
                                     kind=data["kind"], approvals=data["approvals"],
                                     share_percent=data["share_percent"])
        return reverse("coalitions:resolution_list")
