"""manage.py plan_deployment --unit ID --user NAME [--time-limit S] [--stability W] [--apply]

Plans a committee's forces as the given user (the same access layer as the pages), prints
the plan, its quality (objective, bound, gap, greedy) and the difference from the deployment
in force, and with --apply puts it in force.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from deployment import services
from deployment.actions import do_apply_plan, do_start_run
from deployment.models import PlannedAssignment, PlanRun
from organizations.models import Unit

NOT_FOUND = "Unknown unit or user (or the unit is outside the user's scope)."


def resolve(unit_id: int, username: str) -> tuple[Unit, object]:
    """The user and a unit they see; unknown and out-of-scope fail with the same message."""
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    unit = Unit.objects.restrict(user).filter(pk=unit_id).first() if user else None
    if user is None or unit is None:
        raise CommandError(NOT_FOUND)
    return unit, user


class Command(BaseCommand):
    help = "Plan the deployment of a committee's forces and print the plan."

    def add_arguments(self, parser):
        parser.add_argument("--unit", type=int, required=True, help="id of the committee")
        parser.add_argument("--user", required=True, help="plan as this user (their scope)")
        parser.add_argument("--time-limit", type=float, default=services.DEFAULT_TIME_LIMIT_S,
                            help="seconds for the solver (default %(default)s)")
        parser.add_argument("--stability", type=float,
                            default=services.DEFAULT_STABILITY_WEIGHT,
                            help="worth of keeping a current assignment (default %(default)s)")
        parser.add_argument("--apply", action="store_true", help="put the plan in force")

    def handle(self, *args, **options):
        unit, user = resolve(options["unit"], options["user"])
        try:
            run = do_start_run(acting_user=user, unit=unit, time_limit_s=options["time_limit"],
                               stability_weight=options["stability"], inline=True)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        names = self._names(user, run)
        if run.status != PlanRun.Status.DONE:
            raise CommandError(f"Plan #{run.short_uid} failed: {names.humanize(run.error_message)}")
        self._print(run, names)
        if options["apply"]:
            try:
                do_apply_plan(acting_user=user, run=run)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            self.stdout.write(f"Plan #{run.short_uid} applied.")

    def _names(self, user, run: PlanRun) -> services.Names:
        data = run.params.get("instance") or {}
        return services.names_for(user, member_ids=[m["id"] for m in data.get("members", [])],
                                  field_ids=[f["id"] for f in data.get("fields", [])],
                                  team=run.team)

    def _print(self, run: PlanRun, names: services.Names) -> None:
        out = self.stdout
        gap = "n/a" if run.gap is None else f"{run.gap * 100:.2f}%"
        bound = "n/a" if run.bound is None else f"{run.bound:.3f}"
        out.write(f"Plan #{run.short_uid} for {run.unit.name}: {run.message}")
        out.write(f"objective {run.objective:.3f}, bound {bound}, gap {gap}, "
                  f"greedy {run.greedy_objective:.3f}, {run.solve_seconds:.1f} s "
                  f"({run.solver_status})")
        team_id = run.team_field_id
        for pa in (PlannedAssignment.objects.filter(run=run).select_related("member")
                   .order_by("field_id", "member__alias")):
            field = pa.field_id if pa.field_id is not None else team_id
            assert field is not None  # rows without a field exist only in a team's run
            state = "kept" if pa.kept else "new"
            out.write(f"  {names.member_name(pa.member_id)} -> {names.field_name(field)} "
                      f"[{state}]: {names.explain(pa.reasons, pa.explanation)}")
        diff = run.diff or {}
        for key, label in (("fields_gained", "fields gained"), ("fields_lost", "fields lost")):
            items = ", ".join(names.field_name(f) for f in diff.get(key, [])) or "none"
            out.write(f"{label}: {items}")
        moved = ", ".join(names.member_name(m) for m in diff.get("members_moved", [])) or "none"
        out.write(f"members moved: {moved}")
        for fid, reasons in (run.unstaffed or {}).items():
            out.write(f"not staffed: {names.field_name(int(fid))}: "
                      + "; ".join(names.humanize(r) for r in reasons))
