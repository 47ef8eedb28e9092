"""Which object each review URL is about, for tests/test_url_access.py.

``extend_world`` adds the reviews of reviews/tests/world.py: Cell A's review sent up to the
North Committee (read there by the committee member without oversight), drafts of Cell A,
Cell B and the Other Party's Cell X, each with a finding and a measure.
"""

from organizations.models import Unit
from reviews.models import Finding, Measure, Review
from tests.url_walk import Case

CASES = {
    # A unit's reviews and the committee's counts are about a unit seen as structure; what
    # they list is restricted further (readable reviews), the rest are numbers.
    "reviews:unit_reviews": Case(model=Unit, action="view"),
    "reviews:overview": Case(model=Unit, action="view"),
    # Preparing needs the right to add records to the unit itself (secretaries and
    # organizers; the cast holds no organizer, so this is Unit's "add").
    "reviews:prepare": Case(model=Unit, action="add"),
    "reviews:review_detail": Case(model=Review, action="view"),
    "reviews:review_edit": Case(model=Review, action="change"),
    "reviews:review_figures": Case(model=Review, action="change", method="POST"),
    "reviews:review_conclude": Case(model=Review, action="change", method="POST"),
    "reviews:review_send_up": Case(model=Review, action="change", method="POST"),
    "reviews:finding_create": Case(model=Review, action="change"),
    "reviews:finding_edit": Case(model=Finding, action="change"),
    "reviews:measure_create": Case(model=Finding, action="change"),
    "reviews:measure_edit": Case(model=Measure, action="change"),
    "reviews:measure_follow_up": Case(model=Measure, action="change"),
}


def extend_world(world) -> None:
    from reviews.tests.world import add_review_world

    world.reviews = add_review_world(world)
