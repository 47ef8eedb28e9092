"""Publishing a ready issue in preparation: it becomes the issue that appeared (the same
checks as adding one), the draft goes, and the continuity counts it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from publications.actions import do_add_issue, do_add_status
from publications.drafts import do_create_draft
from publications.models import Article, Issue, IssueDraft
from publications.reports import NO_ISSUES, periodicals_continuity
from publications.tests.helpers import periodical, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin(world):
    paper = periodical(world.orgs["rp"], "Cell Bulletin", publishing_unit=world.units["cell_a"])
    do_add_status(acting_user=None, periodical=paper,
                  data={"status": "current", "frequency": "weekly",
                        "weekday": timezone.localdate().weekday()})
    return paper


def _draft(bulletin, **data):
    return do_create_draft(acting_user=None, periodical=bulletin, data={
        "edition": bulletin.editions.get(), "number": 5, "status": "ready",
        "planned_on": timezone.localdate(), "contents": "Wages | A. Kargar\nThe strike",
        **data})


def test_it_publishes_the_unit_secretarys_issue(world, login, bulletin):
    draft = _draft(bulletin)
    [[before]] = [r.editions for r in periodicals_continuity([bulletin])]
    assert before.state == NO_ISSUES
    client = login(world.user("cell_secretary"))
    response = client.post(url("draft_publish", draft))
    issue = Issue.objects.get()
    assert response.status_code == 302 and response.url == url("issue_detail", issue)
    assert (issue.edition, issue.number, issue.published_on) == (
        bulletin.editions.get(), 5, timezone.localdate())
    assert list(issue.articles.values_list("position", "title", "pen_name")) == [
        (1, "Wages", "A. Kargar"), (2, "The strike", "")]
    assert not IssueDraft.objects.exists()
    assert AuditEvent.objects.filter(model="publications.IssueDraft", action="delete").exists()
    assert AuditEvent.objects.filter(model="publications.Issue", action="create").exists()
    # A public fact now: in the continuity, and on the periodical's page.
    [report] = periodicals_continuity([bulletin])
    [edition] = report.editions
    assert edition.state != NO_ISSUES and edition.report is not None
    assert edition.report.last_issue == issue.published_on
    page = client.get(url("periodical_detail", bulletin)).content.decode()
    assert url("issue_detail", issue) in page and url("draft_edit", draft) not in page


def test_it_refuses_a_number_already_recorded_and_changes_nothing(world, login, bulletin):
    do_add_issue(acting_user=None, edition=bulletin.editions.get(),
                 data={"number": 5, "published_on": timezone.localdate() - timedelta(days=7)})
    draft = _draft(bulletin)
    client = login(world.user("cell_secretary"))
    events = AuditEvent.objects.count()
    response = client.post(url("draft_publish", draft), follow=True)
    assert "Issue number 5 of this edition is already recorded." in response.content.decode()
    assert Issue.objects.count() == 1 and not Article.objects.exists()
    assert IssueDraft.objects.get() == draft and AuditEvent.objects.count() == events


def test_it_refuses_a_draft_not_ready_or_dated_in_the_future(world, login, bulletin):
    client = login(world.user("cell_secretary"))
    for data in ({"status": "preparing"},
                 {"planned_on": timezone.localdate() + timedelta(days=1)}):
        IssueDraft.objects.all().delete()
        client.post(url("draft_publish", _draft(bulletin, **data)))
        assert IssueDraft.objects.count() == 1 and not Issue.objects.exists()


def test_it_404s_for_who_does_not_hold_the_unit(world, login, bulletin):
    draft = _draft(bulletin)
    for name in ("sibling_secretary", "outsider"):
        assert login(world.user(name)).post(url("draft_publish", draft)).status_code == 404
    assert IssueDraft.objects.count() == 1 and not Issue.objects.exists()
