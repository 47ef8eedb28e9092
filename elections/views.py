"""Pages of the elections: a unit's elections and offices, calling an election, the
election page (nominations, the vote, the results), nominating, accepting, withdrawing, the
sole-candidate rule, the outcome of a recorded election, publishing.

Access: an election and its nominations are loaded with ``access_object`` — "view" for the
organ's pages and for nominating and answering (the actions check that the nominator is a
full member nominating in their own name, and that only the candidate or whoever runs the
election answers), "change" for running it. Calling one needs the right to add records to
the unit itself.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.helpers import access_object
from elections import actions, queries, terms, voting
from elections.electorate import own_delegate
from elections.forms import ElectionForm, NominationForm, OutcomeForm, WithdrawForm
from elections.models import Election, Nomination
from nucleus.web import ActionFormView, Done, run_step
from organizations.models import Unit


def election_url(election: Election) -> str:
    return reverse("elections:election_detail", kwargs={"uid": election.uid})


@login_required
def unit_elections(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid)
    return render(request, "elections/unit_elections.html", {
        "unit": unit, "elections": Election.objects.restrict(user).filter(unit=unit),
        "terms": queries.terms_of(user, unit),
        "may_call": Unit.objects.holding_records(user, "add").filter(pk=unit.pk).exists()})


@login_required
def election_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    election = access_object(Election, user, uid, queryset=Election.objects.restrict(
        user).select_related("unit", "seat_unit", "called_by", "congress"))
    runs_it = actions.may_change(user, election)
    return render(request, "elections/election_detail.html", {
        "election": election, "unit": election.unit, "runs_it": runs_it,
        "nominations": [{"nomination": n, "may_answer": actions.may_answer(user, n)}
                        for n in queries.nominations_of(user, election)],
        "vote": voting.vote_state(user, election),
        "results": queries.results_of(election) if (
            runs_it or election.status == Election.Status.PUBLISHED) else None,
        "terms": queries.election_terms(user, election)})


class ElectionCreateView(ActionFormView):
    """uid is the unit; only who may add records to the unit itself calls its election."""

    form_class = ElectionForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.object = access_object(
                Unit, request.user, kwargs.get("uid"),
                queryset=Unit.objects.holding_records(request.user, "add"))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user, "unit": self.object}

    def get_heading(self) -> str:
        return _("Call an election of %(unit)s") % {"unit": self.object.name}

    def get_cancel_url(self) -> str:
        return reverse("elections:unit_elections", kwargs={"uid": self.object.uid})

    def perform(self, form: ElectionForm) -> Done:
        election = actions.do_create_election(acting_user=self.request.user, unit=self.object,
                                              data=form.cleaned_data)
        return Done(election_url(election), _("The election is called: take nominations."))


class NominateView(ActionFormView):
    form_class = NominationForm
    scoped_model = Election

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user, "election": self.object,
                "runs_it": actions.may_change(self.request.user, self.object)}

    def get_heading(self) -> str:
        return _("Nominate a candidate for %(title)s") % {"title": self.object.title}

    def get_notice(self) -> str:
        return _("Only full members stand and nominate; candidates for membership have a "
                 "voice, no vote. A nomination by another waits for the candidate's "
                 "acceptance.")

    def get_cancel_url(self) -> str:
        return election_url(self.object)

    def perform(self, form: NominationForm) -> Done:
        data = dict(form.cleaned_data)
        user = self.request.user
        if not actions.may_change(user, self.object) and not data.get("self_nominated"):
            data["nominated_by"] = actions.own_person(user)
            data["nominated_by_delegate"] = own_delegate(user, self.object)
        actions.do_nominate(acting_user=user, election=self.object, **data)
        return Done(election_url(self.object), _("The nomination is recorded."))


class WithdrawView(ActionFormView):
    form_class = WithdrawForm
    scoped_model = Nomination

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user,
                "nomination": self.object}

    def get_heading(self) -> str:
        return _("Withdraw the nomination of %(name)s") % {"name": self.object.name()}

    def get_cancel_url(self) -> str:
        return election_url(self.object.election)

    def perform(self, form: WithdrawForm) -> Done:
        actions.do_withdraw_nomination(acting_user=self.request.user, nomination=self.object,
                                       in_favour_of=form.cleaned_data["in_favour_of"])
        return Done(election_url(self.object.election), _("The nomination is withdrawn."))


class OutcomeView(ActionFormView):
    form_class = OutcomeForm
    scoped_model = Election
    scoped_action = "change"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user,
                "election": self.object}

    def get_heading(self) -> str:
        return _("Record the outcome from the public record")

    def get_cancel_url(self) -> str:
        return election_url(self.object)

    def perform(self, form: OutcomeForm) -> Done:
        actions.do_record_outcome(acting_user=self.request.user, election=self.object,
                                  elected=list(form.cleaned_data["elected"]))
        return Done(election_url(self.object), _("The outcome is recorded: publish it."))


def _step(request: HttpRequest, back_to: Election, step: Any, done: str,
          **kwargs: Any) -> HttpResponse:
    """A button on the election page: run the step, say what came of it, go back."""
    return run_step(request, step, done, election_url(back_to), **kwargs)


@login_required
@require_POST
def nomination_accept(request: HttpRequest, uid: UUID) -> HttpResponse:
    nomination = access_object(Nomination, request.user, uid)
    return _step(request, nomination.election, actions.do_accept_nomination,
                 _("The nomination is accepted."), nomination=nomination)


def _election_step(request: HttpRequest, uid: UUID, step: Any, done: str) -> HttpResponse:
    election = access_object(Election, request.user, uid, "change")
    return _step(request, election, step, done, election=election)


@login_required
@require_POST
def appoint_sole(request: HttpRequest, uid: UUID) -> HttpResponse:
    return _election_step(request, uid, actions.do_appoint_sole_candidate,
                          _("The sole candidate is appointed without a ballot."))


@login_required
@require_POST
def open_vote(request: HttpRequest, uid: UUID) -> HttpResponse:
    return _election_step(request, uid, voting.do_open_vote, _("The vote is open."))


@login_required
@require_POST
def close_vote(request: HttpRequest, uid: UUID) -> HttpResponse:
    return _election_step(request, uid, voting.do_close_vote,
                          _("The vote is closed and counted."))


@login_required
@require_POST
def publish(request: HttpRequest, uid: UUID) -> HttpResponse:
    return _election_step(request, uid, terms.do_publish_results,
                          _("The results are published to the organ."))
