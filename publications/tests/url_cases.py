"""URL patterns of the periodical pages and API (see tests/url_walk.py), and the periodicals
the walk needs: one of the Red Party (published by its North Committee), one of the Other
Party and one of the profile a coalition office keeps, each with an issue, so that every
reader has one inside and one outside their scope; the Red Party's and the Other Party's
have an issue in preparation on their editorial unit (the North Committee, the Other Party's
congress), in preparation so that a walk's publish is refused and changes nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from organizations.models import Organization
from publications.models import Issue, IssueDraft, Periodical
from tests.url_walk import Case

CASES = {
    "publications:continuity": Case(model=Organization),
    "publications:periodical_create": Case(model=Organization, action="change"),
    "publications:periodical_detail": Case(model=Periodical),
    "publications:periodical_edit": Case(model=Periodical, action="change"),
    "publications:edition_add": Case(model=Periodical, action="change"),
    "publications:status_add": Case(model=Periodical, action="change"),
    "publications:issue_add": Case(model=Periodical, action="change"),
    # Seen by whoever sees the periodical: those outside its editorial unit get a notice.
    "publications:draft_add": Case(model=Periodical),
    "publications:draft_edit": Case(model=IssueDraft, action="change"),
    "publications:draft_publish": Case(model=IssueDraft, action="change", method="POST"),
    "publications:issue_detail": Case(model=Issue),
    # An issue without a file sends its reader back to the issue.
    "publications:issue_file": Case(model=Issue),
    "periodical-list": Case(model=None),
    "periodical-detail": Case(model=Periodical),
    "issue-list": Case(model=None),
    "issue-detail": Case(model=Issue),
}


def extend_world(world) -> None:
    from publications.actions import do_add_issue, do_add_status, do_create_periodical
    from publications.drafts import do_create_draft

    today = timezone.localdate()
    for org_key, title, unit_key in (("rp", "Red Dawn", "north"), ("op", "Other Voice", None),
                                     ("profile", "Profile Letter", None)):
        periodical = do_create_periodical(
            acting_user=None, organization=world.orgs[org_key],
            data={"title": title, "kind": "newspaper", "languages": ["fa"],
                  "publishing_unit": world.units[unit_key] if unit_key else None})
        do_add_status(acting_user=None, periodical=periodical,
                      data={"status": "current", "frequency": "weekly",
                            "weekday": today.weekday()})
        do_add_issue(acting_user=None, edition=periodical.editions.get(),
                     data={"number": 1, "published_on": today - timedelta(days=7)})
        if org_key != "profile":
            do_create_draft(acting_user=None, periodical=periodical,
                            data={"edition": periodical.editions.get(), "number": 2})
