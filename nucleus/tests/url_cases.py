"""URL patterns added by the project package itself (see tests/url_walk.py)."""

from tests.url_walk import Case

CASES = {
    "healthz": Case(public=True),
    # Django's i18n view: switching the language works for anyone, logged in or not.
    "set_language": Case(method="POST", public=True),
}
