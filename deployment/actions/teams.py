"""Temporary teams come to an end: their assignments end and the suspended ones return."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from audit.log import record, snapshot
from deployment.models import (
    DeploymentAssignment,
    TemporaryTeam,
)
from organizations.models import Unit
from people.models import Person

# --- temporary teams come to an end ---

def dissolve_expired_teams(today: date | None = None, *, unit: Unit | None = None,
                           acting_user=None) -> int:
    """Dissolve the teams whose end date has come (only those of ``unit``'s subtree when
    given): their assignments end at the end date and the assignments they suspended are
    restored. Each team in its own transaction; returns how many were dissolved."""
    today = today or timezone.localdate()
    teams = TemporaryTeam.objects.filter(dissolved_on=None, end_date__lte=today)
    if unit is not None:
        teams = teams.filter(unit__path__startswith=unit.path)
    count = 0
    for team_id in teams.values_list("pk", flat=True):
        if _dissolve(team_id, today, acting_user):
            count += 1
    return count


@transaction.atomic
def _dissolve(team_id: int, today: date, acting_user) -> bool:
    team = TemporaryTeam.objects.select_for_update().filter(pk=team_id, dissolved_on=None).first()
    if team is None:
        return False
    end, now = team.end_date, timezone.now()
    for a in team.assignments.filter(until=None).select_related("member"):
        before = snapshot(a)
        a.until, a.ended_at = max(end, a.since), now
        a.save(update_fields=["until", "ended_at"])
        record(actor=acting_user, action="update", obj=a, before=before)
    gone = [Person.Status.LEFT, Person.Status.SUSPENDED]
    for old in team.suspended_assignments.select_related("member", "field"):
        # A suspended assignment always names its field (only team assignments have none).
        if old.member.status in gone or DeploymentAssignment.objects.filter(
                member_id=old.member_id, field=old.field, until=None).exists():
            continue
        back = DeploymentAssignment(member=old.member, field_id=old.field_id,
                                    since=max(end, old.until or end))
        back.full_clean()
        back.save()
        record(actor=acting_user, action="create", obj=back)
    before = snapshot(team)
    team.dissolved_on = today
    team.save(update_fields=["dissolved_on"])
    record(actor=acting_user, action="update", obj=team, before=before)
    return True
