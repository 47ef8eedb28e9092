"""export_contacts(): what the user may see; identities only where they may reveal (audited)."""

import csv
import io

import pytest
from django.http import Http404

from audit.models import AuditEvent
from fieldwork.csv_export import export_contacts
from fieldwork.csv_io import import_contacts
from fieldwork.models import Assessment
from people.models import Identity

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(fw):
    a = fw.contact("c-e1", part="Rolling mill", job="=HYPERLINK(\"x\")", leader=True,
                   identity=Identity(legal_name="Secret Person", phone="+98 935 123 4567"))
    fw.assess(a, 2)
    fw.contact("c-e2", part="Night shift")
    return a


def _rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_it_exports_aliases_parts_and_current_assessments(fw, exported):
    rows = _rows(export_contacts(fw.secretary, fw.field))
    assert [r["alias"] for r in rows] == ["c-e1", "c-e2"]
    assert (rows[0]["part"], rows[0]["leader"], rows[0]["assessment"]) == (
        "Rolling mill", "yes", "2")
    assert rows[0]["job"].startswith("'=")  # a formula stays text in a spreadsheet
    assert "phone" not in rows[0]
    assert not AuditEvent.objects.filter(action="reveal").exists()


def test_it_adds_identities_only_for_those_who_may_reveal_and_audits_each(fw, exported):
    rows = _rows(export_contacts(fw.secretary, fw.field, identities=True))
    assert rows[0]["legal_name"] == "Secret Person" and rows[0]["phone"] == "+98 935 123 4567"
    reveals = AuditEvent.objects.filter(action="reveal", model="people.Person")
    assert reveals.count() == 2 and reveals.filter(object_id=exported.pk).exists()
    member_rows = _rows(export_contacts(fw.world.user("cell_member"), fw.field,
                                        identities=True))
    assert "legal_name" not in member_rows[0] and len(member_rows) == 2
    assert reveals.count() == 2


def test_it_exports_a_unit_subtree_within_the_scope(fw, exported):
    north = fw.world.units["north"]
    assert len(_rows(export_contacts(fw.world.user("overseer"), north))) == 2
    assert _rows(export_contacts(fw.world.user("committee_member"), north)) == []
    assert _rows(export_contacts(fw.world.user("committee_member"), fw.field)) == []
    for name in ("sibling_secretary", "outsider"):
        with pytest.raises(Http404):
            export_contacts(fw.world.user(name), fw.field)
        with pytest.raises(Http404):
            export_contacts(fw.world.user(name), fw.world.units["cell_a"])


def test_it_names_contacts_by_uid_and_never_by_integer_id(fw, exported):
    text = export_contacts(fw.secretary, fw.field)
    rows = _rows(text)
    assert text.splitlines()[0].split(",")[0] == "uid"
    assert rows[0]["uid"] == str(exported.uid)
    assert not {"id", "pk", "person_id", "field_id", "unit_id"} & rows[0].keys()
    # No column holds the integer id of the person, field or unit.
    ids = {str(exported.pk), str(fw.field.pk)}
    assert not [v for row in rows for k, v in row.items() if k != "assessment" and v in ids]


def test_it_re_imports_its_own_export_without_changes(fw, exported):
    text = export_contacts(fw.secretary, fw.field)
    header = text.splitlines()[0].split(",")
    mapping = {c: c for c in header if c not in ("uid", "field")}
    result = import_contacts(fw.secretary, fw.field, text, mapping)
    assert (result.saved, result.created, result.updated, result.assessed) == (True, 0, 2, 0)
    assert Assessment.objects.count() == 1
    assert _rows(export_contacts(fw.secretary, fw.field)) == _rows(text)


def test_it_streams_the_file_in_chunks_read_with_an_iterator(fw, monkeypatch):
    from fieldwork import csv_export

    for i in range(5):
        fw.contact(f"c-s{i}")
    monkeypatch.setattr(csv_export, "CHUNK_ROWS", 2)
    chunks = list(csv_export.iter_export_contacts(fw.secretary, fw.field))
    assert len(chunks) == 3  # header + 2, 2, 1
    assert _rows("".join(chunks)) == _rows(export_contacts(fw.secretary, fw.field))
    assert [r["alias"] for r in _rows("".join(chunks))] == [f"c-s{i}" for i in range(5)]
