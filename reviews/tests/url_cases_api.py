"""Access cases for the reviews' REST endpoints (names from nucleus/api_urls.py)."""

from reviews.models import Finding, Measure, Review
from tests.url_walk import Case

CASES = {
    "review-list": Case(model=None),
    "review-detail": Case(model=Review),
    "review-conclude": Case(model=Review, action="change", method="POST"),
    "review-send-up": Case(model=Review, action="change", method="POST"),
    "review-figures": Case(model=Review, action="change", method="POST"),
    "review-finding-list": Case(model=None),
    "review-finding-detail": Case(model=Finding),
    "review-measure-list": Case(model=None),
    "review-measure-detail": Case(model=Measure),
}
