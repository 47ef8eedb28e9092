"""The archive: encrypted, checked against its manifest, never holding the identity key; a
restore refuses a database that is not empty."""

import base64
import json
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command

from backups import archive, reading, writing
from backups.archive import ArchiveError
from backups.tests.helpers import PASSPHRASE, install
from people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(world, settings, tmp_path):
    return install(settings, tmp_path)


@pytest.fixture
def sealed(site) -> bytes:
    out = BytesIO()
    writing.write_backup(out, PASSPHRASE)
    return out.getvalue()


def _plaintext(data: bytes) -> bytes:
    return b"".join(archive.plaintext(BytesIO(data), PASSPHRASE))


def test_it_holds_every_model_and_data_file_but_never_the_identity_key(site, sealed):
    manifest = reading.verify(BytesIO(sealed), PASSPHRASE)
    assert manifest["models"]["people.person"]["count"] == Person._base_manager.count()
    assert set(manifest["files"]) == {"secret_key", "uploads/leaflet.txt"}
    plain = _plaintext(sealed)
    key = base64.b64encode(site.keyring.current_key)
    assert key not in plain and key not in sealed
    assert b'"identity.key' not in plain


def test_it_keeps_names_and_identities_out_of_the_file(world, site, sealed):
    alias = world.people["alias-cella-1"].alias.encode()
    legal_name = world.identities["alias-cella-1"].legal_name.encode()
    assert alias in _plaintext(sealed)
    assert alias not in sealed and legal_name not in sealed and legal_name not in \
        _plaintext(sealed)


def test_it_refuses_a_wrong_passphrase(sealed):
    with pytest.raises(ArchiveError, match="wrong backup passphrase"):
        reading.verify(BytesIO(sealed), "another passphrase of length")


@pytest.mark.parametrize("where", [len(archive.MAGIC) + 30, -40, -1])
def test_it_refuses_an_altered_archive(sealed, where):
    altered = bytearray(sealed)
    altered[where] ^= 0x01
    with pytest.raises(ArchiveError):
        reading.verify(BytesIO(bytes(altered)), PASSPHRASE)


def test_it_refuses_a_cut_off_archive(sealed):
    with pytest.raises(ArchiveError, match="cut off"):
        reading.verify(BytesIO(sealed[:-100]), PASSPHRASE)


def test_it_refuses_rows_that_do_not_match_the_manifest(site):
    out = BytesIO()
    writer = archive.Writer(out, PASSPHRASE)
    for record in ({"t": "begin"}, {"t": "model", "label": "people.person"},
                   {"model": "people.person", "pk": 1, "fields": {}},
                   {"t": "manifest", "files": {},
                    "models": {"people.person": {"count": 2, "sha256": "0"}}}):
        writer.write(json.dumps(record).encode() + b"\n")
    writer.close()
    with pytest.raises(ArchiveError, match="do not match its manifest: people.person"):
        reading.verify(BytesIO(out.getvalue()), PASSPHRASE)


def test_it_writes_a_private_archive_and_never_overwrites_one(site, tmp_path):
    target = tmp_path / "nucleus.backup"
    call_command("backup", str(target), stdout=StringIO())
    assert target.stat().st_mode & 0o777 == 0o600
    first = target.read_bytes()
    with pytest.raises(CommandError, match="exists"):
        call_command("backup", str(target), stdout=StringIO())
    assert target.read_bytes() == first
    out = StringIO()
    call_command("verify_backup", str(target), stdout=out)
    assert "is intact" in out.getvalue()


def test_it_refuses_a_short_passphrase(site, settings, tmp_path):
    settings.NUCLEUS_BACKUP_PASSPHRASE = "short"
    with pytest.raises(CommandError, match="shorter than 16 characters"):
        call_command("backup", str(tmp_path / "x.backup"), stdout=StringIO())
    assert not (tmp_path / "x.backup").exists()


def test_it_reads_the_passphrase_from_a_file(site, settings, tmp_path):
    settings.NUCLEUS_BACKUP_PASSPHRASE = None
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    call_command("backup", str(tmp_path / "a.backup"), "--passphrase-file", str(secret),
                 stdout=StringIO())
    assert reading.verify((tmp_path / "a.backup").open("rb"), PASSPHRASE)


def test_it_refuses_to_restore_into_a_database_that_is_not_empty(site, tmp_path):
    target = tmp_path / "nucleus.backup"
    call_command("backup", str(target), stdout=StringIO())
    count = Person._base_manager.count()
    with pytest.raises(CommandError, match="the database is not empty .*people.person: "
                                           f"{count}.*Nothing was restored"):
        call_command("restore", str(target), stdout=StringIO())
    assert Person._base_manager.count() == count
