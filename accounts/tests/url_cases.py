"""Which object each accounts URL is about, for tests/test_url_access.py."""

from tests.url_walk import Case

CASES = {
    "accounts:home": Case(),
    "login": Case(public=True),
    # Logging out is a POST; anonymous users are sent to the login page like everywhere.
    "logout": Case(method="POST"),
}
