"""Access cases for the organs' REST endpoints (names from nucleus/api_urls.py)."""

from organs.models import Decision, Meeting, Motion, PublishedResolution, Resolution
from tests.url_walk import Case

CASES = {
    "meeting-list": Case(model=None),
    "meeting-detail": Case(model=Meeting),
    "motion-list": Case(model=None),
    "motion-detail": Case(model=Motion),
    "motion-count": Case(model=Motion, action="change", method="POST"),
    "motion-withdraw": Case(model=Motion, action="change", method="POST"),
    "decision-list": Case(model=None),
    "decision-detail": Case(model=Decision),
    "resolution-list": Case(model=None),
    "resolution-detail": Case(model=Resolution),
    "resolution-publish": Case(model=Resolution, action="change", method="POST"),
    "published-resolution-list": Case(model=None),
    "published-resolution-detail": Case(model=PublishedResolution),
}
