"""Read pages of the organs: an organ's meetings, decisions and resolutions; a meeting (agenda,
attendance and quorum, motions); a motion with its count; a decision; a resolution and its
published copy; the audited reveal of a meeting's minutes.

Access: every record is loaded with ``access_object`` ("view" to read, "change" for a button's
POST, "reveal" for the minutes); people are named only when ``Person.objects.restrict`` gives
them to the reader. The form pages are in ``views_forms``."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.helpers import access_object, can
from access.scope import scope_for
from nucleus.web import error_text
from organizations.models import Unit
from organs import actions, rules
from organs.members import quorum_of
from organs.models import (
    Decision,
    Meeting,
    Motion,
    NamedVote,
    OrganRules,
    PublishedResolution,
    Resolution,
)
from organs.models.meetings import MajorityRule
from people.models import Person


def url_of(name: str, obj: object) -> str:
    return reverse(f"organs:{name}", kwargs={"uid": obj.uid})  # type: ignore[attr-defined]


@login_required
def organ(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    unit = access_object(Unit, user, uid)
    return render(request, "organs/organ.html", {
        "unit": unit, "rules": OrganRules.of(unit),
        "may_add": scope_for(user).sees_records_of(unit, "add"),
        "meetings": Meeting.objects.restrict(user).filter(unit=unit),
        "decisions": Decision.objects.restrict(user).filter(unit=unit),
        "resolutions": Resolution.objects.restrict(user).filter(unit=unit)})


def _visible_people(user: object) -> set[int]:
    return set(Person.objects.restrict(user).values_list("pk", flat=True))


@login_required
def meeting_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    meeting = access_object(Meeting, user, uid,
                            queryset=Meeting.objects.restrict(user).select_related("unit"))
    seen = _visible_people(user)
    attendance = [a for a in meeting.attendance.select_related("person")
                  if a.person_id in seen]
    motions = Motion.objects.restrict(user).filter(agenda_item__meeting=meeting)
    agenda = [(item, [m for m in motions if m.agenda_item_id == item.pk])
              for item in meeting.agenda.all()]
    return render(request, "organs/meeting_detail.html", {
        "meeting": meeting, "unit": meeting.unit, "agenda": agenda,
        "attendance": attendance, "quorum": quorum_of(meeting),
        "can_change": can(user, Meeting, meeting, "change"),
        "can_reveal": meeting.has_minutes and can(user, Meeting, meeting, "reveal")})


@login_required
@require_POST
def meeting_minutes(request: HttpRequest, uid: UUID) -> HttpResponse:
    meeting = access_object(Meeting, request.user, uid, "reveal")
    minutes = actions.reveal_minutes(acting_user=request.user, meeting=meeting)
    return render(request, "organs/minutes.html", {"meeting": meeting, "unit": meeting.unit,
                                                   "minutes": minutes})


@login_required
def motion_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    motion = access_object(Motion, user, uid, queryset=Motion.objects.restrict(user)
                           .select_related("agenda_item__meeting__unit", "amends"))
    seen = _visible_people(user)
    rule = actions.motions.rule_of(motion)
    decision = Decision.objects.restrict(user).filter(motion=motion).first()
    return render(request, "organs/motion_detail.html", {
        "motion": motion, "meeting": motion.agenda_item.meeting,
        "unit": motion.agenda_item.meeting.unit,
        "proposer": motion.proposer if motion.proposer_id in seen else None,
        "rule": rule, "rule_label": MajorityRule(rule).label,
        "needed": rules.votes_needed(rule, against=motion.votes_against or 0,
                                     members=motion.voting_members or 0),
        "named_votes": [v for v in NamedVote.objects.filter(motion=motion)
                        .select_related("person") if v.person_id in seen],
        "amendments": Motion.objects.restrict(user).filter(amends=motion),
        "decision": decision, "quorum": quorum_of(motion.agenda_item.meeting),
        "can_change": can(user, Motion, motion, "change")})


@login_required
@require_POST
def motion_withdraw(request: HttpRequest, uid: UUID) -> HttpResponse:
    motion = access_object(Motion, request.user, uid, "change")
    try:
        actions.do_withdraw_motion(acting_user=request.user, motion=motion)
        messages.success(request, _("The motion is withdrawn."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return HttpResponseRedirect(url_of("motion_detail", motion))


@login_required
def decision_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    decision = access_object(Decision, user, uid, queryset=Decision.objects.restrict(user)
                             .select_related("unit", "motion__agenda_item__meeting"))
    return render(request, "organs/decision_detail.html", {
        "decision": decision, "unit": decision.unit,
        "resolutions": Resolution.objects.restrict(user).filter(decision=decision)})


@login_required
def resolution_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    user = request.user
    resolution = access_object(Resolution, user, uid, queryset=Resolution.objects
                               .restrict(user).select_related("unit", "decision", "published"))
    return render(request, "organs/resolution_detail.html", {
        "resolution": resolution, "unit": resolution.unit,
        "points": resolution.points.all(), "about": resolution.about.all(),
        "can_change": can(user, Resolution, resolution, "change")})


@login_required
@require_POST
def resolution_publish(request: HttpRequest, uid: UUID) -> HttpResponse:
    resolution = access_object(Resolution, request.user, uid, "change")
    try:
        actions.do_publish_resolution(acting_user=request.user, resolution=resolution)
        messages.success(request, _("The resolution is published on the organization's "
                                    "profile."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return HttpResponseRedirect(url_of("resolution_detail", resolution))


@login_required
def published_detail(request: HttpRequest, uid: UUID) -> HttpResponse:
    published = access_object(PublishedResolution, request.user, uid,
                              queryset=PublishedResolution.objects.restrict(request.user)
                              .select_related("organization"))
    return render(request, "organs/published_detail.html", {
        "published": published, "org": published.organization,
        "points": published.points.all(), "about": published.about.all()})
