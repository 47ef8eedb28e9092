"""Access cases for the elections' REST endpoints (names from nucleus/api_urls.py)."""

from elections.models import Election, Nomination, OfficeTerm
from tests.url_walk import Case

CASES = {
    "election-list": Case(model=None),
    "election-detail": Case(model=Election),
    "nomination-list": Case(model=None),
    "nomination-detail": Case(model=Nomination),
    "office-term-list": Case(model=None),
    "office-term-detail": Case(model=OfficeTerm),
}
