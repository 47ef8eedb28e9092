"""/api/jobs/: read-only, the caller's units only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_it_lists_the_jobs_of_the_callers_units_read_only(enqueue, login, world):
    job = enqueue(steps=2)
    client = login(world.user("cell_secretary"))
    rows = client.get("/api/jobs/?mine=1").json()["results"]
    assert [r["uid"] for r in rows] == [str(job.uid)]
    assert rows[0]["status"] == "done" and rows[0]["percent"] == 100 and rows[0]["started_by_me"]
    assert "params" not in rows[0]
    assert client.get(f"/api/jobs/{job.uid}/").status_code == 200
    assert client.post("/api/jobs/", {}).status_code == 405
    outsider = login(world.user("outsider"))
    assert outsider.get(f"/api/jobs/{job.uid}/").status_code == 404
    assert str(job.uid) not in outsider.get("/api/jobs/").content.decode()
