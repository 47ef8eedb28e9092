"""import_contacts() writes in short batches under an import-run marker and stays
all-or-nothing: a failure in a later batch, an interruption, a conflicting write by someone
else or a dead process leave nothing of the run (fieldwork/import_runs.py)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from audit.models import Tombstone
from fieldwork import contacts_bulk, import_runs
from fieldwork.csv_io import import_contacts
from fieldwork.models import Assessment, ContactProfile
from nucleus.models import ImportRun
from people.actions import do_create_person
from people.models import Identity, Person

pytestmark = pytest.mark.django_db

MAPPING = {"alias": "alias", "phone": "phone", "part": "part", "job": "job",
           "assessment": "assessment"}


def _file(count: int, first: int = 1) -> str:
    return "alias,phone,part,job,assessment\n" + "".join(
        f"c-b{i},+98 935 100 {i:04d},Rolling mill,welder,2\n"
        for i in range(first, first + count))


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(import_runs, "BATCH_SIZE", 2)
    monkeypatch.setattr(import_runs, "SQLITE_PAUSE_SECONDS", 0)


def _fail_on(monkeypatch, alias: str, error: BaseException):
    """The bulk write of the batch holding ``alias`` fails (a refused batch is named by its
    first new row)."""
    real = contacts_bulk.create_contacts

    def create(**kwargs):
        if any(row.alias == alias for row in kwargs["rows"]):
            raise error
        return real(**kwargs)

    monkeypatch.setattr(contacts_bulk, "create_contacts", create)


def _imported():
    return set(Person.objects.filter(alias__startswith="c-b").values_list("alias", flat=True))


def test_it_writes_in_batches_under_a_finished_run(fw, small_batches, monkeypatch):
    commits = []
    real = import_runs.commit_batch
    monkeypatch.setattr(import_runs, "commit_batch",
                        lambda run, journal, rows: (commits.append(rows), real(run, journal,
                                                                               rows)))
    result = import_contacts(fw.secretary, fw.field, _file(5), MAPPING)
    assert (result.saved, result.created, result.assessed) == (True, 5, 5)
    assert commits == [2, 2, 1]
    run = ImportRun.objects.get()
    assert (run.state, run.rows_total, run.rows_written, run.unit) == (
        "done", 5, 5, fw.field.unit)
    assert run.journal == {}  # a finished run forgets what it wrote


def test_it_undoes_earlier_batches_when_a_later_row_fails(fw, small_batches, monkeypatch):
    _fail_on(monkeypatch, "c-b5", ValidationError("The database refused this row."))
    result = import_contacts(fw.secretary, fw.field, _file(5), MAPPING)
    assert not result.saved
    assert result.errors == [(6, "The database refused this row.")]
    assert _imported() == set()
    assert not ContactProfile.objects.filter(person__alias__startswith="c-b").exists()
    # Others may have seen the first batches: the deletions leave tombstones.
    assert Tombstone.objects.filter(model="people.Person").count() == 4
    run = ImportRun.objects.get()
    assert run.state == "undone" and run.journal == {} and "refused" in run.error


def test_it_undoes_what_it_wrote_when_interrupted(fw, small_batches, monkeypatch):
    _fail_on(monkeypatch, "c-b4", KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        import_contacts(fw.secretary, fw.field, _file(5), MAPPING)
    assert _imported() == set()
    assert ImportRun.objects.get().state == "undone"


def test_it_puts_back_what_it_replaced(fw, small_batches, monkeypatch):
    kept = fw.contact("c-kept", part="Night shift", job="driver",
                      identity=Identity(phone="+98 935 100 0001"))
    fw.assess(kept, 4)
    # Row 2 matches c-kept by phone: renamed, moved to the rolling mill, assessed 2.
    _fail_on(monkeypatch, "c-b5", ValidationError("refused"))
    result = import_contacts(fw.secretary, fw.field, _file(5), MAPPING)
    assert not result.saved
    kept.refresh_from_db()
    profile = ContactProfile.objects.get(person=kept)
    assert (kept.alias, profile.part.name, profile.job) == ("c-kept", "Night shift", "driver")
    assert list(Assessment.objects.filter(person=kept).values_list("level__value",
                                                                   flat=True)) == [4]
    assert profile.current_level.value == 4
    assert _imported() == set()


def test_it_refuses_a_contact_someone_else_added_meanwhile(fw, small_batches, monkeypatch):
    real = import_runs.commit_batch

    def commit_then_someone_writes(run, journal, rows):
        real(run, journal, rows)
        if run.rows_written == 2:  # between the first and the second batch
            do_create_person(acting_user=None, unit=fw.field.unit,
                             data={"alias": "c-other", "kind": "contact"},
                             identity=Identity(phone="+98 935 100 0004"))

    monkeypatch.setattr(import_runs, "commit_batch", commit_then_someone_writes)
    result = import_contacts(fw.secretary, fw.field, _file(5), MAPPING)
    assert not result.saved
    assert [number for number, _reason in result.errors] == [5]
    assert "added by someone else" in result.errors[0][1]
    assert _imported() == set()
    assert Person.objects.filter(alias="c-other").exists()  # their write stays


def test_it_refuses_a_second_import_into_the_unit_while_one_is_written(fw):
    import_runs.start_run(acting_user=fw.secretary, unit=fw.field.unit, rows_total=9)
    result = import_contacts(fw.secretary, fw.field, _file(2), MAPPING)
    assert not result.saved and "Another import" in result.errors[0][1]
    assert _imported() == set()


def _dead_run(fw, monkeypatch) -> ImportRun:
    """A run whose process died after its first batch (killed: it undid nothing)."""
    monkeypatch.setattr(import_runs, "BATCH_SIZE", 2)
    _fail_on(monkeypatch, "c-b3", KeyboardInterrupt())
    with monkeypatch.context() as dying:
        dying.setattr(import_runs, "undo_run", lambda **kwargs: False)
        with pytest.raises(KeyboardInterrupt):
            import_contacts(fw.secretary, fw.field, _file(3), MAPPING)
    monkeypatch.undo()
    run = ImportRun.objects.get(state="running")
    assert _imported() == {"c-b1", "c-b2"}
    ImportRun.objects.filter(pk=run.pk).update(
        updated_at=timezone.now() - import_runs.STALE_AFTER - timedelta(seconds=1))
    return run


def test_it_undoes_a_dead_run_at_the_next_import(fw, monkeypatch):
    run = _dead_run(fw, monkeypatch)
    result = import_contacts(fw.secretary, fw.field, _file(1, first=7), MAPPING)
    assert result.saved
    assert _imported() == {"c-b7"}
    run.refresh_from_db()
    assert run.state == "undone" and run.journal == {}


def test_it_undoes_a_stale_run_from_the_command(fw, monkeypatch):
    run = _dead_run(fw, monkeypatch)
    call_command("import_contacts", "--undo-stale", "--user", fw.secretary.username)
    assert _imported() == set()
    run.refresh_from_db()
    assert run.state == "undone"


def test_it_undoes_only_runs_the_user_may_change(fw, monkeypatch):
    run = _dead_run(fw, monkeypatch)
    call_command("import_contacts", "--undo-stale", "--user",
                 fw.world.user("sibling_secretary").username)
    run.refresh_from_db()
    assert run.state == "running" and _imported() == {"c-b1", "c-b2"}


def test_it_journals_nothing_for_a_re_import_that_changes_nothing(fw, small_batches, monkeypatch):
    import_contacts(fw.secretary, fw.field, _file(3), MAPPING)
    journals = []
    real = import_runs.commit_batch
    monkeypatch.setattr(import_runs, "commit_batch", lambda run, journal, rows: (
        journals.append(journal), real(run, journal, rows)))
    again = import_contacts(fw.secretary, fw.field, _file(3), MAPPING)
    assert (again.saved, again.created, again.updated) == (True, 0, 3)
    assert all(j == import_runs.empty_journal() for j in journals) and journals
