"""Access cases for the congresses' REST endpoints (names from nucleus/api_urls.py)."""

from congresses.models import ClassPosition, Congress, Delegate, Mandate
from tests.url_walk import Case

CASES = {
    "congress-list": Case(model=None),
    "congress-detail": Case(model=Congress),
    "congress-composition": Case(model=Congress),
    "delegate-list": Case(model=None),
    "delegate-detail": Case(model=Delegate),
    "mandate-list": Case(model=None),
    "mandate-detail": Case(model=Mandate),
    "class-position-list": Case(model=None),
    "class-position-detail": Case(model=ClassPosition),
}
