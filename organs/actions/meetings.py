"""Meetings of an organ: holding one, its agenda, the attendance of its members, its sealed
minutes (read by an audited reveal), and the organ's rules."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import record, snapshot
from organizations.models import Unit
from organs.members import members_of
from organs.models import AgendaItem, Attendance, Meeting, OrganRules
from people.models import Person

MEETING_FIELDS = ("held_on", "date_precision", "kind", "status")
RULES_FIELDS = ("quorum", "majority")


def _set_minutes(meeting: Meeting, data: dict[str, Any]) -> bool:
    """Minutes given (an empty input keeps the stored text, as with every sealed column)."""
    minutes = (data.get("minutes") or "").strip()
    if not minutes:
        return False
    if len(minutes) > Meeting.MINUTES_MAX:
        raise ValidationError({"minutes": _("The minutes are too long.")})
    meeting.seal_minutes(minutes)
    return True


def _check_held(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.HELD and meeting.held_on > timezone.localdate():
        raise ValidationError({"status": _("A meeting in the future cannot have been held.")})


@transaction.atomic
def do_create_meeting(*, acting_user: Any, unit: Unit, data: dict[str, Any]) -> Meeting:
    meeting = Meeting(unit=unit, **{k: v for k, v in data.items() if k in MEETING_FIELDS})
    meeting.full_clean()
    _check_held(meeting)
    sealed = _set_minutes(meeting, data)
    meeting.save()
    record(actor=acting_user, action="create", obj=meeting,
           fields=["minutes"] if sealed else [])
    return meeting


@transaction.atomic
def do_update_meeting(*, acting_user: Any, meeting: Meeting, data: dict[str, Any]) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    before = snapshot(meeting)
    for key in MEETING_FIELDS:
        if key in data:
            setattr(meeting, key, data[key])
    meeting.full_clean()
    _check_held(meeting)
    sealed = _set_minutes(meeting, data)
    meeting.save()
    record(actor=acting_user, action="update", obj=meeting, before=before,
           fields=["minutes"] if sealed else [])
    return meeting


def reveal_minutes(*, acting_user: Any, meeting: Meeting) -> str:
    """The decrypted minutes, for a user with the reveal right on the organ (404 otherwise,
    as for a missing meeting); every read leaves an audit row, never the text."""
    if not Meeting.objects.restrict(acting_user, "reveal").filter(pk=meeting.pk).exists():
        raise Http404("No meeting matches the given query.")
    text = meeting.unseal_minutes()
    if text:
        record(actor=acting_user, action="reveal", obj=meeting, fields=["minutes"])
    return text


@transaction.atomic
def do_add_agenda_item(*, acting_user: Any, meeting: Meeting, data: dict[str, Any]
                       ) -> AgendaItem:
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(n=Max("position"))["n"]
    item = AgendaItem(meeting=meeting, position=int(last or 0) + 1,
                      title=(data.get("title") or "").strip())
    item.full_clean()
    item.save()
    record(actor=acting_user, action="create", obj=item)
    return item


@transaction.atomic
def do_set_attendance(*, acting_user: Any, meeting: Meeting,
                      presences: dict[Person, str]) -> list[Attendance]:
    """Each member's attendance (present, excused, absent): every person must be a member
    of the organ; a member left out keeps what was recorded."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    members = set(members_of(meeting.unit).values_list("pk", flat=True))
    if any(p.pk not in members for p in presences):
        raise ValidationError(_("Only members of the organ have an attendance at its "
                                "meetings."), code="not_a_member")
    rows = []
    for person, presence in presences.items():
        row = Attendance.objects.filter(meeting=meeting, person=person).first()
        if row is None:
            row = Attendance(meeting=meeting, person=person, presence=presence)
            row.full_clean()
            row.save()
            record(actor=acting_user, action="create", obj=row)
        elif row.presence != presence:
            before = snapshot(row)
            row.presence = presence
            row.full_clean()
            row.save()
            record(actor=acting_user, action="update", obj=row, before=before)
        rows.append(row)
    return rows


@transaction.atomic
def do_set_organ_rules(*, acting_user: Any, unit: Unit, data: dict[str, Any]) -> OrganRules:
    rules = OrganRules.objects.select_for_update().filter(unit=unit).first()
    before = snapshot(rules) if rules else None
    rules = rules or OrganRules(unit=unit)
    for key in RULES_FIELDS:
        if key in data:
            setattr(rules, key, data[key])
    rules.full_clean()
    rules.save()
    if before is None:
        record(actor=acting_user, action="create", obj=rules)
    else:
        record(actor=acting_user, action="update", obj=rules, before=before)
    return rules
