"""``Anchor(RECORD, ..., sent_up=...)``: a record its unit sent up is read by the roles of the
unit directly above, and by nobody else who did not see it before (access/scope.py,
``Scope.sent_up_q``). Shown on reviews, the records that declare it."""

import pytest
from django.db.models import Q

from access.actions import do_grant_role
from access.anchor import ROLE, STRUCTURE, Anchor
from access.scope import NOTHING, scope_for
from accounts.models import User
from reviews.models import Finding, Measure, Review
from reviews.tests.world import review_with_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(world):
    """Cell A's review with its finding and measure, concluded but not yet sent up."""
    review, finding, measure = review_with_measure(
        world, "a", "cell_a", "cell_secretary", "alias-cella-1", start=90, end=1, due=-30)
    Review.objects.filter(pk=review.pk).update(status="concluded")
    return review, finding, measure


def _sees(user, rows, action="view") -> list[bool]:
    return [type(r).objects.restrict(user, action).filter(pk=r.pk).exists() for r in rows]


def _send_up(review) -> None:
    from django.utils import timezone

    Review.objects.filter(pk=review.pk).update(status="sent_up", sent_up_at=timezone.now())


def test_it_refuses_sent_up_on_anything_but_a_units_record():
    for kind in (STRUCTURE, ROLE):
        with pytest.raises(ValueError, match="sent up"):
            Anchor(kind, "unit", sent_up="sent_up_at")


def test_it_shows_the_unit_above_only_counts_until_the_record_is_sent_up(world, sent):
    committee = world.user("committee_member")  # North, no oversight: the unit above Cell A
    assert _sees(committee, sent) == [False, False, False]
    assert Review.objects.countable(committee).filter(pk=sent[0].pk).exists()
    _send_up(sent[0])
    assert _sees(committee, sent) == [True, True, True]
    # Read, never written.
    for action in ("add", "change", "delete", "reveal"):
        assert _sees(committee, sent, action) == [False, False, False], action


def test_it_shows_a_sent_record_to_nobody_else(world, sent):
    founder = User.objects.get(username="founder")
    above = User.objects.create_user("cc_member")
    do_grant_role(acting_user=founder, user=above, unit=world.units["rp_cc"], kind="secretary")
    _send_up(sent[0])
    for name in ("sibling_secretary", "outsider", "coalition_office"):
        assert _sees(world.user(name), sent) == [False, False, False], name
    # The Central Committee is two levels above Cell A: it still only counts.
    assert _sees(above, sent) == [False, False, False]
    assert Review.objects.countable(above).filter(pk=sent[0].pk).exists()
    assert not Review.objects.restrict(None).exists()


def test_it_changes_nothing_for_the_units_own_roles_and_oversight(world, sent):
    readers = ("cell_secretary", "cell_member", "overseer")
    before = {name: _sees(world.user(name), sent) for name in readers}
    _send_up(sent[0])
    assert before == {name: _sees(world.user(name), sent) for name in readers} == {
        name: [True, True, True] for name in readers}
    assert _sees(world.user("cell_secretary"), sent, "change") == [True, True, True]
    assert _sees(world.user("overseer"), sent, "change") == [False, False, False]


def test_it_builds_the_filter_from_the_declaration_alone(world):
    scope = scope_for(world.user("committee_member"))
    north = world.units["north"].pk
    q = scope.sent_up_q("finding__review__unit__", "finding__review__sent_up_at")
    assert q == Q(finding__review__unit__parent_id__in={north},
                  finding__review__sent_up_at__isnull=False)
    assert scope_for(world.user("coalition_office")).sent_up_q("unit__", "sent_up_at") == NOTHING
    assert Measure.anchor.sent_up == "finding__review__sent_up_at"
    assert Finding.anchor.sent_up == "review__sent_up_at"
