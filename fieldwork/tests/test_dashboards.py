"""organization_dashboard() and unit_dashboard(): counts above the cell, never aliases."""

import pytest
from django.http import Http404

from fieldwork.actions import do_update_fieldwork_settings
from fieldwork.metrics import organization_dashboard, unit_dashboard
from fieldwork.tests.conftest import days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy(fw):
    do_update_fieldwork_settings(acting_user=None, organization=fw.world.orgs["rp"],
                                 data={"stale_days": 21})
    a1, a2, a3 = (fw.contact(f"c-d{n}") for n in range(3))
    fw.assess(a1, 1)
    fw.assess(a2, 4)
    fw.activity(days_ago(0), contacts=[a1])
    fw.activity(days_ago(1))
    fw.activity(days_ago(8))
    fw.activity(days_ago(200))
    school = fw.new_field("School 7", unit_key="cell_b", kind="school", strategic=True,
                          strategic_sector="education")
    fw.contact("c-s1", field=school)
    fw.new_field("Warehouse", unit_key="cell_c")
    return {"school": school}


def test_it_counts_a_committee_subtree_per_child_unit(fw, busy):
    board = unit_dashboard(fw.world.user("committee_member"), fw.world.units["north"])
    assert (board.title, board.fields, board.strategic_fields, board.contacts,
            board.assessed) == ("North Committee", 2, 1, 4, 2)
    assert board.assessed_share == pytest.approx(0.5)
    assert [w.activities for w in board.weeks][-2:] == [1, 2]
    assert sum(w.activities for w in board.weeks) == 3
    assert board.weeks[-1].end == days_ago(0) and board.weeks[0].start == days_ago(83)
    assert [f.name for f in board.stopped] == ["School 7"]
    units = {u.name: u for u in board.units}
    assert (units["Cell A"].fields, units["Cell A"].contacts, units["Cell A"].assessed,
            units["Cell A"].stopped) == (1, 3, 2, 0)
    assert (units["Cell B"].contacts, units["Cell B"].stopped) == (1, 1)
    assert "'c-d" not in repr(board)  # an alias, quoted: a uid may hold "c-d" by chance


def test_it_counts_what_the_user_sees_of_the_organization(fw, busy):
    rp = fw.world.orgs["rp"]
    mine = organization_dashboard(fw.secretary, rp)
    assert (mine.fields, mine.contacts, mine.assessed) == (1, 3, 2)
    assert [u.name for u in mine.units] == ["Cell A"]
    overseer = organization_dashboard(fw.world.user("overseer"), rp)
    assert (overseer.fields, overseer.contacts) == (2, 4)
    assert [u.name for u in overseer.units] == ["North Committee"]
    assert [f.name for f in overseer.stopped] == ["School 7"]


def test_it_requires_access(fw, busy):
    with pytest.raises(Http404):
        organization_dashboard(fw.world.user("outsider"), fw.world.orgs["rp"])
    with pytest.raises(Http404):
        organization_dashboard(fw.world.user("coalition_office"), fw.world.orgs["rp"])
    with pytest.raises(Http404):
        unit_dashboard(fw.secretary, fw.world.units["north"])
    with pytest.raises(Http404):
        unit_dashboard(fw.world.user("sibling_secretary"), fw.world.units["cell_a"])
