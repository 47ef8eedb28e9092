"""URL patterns of secret ballots (see tests/url_walk.py), and the boxes the walk needs: an
open box with a waiting paper count in Cell A, Cell B and the Other Party's Cell X, each
opened by its secretary, so that every reader has one inside and outside their scope."""

from __future__ import annotations

from ballots.models import BallotBox, PaperCount
from organizations.models import Unit
from organs.models import Motion
from tests.url_walk import Case

CASES = {
    # Any unit the reader sees; the boxes listed are those of the records it sees.
    "ballots:unit_boxes": Case(model=Unit, action="view"),
    "ballots:open_box": Case(model=Unit, action="add"),
    "ballots:box": Case(model=BallotBox, action="view"),
    # A voter without a role on the organ casts too (tested in test_view_cast.py); the walk
    # checks the organ's readers and that everyone else gets 404.
    "ballots:cast": Case(model=BallotBox, action="view"),
    "ballots:close": Case(model=BallotBox, action="change"),
    "ballots:paper_first": Case(model=BallotBox, action="change"),
    "ballots:paper_second": Case(model=PaperCount, action="change"),
    "ballots:motion_ballot": Case(model=Motion, action="change"),
}

BOXES = (("cell_a", "cell_secretary"), ("cell_b", "sibling_secretary"), ("cell_x", "outsider"))


def extend_world(world) -> None:
    from ballots.actions import do_open_box
    from ballots.electorate import organ_voter_keys
    from ballots.paper import do_enter_first_count

    for unit_key, secretary in BOXES:
        unit = world.units[unit_key]
        box = do_open_box(acting_user=world.user(secretary), unit=unit, label="Cell bureau",
                          method="stv", seats=1, electorate=organ_voter_keys(unit),
                          options=[{"key": "a", "label": "First"},
                                   {"key": "b", "label": "Second"}])
        do_enter_first_count(acting_user=world.user(secretary), box=box, text="A B\nB\n")

CASES.update({
    "ballot-box-list": Case(model=None),
    "ballot-box-detail": Case(model=BallotBox),
    # An empty POST: 400 for the organ's readers (no marks), 404 for everyone else.
    "ballot-box-cast": Case(model=BallotBox, method="POST"),
    "paper-count-list": Case(model=None),
    "paper-count-detail": Case(model=PaperCount, action="change"),
    "paper-count-second": Case(model=PaperCount, action="change", method="POST"),
})
