"""API patterns of jobs (see tests/url_walk.py)."""

from __future__ import annotations

from jobs.models import Job
from tests.url_walk import Case

CASES = {
    "job-list": Case(model=None),
    "job-detail": Case(model=Job),
}
