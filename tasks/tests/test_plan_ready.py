"""A finished deployment plan run tells whoever started it, in their notifications."""

import pytest

from deployment.tests.conftest import north  # noqa: F401  (a fixture)
from tasks import notify
from tasks.models import Notification

pytestmark = pytest.mark.django_db


def test_it_tells_the_planner_that_the_plan_is_ready(north):  # noqa: F811
    run = north.plan()
    [told] = Notification.objects.filter(kind="plan_ready")
    assert (told.recipient, told.unit, told.subject_uid) == (north.planner, north.unit,
                                                             run.uid)
    assert notify.text_of(told) == (
        "The deployment plan you started for North Committee has finished.")
    assert notify.link_of(told).endswith(f"{run.uid}/")
