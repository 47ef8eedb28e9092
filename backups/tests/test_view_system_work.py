"""The "System work" page: the recent backups and rotations of the top unit, the running
one's progress (the jobs app's htmx fragment), the two buttons; 404 for everyone else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from backups import tasks as backup_tasks
from backups.tests.helpers import make_admin
from jobs.models import Job
from vault import tasks as rotation_tasks

pytestmark = pytest.mark.django_db


def _url(unit):
    return reverse("backups:system_work", kwargs={"uid": unit.uid})


def test_it_lists_the_units_system_work_and_follows_the_running_job(
        queued, admin, login, world):
    top = world.units["rp_congress"]
    backup = backup_tasks.enqueue_backup(acting_user=admin, unit=top)
    rotation = rotation_tasks.enqueue_rotation(acting_user=admin, unit=top)
    Job.objects.filter(pk=rotation.pk).update(status=Job.Status.RUNNING, done=1, total=4)
    body = login(admin).get(_url(top)).content.decode()
    for job in (backup, rotation):
        assert reverse("jobs:job_detail", kwargs={"uid": job.uid}) in body
    detail = reverse("jobs:job_detail", kwargs={"uid": rotation.uid})
    assert f'hx-get="{detail}"' in body and '<progress max="100" value="25">' in body
    assert reverse("backups:start_backup", kwargs={"uid": top.uid}) in body
    assert reverse("backups:start_key_rotation", kwargs={"uid": top.uid}) in body


def test_it_requires_access(login, world):
    top = world.units["rp_congress"]
    # A top secretary who is not the install's administrator, and an administrator on a
    # unit that is not a top unit or not theirs.
    for name in ("outsider", "cell_secretary", "overseer"):
        assert login(world.user(name)).get(_url(top)).status_code == 404
    assert login(world.user("outsider")).get(_url(world.units["op_congress"])).status_code \
        == 404
    admin = make_admin(world)
    client = login(admin)
    assert client.get(_url(top)).status_code == 200
    for unit in (world.units["rp_cc"], world.units["op_congress"]):
        assert client.get(_url(unit)).status_code == 404
    admin.is_superuser = False
    admin.save()
    assert login(admin).get(_url(top)).status_code == 404


def test_the_top_units_page_links_to_it_for_the_administrator_only(admin, login, world):
    top, below = world.units["rp_congress"], world.units["cell_a"]
    secretary = make_admin(world, "top_secretary")
    secretary.is_superuser = False
    secretary.save(update_fields=["is_superuser"])
    shown = []
    for user, unit in ((admin, top), (secretary, top), (admin, below)):
        response = login(user).get(reverse("organizations:unit_detail",
                                           kwargs={"uid": unit.uid}))
        assert response.status_code == 200
        shown.append(_url(unit) in response.content.decode())
    # Not to a secretary of the top unit who is not the administrator, nor below the top.
    assert shown == [True, False, False]
