"""The pages of ballots: an organ's boxes, a box (turnout while open, the count once
closed), casting, closing, and the two tellers' entries of paper ballots.

Access: a box and its paper counts are the organ's records (``access_object`` on the
anchor). Casting is the one exception: a voter of the box's electorate may cast without a
role on the organ (a congress delegate), so the cast page also finds the box by the user's
voter keys; anyone else outside the organ's records gets 404, as for a missing box.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from access import dbwall
from access.helpers import access_object, can
from ballots import paper
from ballots.actions import (
    do_cast_ballot,
    do_close_box,
    do_open_box,
    turnout,
    voter_key_in,
)
from ballots.electorate import box_for_voter, organ_voter_keys
from ballots.forms import CastForm, ConfirmForm, OpenBoxForm, PaperEntryForm
from ballots.marks import option_codes
from ballots.models import BallotBox, PaperCount, VoterMark
from ballots.motions import do_open_motion_ballot
from ballots.results import count_box, lines_of, rounds_of
from nucleus.web import ActionFormView, Done, add_action_errors, bound, run_form
from organizations.models import Unit
from organs.models import Motion


def box_url(box: BallotBox) -> str:
    return reverse("ballots:box", kwargs={"uid": box.uid})


def _organ(user: Any, uid: UUID, action: str = "view") -> Unit:
    return access_object(Unit, user, uid, queryset=Unit.objects.holding_records(user, action))


@login_required
def unit_boxes(request: HttpRequest, uid: UUID) -> HttpResponse:
    """Any unit the user sees: its boxes as far as the user sees the unit's records."""
    unit = access_object(Unit, request.user, uid)
    boxes = BallotBox.objects.restrict(request.user).filter(unit=unit).order_by("-created_at")
    may_open = Unit.objects.holding_records(request.user, "add").filter(pk=unit.pk).exists()
    return render(request, "ballots/unit_boxes.html",
                  {"unit": unit, "boxes": boxes, "may_open": may_open})


class OpenBoxView(ActionFormView):
    """uid is the organ. The electorate is its voting members at this moment."""

    form_class = OpenBoxForm
    heading = _("Open a secret ballot")

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated:
            self.object = _organ(request.user, kwargs["uid"], "add")
        return super().dispatch(request, *args, **kwargs)

    def get_cancel_url(self) -> str:
        return reverse("ballots:unit_boxes", kwargs={"uid": self.object.uid})

    def get_notice(self) -> str:
        return _("The voters are the organ's members with full membership, as they are now; "
                 "candidate members have a voice, no vote.")

    def perform(self, form: OpenBoxForm) -> Done:
        data = form.cleaned_data
        box = do_open_box(acting_user=self.request.user, unit=self.object,
                          label=data["label"], method=data["method"],
                          options=form.option_list(), seats=data["seats"],
                          rule=data["rule"], electorate=organ_voter_keys(self.object))
        return Done(box_url(box), _("The ballot is open."))


@login_required
@never_cache
def box_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    box = access_object(BallotBox, request.user, uid)
    may_change = can(request.user, BallotBox, box, "change")
    result = count_box(box)
    return render(request, "ballots/box.html", {
        "box": box, "result": result, "turnout": turnout(box),
        "lines": lines_of(result) if result else [],
        "rounds": rounds_of(result) if result else [],
        "electorate": len(box.electorate), "labels": box.option_labels(),
        "may_change": may_change, "is_voter": voter_key_in(box, request.user) is not None,
        "paper_counts": box.paper_counts.order_by("-created_at") if may_change else ()})


@login_required
@never_cache
def cast(request: HttpRequest, uid: UUID) -> HttpResponse:
    box = box_for_voter(request.user, uid)
    key = voter_key_in(box, request.user)
    with dbwall.system_scope():  # a delegate's own mark, past the wall (as in the action)
        voted = key is not None and VoterMark.objects.filter(box=box, voter_key=key).exists()
    form = CastForm(bound(request), box=box)

    def perform() -> Done:
        do_cast_ballot(acting_user=request.user, box=box, marks=form.marks())
        return Done(request.path, _("Your ballot is in the box."))

    if key is not None and not voted:
        response = run_form(request, form, perform)
        if response is not None:
            return response
    return render(request, "ballots/cast.html", {
        "box": box, "form": form, "is_voter": key is not None, "voted": voted,
        "open": box.is_open, "sees_box": can(request.user, BallotBox, box, "view")})


class CloseBoxView(ActionFormView):
    form_class = ConfirmForm
    scoped_model = BallotBox
    scoped_action = "change"
    heading = _("Close the ballot")

    def get_cancel_url(self) -> str:
        return box_url(self.object)

    def get_notice(self) -> str:
        return _("No more votes are taken once it is closed; the ballots are then counted.")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(submit=_("Close and count"), **kwargs)

    def perform(self, form: ConfirmForm) -> Done:
        do_close_box(acting_user=self.request.user, box=self.object)
        return Done(box_url(self.object), _("The ballot is closed and counted."))


class MotionBallotView(ActionFormView):
    """uid is a motion voted by secret ballot: its box, or a button that opens it."""

    form_class = ConfirmForm
    scoped_model = Motion
    scoped_action = "change"
    heading = _("Open the secret ballot on this motion")

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        box = BallotBox.objects.filter(motion=self.object).first()
        if box is not None:
            return HttpResponseRedirect(box_url(box))
        return super().get(request, *args, **kwargs)

    def get_cancel_url(self) -> str:
        return reverse("organs:motion_detail", kwargs={"uid": self.object.uid})

    def get_notice(self) -> str:
        return _("The voters are the organ's voting members present at the meeting. Closing "
                 "the ballot counts it and decides the motion by its majority rule.")

    def perform(self, form: ConfirmForm) -> Done:
        box = do_open_motion_ballot(acting_user=self.request.user, motion=self.object)
        return Done(box_url(box), _("The ballot is open."))


def _paper_context(box: BallotBox) -> dict[str, Any]:
    labels = box.option_labels()
    return {"box": box, "codes": [(code, labels[key]) for code, key in
                                  option_codes(box).items()]}


@login_required
def paper_first(request: HttpRequest, uid: UUID) -> HttpResponse:
    """The first teller's entry of a stack of paper ballots."""
    box = access_object(BallotBox, request.user, uid, "change")
    form = PaperEntryForm(bound(request))

    def perform() -> Done:
        count = paper.do_enter_first_count(acting_user=request.user, box=box,
                                           text=form.cleaned_data["ballots"])
        return Done(reverse("ballots:paper_second", kwargs={"uid": count.uid}), _(
            "Entered. Another teller now enters the same ballots again."))

    return run_form(request, form, perform) or render(
        request, "ballots/paper_first.html", {**_paper_context(box), "form": form})


@login_required
def paper_second(request: HttpRequest, uid: UUID) -> HttpResponse:
    """A paper count: the second teller's entry, or its outcome."""
    count = access_object(PaperCount, request.user, uid, "change")
    form = PaperEntryForm(bound(request))
    if (count.status == PaperCount.Status.WAITING and request.user.pk != count.teller_a_id
            and form.is_bound and form.is_valid()):
        try:
            # Not inside the form runner's transaction: a disagreement is kept for the recount.
            paper.do_enter_second_count(acting_user=request.user, count=count,
                                        text=form.cleaned_data["ballots"])
        except paper.PaperCountRefused as refusal:
            count = refusal.count
            add_action_errors(form, refusal)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("The two entries agree: the paper ballots are in "
                                        "the box."))
            return HttpResponseRedirect(box_url(count.box))
    return render(request, "ballots/paper_second.html", {
        **_paper_context(count.box), "count": count, "form": form,
        "is_first_teller": request.user.pk == count.teller_a_id})
