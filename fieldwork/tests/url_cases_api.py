"""The fieldwork API's URL patterns (see tests/url_walk.py); the records are the walk's
fieldwork world (fieldwork/tests/url_cases.py ``extend_world``)."""

from fieldwork.models import ContactProfile
from tests.url_walk import Case

CASES = {
    "contact-profile-list": Case(model=None),
    "contact-profile-detail": Case(model=ContactProfile),
}
