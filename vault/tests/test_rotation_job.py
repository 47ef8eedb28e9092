"""The identity key's rotation as a job, run by the real worker: every identity readable
under the new key alone; a cancel between batches leaves every row readable under one of
the two keys the file keeps, and the next run finishes; ``rotate_identity_keys --job``."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from jobs import runner
from jobs.models import Job
from jobs.tests.inprocess import run_worker
from people.models import Person
from vault import rotation, tasks
from vault.crypto import key_id_of
from vault.keyring import parse_keyring
from vault.models import KeyCheck

pytestmark = pytest.mark.django_db


def _identities() -> dict[str, dict]:
    return {p.alias: p.unseal_identity().as_dict() for p in Person.objects.all()}


def _key_ids() -> list[str]:
    return [key_id_of(t) for t in Person.objects.order_by("pk")
            .values_list("identity_sealed", flat=True)]


def test_the_worker_rotates_the_key_with_every_identity_readable(
        key_file, queued, admin, world, monkeypatch):
    old = parse_keyring(key_file.read_text(), "old")
    before = _identities()
    job = tasks.enqueue_rotation(acting_user=admin, unit=world.units["rp_congress"])
    assert job.status == Job.Status.QUEUED and job.max_attempts == 3
    run_worker(monkeypatch)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    new = parse_keyring(key_file.read_text(), "new")
    assert new.current != old.current and set(new.keys) == {new.current}
    assert set(_key_ids()) == {new.current}
    # Readable with the new key alone.
    assert {p.alias: p.unseal_identity(keyring=new).as_dict()
            for p in Person.objects.all()} == before
    assert set(KeyCheck.objects.values_list("key_id", flat=True)) == {new.current}
    assert job.total >= len(before) and job.done == job.total
    assert f"{job.total} rows" in job.message


def test_a_cancel_between_batches_leaves_every_row_readable(
        key_file, queued, admin, world, monkeypatch):
    old = parse_keyring(key_file.read_text(), "old")
    before = _identities()
    monkeypatch.setattr(rotation, "BATCH", 2)
    monkeypatch.setattr(runner, "CANCEL_CHECK_EVERY_S", 0)
    job = tasks.enqueue_rotation(acting_user=admin, unit=world.units["rp_congress"])
    real = Person.rekey_all.__func__
    batches = []

    def cancel_after_two_batches(cls, keyring, progress, pk_range=None):
        batches.append(pk_range)
        if len(batches) == 2:
            Job.objects.filter(pk=job.pk).update(cancel_requested=True)
        return real(cls, keyring, progress, pk_range)

    monkeypatch.setattr(Person, "rekey_all", classmethod(cancel_after_two_batches))
    run_worker(monkeypatch)
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED and len(batches) == 2
    midway = parse_keyring(key_file.read_text(), "midway")
    assert set(midway.keys) == {old.current, midway.current}  # both kept
    ids = _key_ids()
    assert ids[:4] == [midway.current] * 4 and set(ids[4:]) == {old.current}
    assert _identities() == before
    assert job.done == 4
    # Started again, it finishes the same rotation: no third key.
    monkeypatch.setattr(Person, "rekey_all", classmethod(real))
    again = tasks.enqueue_rotation(acting_user=admin, unit=world.units["rp_congress"])
    run_worker(monkeypatch)
    again.refresh_from_db()
    assert again.status == Job.Status.DONE, again.error
    done = parse_keyring(key_file.read_text(), "done")
    assert done.current == midway.current and set(done.keys) == {done.current}
    assert set(_key_ids()) == {done.current}
    assert _identities() == before


def test_a_worker_that_died_midway_is_resumed_by_its_retry(
        key_file, queued, admin, world, monkeypatch):
    # What the housekeeping does with a job whose worker died: the idempotent kind runs
    # again (here: the first attempt stopped by an error after one batch).
    before = _identities()
    monkeypatch.setattr(rotation, "BATCH", 3)
    real = Person.rekey_all.__func__
    calls = []

    def die_in_the_second_batch(cls, keyring, progress, pk_range=None):
        calls.append(pk_range)
        if len(calls) == 2:
            raise SystemExit("killed")  # not caught as a job failure
        return real(cls, keyring, progress, pk_range)

    job = tasks.enqueue_rotation(acting_user=admin, unit=world.units["rp_congress"])
    monkeypatch.setattr(Person, "rekey_all", classmethod(die_in_the_second_batch))
    with pytest.raises(SystemExit):
        runner.execute(job.pk)
    assert _identities() == before  # every row opens, under one key or the other
    Job.objects.filter(pk=job.pk).update(status=Job.Status.QUEUED)  # the retry
    runner.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 2
    ring = parse_keyring(key_file.read_text(), "done")
    assert len(ring.keys) == 1 and set(_key_ids()) == {ring.current}
    assert _identities() == before


def test_the_command_queues_a_job_for_an_administrator_only(key_file, queued, admin, world):
    out = io.StringIO()
    call_command("rotate_identity_keys", "--job", "--user", "admin", stdout=out)
    job = Job.objects.get(uid=out.getvalue().strip())
    assert job.kind == tasks.KIND and job.unit == world.units["rp_congress"]
    for name in ("outsider", "cell_secretary"):
        with pytest.raises(CommandError, match="may not start system work"):
            call_command("rotate_identity_keys", "--job", "--user", name,
                         stdout=io.StringIO())
    assert Job.objects.filter(kind=tasks.KIND).count() == 1
