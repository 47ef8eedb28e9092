"""Form pages of the organs: holding a meeting, its agenda and attendance, the organ's rules,
proposing and amending motions, counting open votes, recording named votes, recording a
decision directly, writing a resolution. Each hands its input to an action
(``nucleus.web.ActionFormView``): a refusal goes back onto the form, nothing is written."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from access.helpers import access_object
from nucleus.web import ActionFormView, Done
from organizations.models import Unit
from organs import actions, forms
from organs.members import members_of, voting_members_of
from organs.models import AgendaItem, Attendance, Meeting, Motion, NamedVote, Resolution
from organs.views import url_of
from people.models import Person

CANDIDATES_NOTE = _("Candidates have a voice, no vote: only members of full status vote and "
                    "count for the quorum.")


class _OnUnit(ActionFormView):
    """uid is the organ; only who may add records to the unit itself writes there."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.object = access_object(
                Unit, request.user, kwargs.get("uid"),
                queryset=Unit.objects.holding_records(request.user, "add"))
        return super().dispatch(request, *args, **kwargs)

    def get_cancel_url(self) -> str:
        return url_of("organ", self.object)


class MeetingCreateView(_OnUnit):
    form_class = forms.MeetingForm

    def get_heading(self) -> str:
        return _("A meeting of %(unit)s") % {"unit": self.object.name}

    def perform(self, form: forms.MeetingForm) -> Done:
        meeting = actions.do_create_meeting(acting_user=self.request.user, unit=self.object,
                                            data=form.cleaned_data)
        return Done(url_of("meeting_detail", meeting),
                    _("The meeting is recorded: add its agenda and attendance."))


class RulesView(_OnUnit):
    form_class = forms.RulesForm

    def get_heading(self) -> str:
        return _("Rules of %(unit)s") % {"unit": self.object.name}

    def get_notice(self) -> str:
        return str(CANDIDATES_NOTE)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "unit": self.object}

    def perform(self, form: forms.RulesForm) -> str:
        actions.do_set_organ_rules(acting_user=self.request.user, unit=self.object,
                                   data=form.cleaned_data)
        return url_of("organ", self.object)


class DecisionCreateView(_OnUnit):
    form_class = forms.DecisionForm

    def get_heading(self) -> str:
        return _("Record a decision of %(unit)s") % {"unit": self.object.name}

    def get_notice(self) -> str:
        return _("A decision recorded here has no vote in the app: its page says that the "
                 "vote counts were not recorded.")

    def perform(self, form: forms.DecisionForm) -> str:
        decision = actions.do_record_decision(acting_user=self.request.user, unit=self.object,
                                              data=form.cleaned_data)
        return url_of("decision_detail", decision)


class ResolutionCreateView(_OnUnit):
    form_class = forms.ResolutionForm

    def get_heading(self) -> str:
        return _("A resolution of %(unit)s") % {"unit": self.object.name}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user, "unit": self.object}

    def perform(self, form: forms.ResolutionForm) -> str:
        resolution = actions.do_create_resolution(acting_user=self.request.user,
                                                  unit=self.object,
                                                  data=form.data_for_action())
        return url_of("resolution_detail", resolution)


class ResolutionEditView(ActionFormView):
    form_class = forms.ResolutionForm
    scoped_model = Resolution
    scoped_action = "change"
    checks_version = True

    def get_heading(self) -> str:
        return _("Edit the resolution")

    def get_cancel_url(self) -> str:
        return url_of("resolution_detail", self.object)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user,
                "unit": self.object.unit, "resolution": self.object}

    def perform(self, form: forms.ResolutionForm) -> str:
        actions.do_update_resolution(acting_user=self.request.user, resolution=self.object,
                                     data=form.data_for_action())
        return url_of("resolution_detail", self.object)


class _OnMeeting(ActionFormView):
    scoped_model = Meeting
    scoped_action = "change"

    def get_cancel_url(self) -> str:
        return url_of("meeting_detail", self.object)


class MeetingEditView(_OnMeeting):
    form_class = forms.MeetingForm
    checks_version = True

    def get_heading(self) -> str:
        return _("Edit the meeting")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "meeting": self.object}

    def perform(self, form: forms.MeetingForm) -> str:
        actions.do_update_meeting(acting_user=self.request.user, meeting=self.object,
                                  data=form.cleaned_data)
        return url_of("meeting_detail", self.object)


class AgendaItemCreateView(_OnMeeting):
    form_class = forms.AgendaItemForm

    def get_heading(self) -> str:
        return _("Add an agenda item")

    def perform(self, form: forms.AgendaItemForm) -> str:
        actions.do_add_agenda_item(acting_user=self.request.user, meeting=self.object,
                                   data=form.cleaned_data)
        return url_of("meeting_detail", self.object)


class AttendanceView(_OnMeeting):
    form_class = forms.AttendanceForm

    def get_heading(self) -> str:
        return _("Attendance")

    def get_notice(self) -> str:
        return str(CANDIDATES_NOTE)

    def get_form_kwargs(self) -> dict[str, Any]:
        members = list(members_of(self.object.unit).filter(
            pk__in=Person.objects.restrict(self.request.user).values("pk")))
        return {**super().get_form_kwargs(), "meeting": self.object, "members": members}

    def perform(self, form: forms.AttendanceForm) -> str:
        actions.do_set_attendance(acting_user=self.request.user, meeting=self.object,
                                  presences=form.presences())
        return url_of("meeting_detail", self.object)


class MotionCreateView(ActionFormView):
    form_class = forms.MotionForm
    scoped_model: type[models.Model] | None = AgendaItem
    scoped_action = "change"

    def amends(self) -> Motion | None:
        return None

    def item(self) -> AgendaItem:
        return self.object  # type: ignore[no-any-return]

    def get_heading(self) -> str:
        return _("Propose a motion on “%(item)s”") % {"item": self.item().title}

    def get_cancel_url(self) -> str:
        return url_of("meeting_detail", self.item().meeting)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user,
                "unit": self.item().meeting.unit}

    def perform(self, form: forms.MotionForm) -> str:
        motion = actions.do_propose_motion(acting_user=self.request.user,
                                           agenda_item=self.item(), amends=self.amends(),
                                           data=form.cleaned_data)
        return url_of("motion_detail", motion)


class AmendmentCreateView(MotionCreateView):
    scoped_model = Motion

    def amends(self) -> Motion | None:
        return self.object  # type: ignore[no-any-return]

    def item(self) -> AgendaItem:
        return self.object.agenda_item  # type: ignore[no-any-return]

    def get_heading(self) -> str:
        return _("Propose an amendment to “%(motion)s”") % {"motion": self.object.title}


class _OnMotion(ActionFormView):
    scoped_model = Motion
    scoped_action = "change"

    def get_cancel_url(self) -> str:
        return url_of("motion_detail", self.object)


class CountView(_OnMotion):
    form_class = forms.CountForm

    def get_heading(self) -> str:
        return _("Count of the open vote on “%(motion)s”") % {"motion": self.object.title}

    def get_notice(self) -> str:
        return str(CANDIDATES_NOTE)

    def perform(self, form: forms.CountForm) -> str:
        actions.do_count_open_vote(acting_user=self.request.user, motion=self.object,
                                   data=form.cleaned_data)
        return url_of("motion_detail", self.object)


class NamedVotesView(_OnMotion):
    """Each voting member present who has not voted; saving records the votes given and
    decides the motion."""

    form_class = forms.NamedVotesForm

    def get_heading(self) -> str:
        return _("Named vote on “%(motion)s”") % {"motion": self.object.title}

    def get_notice(self) -> str:
        return str(CANDIDATES_NOTE)

    def get_form_kwargs(self) -> dict[str, Any]:
        meeting = self.object.agenda_item.meeting
        voted = NamedVote.objects.filter(motion=self.object).values("person_id")
        present = Attendance.objects.filter(
            meeting=meeting, presence=Attendance.Presence.PRESENT).values("person_id")
        voters = list(voting_members_of(meeting.unit).filter(pk__in=present)
                      .exclude(pk__in=voted)
                      .filter(pk__in=Person.objects.restrict(self.request.user).values("pk")))
        return {**super().get_form_kwargs(), "voters": voters}

    def perform(self, form: forms.NamedVotesForm) -> Done:
        for person, choice in form.votes().items():
            actions.do_cast_named_vote(acting_user=self.request.user, motion=self.object,
                                       person=person, choice=choice)
        actions.do_close_named_vote(acting_user=self.request.user, motion=self.object)
        return Done(url_of("motion_detail", self.object), _("The vote is recorded."))
