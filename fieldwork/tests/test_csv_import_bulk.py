"""The bulk path of import_contacts (fieldwork.csv_io, contacts_bulk, csv_rows, csv_seen):
streamed sources, batched checks under the variable limit, flat memory, the same rows as the
actions, one audit row per batch, cancellation and undo."""

import io
import tracemalloc
from functools import lru_cache
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from audit.models import AuditEvent, Tombstone
from fieldwork import csv_io, csv_rows, import_runs
from fieldwork.csv_io import import_contacts
from fieldwork.models import Assessment, ContactProfile
from nucleus.models import ImportRun
from people.actions import reveal_identity
from people.models import Identity, Person, StatusChange
from vault import crypto

pytestmark = pytest.mark.django_db

MAPPING = {"alias": "alias", "phone": "phone", "email": "email", "legal_name": "legal_name",
           "part": "part", "job": "job", "assessment": "assessment"}
HEADER = "alias,phone,email,legal_name,part,job,assessment\n"


def _line(i: int, prefix: str = "c-k") -> str:
    return (f"{prefix}{i},0935 200 {i:04d},{prefix}{i}@example.org,Name {i},Rolling mill,"
            f"welder,{1 + i % 5}\n")


def _file(count: int, first: int = 1, prefix: str = "c-k") -> str:
    return HEADER + "".join(_line(i, prefix) for i in range(first, first + count))


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(import_runs, "BATCH_SIZE", 20)
    monkeypatch.setattr(import_runs, "SQLITE_PAUSE_SECONDS", 0)
    monkeypatch.setattr(csv_io, "CHECK_ROWS", 20)


def _imported(prefix: str = "c-k") -> int:
    return Person.objects.filter(alias__startswith=prefix).count()


def _columns(obj, skip=("id", "uid", "created_at", "updated_at", "recorded_at", "person",
                        "identity_sealed")) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields
            if f.name not in skip and f.attname not in skip}


def test_it_writes_the_rows_the_actions_write(fw):
    """A contact imported in bulk and the same contact created through do_create_contact and
    do_assess are the same rows, field by field (but ids, uids, times and the alias)."""
    identity = Identity(phone="0935 200 0001", email="a@example.org", legal_name="Name")
    result = import_contacts(fw.secretary, fw.field, HEADER.replace("job", "job,leader")
                             + "c-bulk,0935 200 0001,a@example.org,Name,Rolling mill,welder,"
                               "yes,3\n", {**MAPPING, "leader": "leader"})
    assert result.saved and result.created == 1
    bulk = Person.objects.get(alias="c-bulk")
    reference = fw.contact("c-ref", part="Rolling mill", job="welder", leader=True,
                           identity=identity)
    fw.assess(reference, 3)
    reference.refresh_from_db()
    assert {**_columns(bulk), "alias": ""} == {**_columns(reference), "alias": ""}
    assert bulk.phone_index != "" and bulk.email_index != ""
    assert (reveal_identity(acting_user=None, person=bulk)
            == reveal_identity(acting_user=None, person=reference) == identity)
    for model in (ContactProfile, Assessment, StatusChange):
        mine, theirs = model.objects.get(person=bulk), model.objects.get(person=reference)
        assert _columns(mine) == _columns(theirs), model
        assert mine.created_at.date() == timezone.localdate()
    assert ContactProfile.objects.get(person=bulk).version == 2


def test_it_checks_duplicates_in_queries_under_the_variable_limit(fw, monkeypatch,
                                                                  small_batches):
    for i in range(1, 61):
        fw.contact(f"c-k{i}", identity=Identity(phone=f"0935 200 {i:04d}"))
    monkeypatch.setattr(csv_io, "CHECK_ROWS", 200)
    monkeypatch.setattr(import_runs, "BATCH_SIZE", 200)
    monkeypatch.setattr(connection.features, "max_query_params", 260)
    largest = []

    def count(execute, sql, params, many, context):
        largest.append(len(params or ()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        result = import_contacts(fw.secretary, fw.field, _file(150), MAPPING)
    assert result.saved and (result.created, result.updated) == (90, 60)
    assert max(largest) <= 260
    assert csv_rows.chunk_size() == 60
    assert _imported() == 150


def test_it_refuses_the_same_person_twice_across_batches(fw, small_batches):
    text = _file(50) + _line(7).replace("c-k7,", "c-other,")
    result = import_contacts(fw.secretary, fw.field, text, MAPPING)
    assert not result.saved
    assert result.errors == [(52, "The same person as row 8.")]
    assert _imported() == 0 and not ImportRun.objects.exists()


def test_it_refuses_a_long_file_with_one_bad_row_by_its_number(fw, small_batches):
    text = _file(400).replace("c-k333,0935 200 0333", "c-k333,0935 200 0333,x")
    result = import_contacts(fw.secretary, fw.field, text, MAPPING)
    assert not result.saved
    assert result.errors == [(334, "8 columns where the header has 7.")]
    assert _imported() == 0 and not ImportRun.objects.exists()


def test_it_says_which_line_is_not_utf8(fw, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes(_file(3).encode() + "c-k9,,,Nom \u00e9\n".encode("latin-1"))
    result = import_contacts(fw.secretary, fw.field, path, MAPPING)
    assert not result.saved
    offset = len(_file(3).encode()) + len(b"c-k9,,,Nom ") + 1
    assert result.errors == [(5, f"The file is not UTF-8 text (line 5, byte {offset}): save "
                                 "it as “CSV UTF-8”.")]


def test_it_says_a_binary_file_is_not_csv(fw, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"alias\n\x89PNG\x00\x00\x00\rIHDR\n")
    result = import_contacts(fw.secretary, fw.field, path, {"alias": "alias"})
    assert result.errors == [(2, "This is not a CSV file: line 2 holds binary data.")]
    path.write_bytes(b"alias\n" + b"A" * (2 << 20))
    result = import_contacts(fw.secretary, fw.field, path, {"alias": "alias"})
    assert result.errors == [(2, "This is not a CSV file: line 2 is longer than 1 MB.")]


def test_it_reads_paths_and_binary_files_even_unseekable_ones(fw, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("\ufeff" + _file(3), encoding="utf-8")
    assert import_contacts(fw.secretary, fw.field, Path(path), MAPPING).created == 3

    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes):
            self.data = io.BytesIO(data)

        def readable(self):
            return True

        def readinto(self, buffer):
            return self.data.readinto(buffer)

    pipe = io.BufferedReader(Pipe(_file(2, first=10).encode()))
    assert not pipe.seekable()
    assert import_contacts(fw.secretary, fw.field, pipe, MAPPING).created == 2
    assert import_contacts(fw.secretary, fw.field, io.BytesIO(_file(1, first=20).encode()),
                           MAPPING).created == 1
    assert _imported() == 6


def test_it_writes_one_audit_row_per_batch_naming_the_uids(fw, small_batches):
    before = AuditEvent.objects.filter(model="people.Person").count()
    result = import_contacts(fw.secretary, fw.field, _file(50), MAPPING)
    assert result.saved
    rows = list(AuditEvent.objects.filter(model="people.Person").order_by("seq"))[before:]
    assert len(rows) == 3  # 20 + 20 + 10
    uids = [u for row in rows for u in row.detail["uids"]["people.Person"]]
    assert sorted(uids) == sorted(str(u) for u in Person.objects.filter(
        alias__startswith="c-k").values_list("uid", flat=True))
    assert all(len(row.detail["uids"]["fieldwork.ContactProfile"]) ==
               len(row.detail["uids"]["people.Person"]) for row in rows)
    assert rows[0].fields == ["email", "legal_name", "phone"]
    run = ImportRun.objects.get()
    assert {row.detail["import_run"] for row in rows} == {str(run.uid)}
    assert rows[0].unit_id == fw.field.unit_id and rows[0].actor == fw.secretary


def test_it_creates_nothing_when_run_again(fw, small_batches):
    first = import_contacts(fw.secretary, fw.field, _file(45), MAPPING)
    again = import_contacts(fw.secretary, fw.field, _file(45), MAPPING)
    assert (first.created, again.created, again.updated) == (45, 0, 45)
    assert _imported() == 45
    assert Assessment.objects.filter(person__alias__startswith="c-k").count() == 45


def test_it_undoes_everything_when_cancelled(fw, small_batches):
    asked = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 5  # after the check (3 batches) and two written batches

    progressed = []
    result = import_contacts(fw.secretary, fw.field, _file(60), MAPPING,
                             progress=progressed.append, should_stop=stop)
    assert result.status == "cancelled" and not result.saved
    assert progressed == [20, 20]
    assert _imported() == 0
    assert not ContactProfile.objects.filter(person__alias__startswith="c-k").exists()
    assert Tombstone.objects.filter(model="people.Person").count() == 40
    run = ImportRun.objects.get()
    assert run.state == "undone" and run.journal == {}


def test_it_journals_new_people_as_ranges_and_undoes_a_killed_run(fw, small_batches,
                                                                   monkeypatch):
    journals = []
    real = import_runs.commit_batch

    def commit(run, journal, rows):
        real(run, journal, rows)
        journals.append(dict(run.journal))
        if len(journals) == 3:
            raise KeyboardInterrupt  # the process dies after its third batch

    monkeypatch.setattr(import_runs, "commit_batch", commit)
    monkeypatch.setattr(import_runs, "undo_run", lambda **kwargs: False)  # killed: no undo
    with pytest.raises(KeyboardInterrupt):
        import_contacts(fw.secretary, fw.field, _file(100), MAPPING)
    # The third batch rolled back with its transaction; two stayed, journalled compactly.
    assert _imported() == 40
    assert journals[1]["created_ranges"] == [[journals[0]["created_ranges"][0][0],
                                              journals[0]["created_ranges"][0][0] + 39]]
    assert journals[1]["created"] == []  # no list of ids: the ranges grow by batch, not row
    monkeypatch.undo()
    run = ImportRun.objects.get()
    import_runs.undo_run(acting_user=fw.secretary, run=run, reason="killed")
    assert _imported() == 0
    assert not StatusChange.objects.filter(person__alias__startswith="c-k").exists()


def test_it_keeps_memory_flat_whatever_the_size(fw, small_batches, tmp_path, monkeypatch):
    # The phone parser's cache is bounded (16,384 numbers); a small one here, so that what is
    # measured is what the import itself holds.
    monkeypatch.setattr(crypto, "_parse_folded",
                        lru_cache(maxsize=64)(crypto._parse_folded.__wrapped__))

    def peak(count: int, first: int) -> int:
        path = tmp_path / f"{count}.csv"
        path.write_text(_file(count, first=first, prefix=f"m{count}-"))
        tracemalloc.start()
        result = import_contacts(fw.secretary, fw.field, path, MAPPING)
        _current, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert result.saved and result.created == count
        return top

    # A first import fills the bounded caches (the sqlite3 module's 128 prepared statements).
    peak(600, 10000)
    small, large = peak(150, 1000), peak(600, 3000)
    assert large < 2 * small, (small, large)  # far from 4×: nothing grows by row

