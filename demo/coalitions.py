"""The demo's resolutions, built through coalitions.actions from the seeds.

ICOR (003): the call drafted by the office with the resolution's own text (its six bullets
as numbered points), circulated to ICOR's members on 15 October 2022 with answers due by
30 November 2022; the 28 signatories' approvals entered by the office as answers received in
writing, one every day or two, the 28th on 28 November 2022 — the rule is 28 approvals, so
that one adopts it that day; TKP-ML signs later, on 5 December 2022. The circulation day, the
answers' days and TKP-ML's day are the demo's (the seed gives only "as of 28 November 2022"
and "subsequent"). A second, fictional ICOR draft is circulated today with a deadline in a
month, so that ``rmp`` (acting for the Russian Maoist Party) has an answer to give.

CIPOML (004): the three items at the end of the text as joint statements, recorded as issued
(the seed gives no dates).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from access.actions import do_grant_role
from access.models import Role
from accounts.models import User
from coalitions.actions import (
    do_circulate,
    do_draft_resolution,
    do_enter_written_answer,
    do_record_issued,
    do_set_adoption_rule,
    do_sign_later,
)
from coalitions.models import AdoptionRule, Answer, Circulation, CoalitionResolution
from demo.seeds import Seeds, read_seed
from organizations.models import Coalition, Organization

CIRCULATED_ON = date(2022, 10, 15)
DEADLINE = date(2022, 11, 30)
FIRST_ANSWER = date(2022, 10, 20)
LATER_SIGNED_ON = date(2022, 12, 5)
FICTIONAL_TITLE = "Solidarity with the striking dock workers (a fictional draft)"
FICTIONAL_TEXT = ("This draft is fictional, made for the demo: it is circulated so that the "
                  "member organizations have a resolution to answer.")


def icor_text(text: str) -> tuple[str, list[str]]:
    """The resolution's own text in 003 (after the office's letter, before the signatories):
    its paragraphs, and its bullets as the numbered points."""
    start = text.index("Down with the Mullah Regime!")
    end = text.index("Signatories (as of")
    paragraphs, points = [], []
    for line in text[start:end].splitlines():
        line = line.strip()
        if line.startswith("•"):
            points.append(line.lstrip("• ").strip())
        elif line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs), points


def cipoml_statements(text: str, titles: tuple[str, ...]) -> list[tuple[str, str]]:
    """(title, text) of each news item: the paragraph after its title line in 004."""
    found = []
    for title in titles:
        match = re.search(rf"^{re.escape(title)}\s*\n\s*\n(.+)$", text, re.M)
        found.append((title, match.group(1).strip() if match else title))
    return found


def _org(coalition: Coalition, acronym: str) -> Organization:
    return (Organization.objects.filter(coalition_memberships__coalition=coalition,
                                        acronym=acronym).order_by("pk").first()
            or Organization.objects.get(acronym=acronym, registered_by=coalition))


def _answer_days(count: int) -> list[date]:
    span = (date(2022, 11, 28) - FIRST_ANSWER).days
    return [FIRST_ANSWER + timedelta(days=round(i * span / max(count - 1, 1)))
            for i in range(count)]


def _build_icor(icor: Coalition, office: User, seeds: Seeds, text: str) -> int:
    res = seeds.icor
    created = 0
    if not AdoptionRule.objects.filter(coalition=icor).exists():
        do_set_adoption_rule(acting_user=office, coalition=icor, kind="approvals",
                             approvals=res.approvals)
        created += 1
    resolution = CoalitionResolution.objects.filter(coalition=icor, title=res.title).first()
    if resolution is None:
        body, points = icor_text(text)
        resolution = do_draft_resolution(acting_user=office, coalition=icor, title=res.title,
                                         language="en", body=body, points=points,
                                         on=CIRCULATED_ON - timedelta(days=5))
        created += 1
    circulation = Circulation.objects.filter(resolution=resolution).first()
    if circulation is None:
        circulation = do_circulate(acting_user=office, resolution=resolution,
                                   deadline=DEADLINE, on=CIRCULATED_ON)
        created += 1
    for signatory, day in zip(res.signatories, _answer_days(len(res.signatories)), strict=True):
        org = _org(icor, signatory.acronym)
        if not Answer.objects.filter(circulation=circulation, organization=org).exists():
            do_enter_written_answer(acting_user=office, circulation=circulation,
                                    organization=org, vote="approve", received_on=day)
            created += 1
    resolution.refresh_from_db()
    for later in res.later_signatories:
        org = _org(icor, later.acronym)
        if not resolution.signatories.filter(organization=org).exists():
            do_sign_later(acting_user=office, resolution=resolution, organization=org,
                          signed_on=LATER_SIGNED_ON)
            created += 1
    return created


def _build_fictional_draft(icor: Coalition, office: User, today: date) -> int:
    if CoalitionResolution.objects.filter(coalition=icor, title=FICTIONAL_TITLE).exists():
        return 0
    draft = do_draft_resolution(acting_user=office, coalition=icor, title=FICTIONAL_TITLE,
                                language="en", body=FICTIONAL_TEXT,
                                points=["Send greetings to the strikers.",
                                        "Report every action to the ICOR office."])
    circulation = do_circulate(acting_user=office, resolution=draft,
                               deadline=today + timedelta(days=30))
    for acronym in ("MLPD", "KOL"):
        do_enter_written_answer(acting_user=office, circulation=circulation,
                                organization=_org(icor, acronym), vote="approve",
                                received_on=today)
    return 4


def _rmp_acts_for_rmp() -> int:
    """The ``rmp`` login's role gets the international-work right (it is also the secretary
    of its party's top unit, which acts for it anyway)."""
    role = (Role.objects.active().filter(user__username="rmp",
                                         unit__name="RMP Central Committee")
            .select_related("user", "unit").first())
    if role is None or role.international_work:
        return 0
    do_grant_role(acting_user=None, user=role.user, unit=role.unit, kind=role.kind,
                  oversight=role.oversight, identity_access=role.identity_access,
                  international_work=True)
    return 1


def _build_cipoml(cipoml: Coalition, seeds: Seeds, text: str) -> int:
    created = 0
    for title, body in cipoml_statements(text, seeds.cipoml.skipped):
        if CoalitionResolution.objects.filter(coalition=cipoml, title=title).exists():
            continue
        statement = do_draft_resolution(acting_user=None, coalition=cipoml, title=title,
                                        language="en", body=body,
                                        kind=CoalitionResolution.Kind.JOINT_STATEMENT)
        do_record_issued(acting_user=None, resolution=statement)
        created += 1
    return created


def build_coalitions(seeds: Seeds, seeds_dir: Path, today: date,
                     say: Callable[[str], None] = lambda _m: None) -> int:
    """Create the resolutions and statements above; returns how many records it made."""
    icor = Coalition.objects.get(acronym="ICOR")
    office = User.objects.get(username="icor")
    created = _build_icor(icor, office, seeds, read_seed(seeds_dir, "003")[1])
    created += _build_fictional_draft(icor, office, today)
    created += _rmp_acts_for_rmp()
    created += _build_cipoml(Coalition.objects.get(acronym="CIPOML"), seeds,
                             read_seed(seeds_dir, "004")[1])
    if created:
        say(f"Resolutions: ICOR's call adopted with {seeds.icor.approvals} approvals, a "
            f"fictional draft circulated, {len(seeds.cipoml.skipped)} CIPOML statements.")
    return created
