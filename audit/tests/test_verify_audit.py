"""``manage.py verify_audit`` finds an edited, a deleted and a reordered row and names the
first one (issue 9: an edited actor and a deleted row went unnoticed)."""

import pytest
from django.core.management import CommandError, call_command

from audit.chain import verify
from audit.tests.helpers import chained_rows, sql

pytestmark = pytest.mark.django_db


def _broken_at() -> str:
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit")
    assert failure.value.returncode == 1
    return str(failure.value)


def test_it_passes_an_intact_chain(world, capsys):
    call_command("verify_audit")
    assert "Audit chain intact" in capsys.readouterr().out


def test_it_names_a_row_whose_actor_was_edited(world):
    first, second, _third = chained_rows()
    # The secretary's name replaced by another user's: what issue 9 found unnoticed.
    sql("UPDATE audit_auditevent SET actor_id = %s WHERE id = %s",
        [world.user("outsider").pk, second.pk])
    message = _broken_at()
    assert f"seq={second.seq} id={second.pk}" in message and "edited" in message
    assert verify().id == second.pk


def test_it_names_the_first_of_two_edited_rows(world):
    first, second, third = chained_rows()
    sql("UPDATE audit_auditevent SET fields = %s WHERE id IN (%s, %s)", ['["x"]', second.pk,
                                                                         third.pk])
    assert verify().id == second.pk


def test_it_names_the_row_after_a_deleted_one(world):
    first, second, third = chained_rows()
    sql("DELETE FROM audit_auditevent WHERE id = %s", [second.pk])
    message = _broken_at()
    assert f"seq={third.seq} id={third.pk}" in message and "deleted" in message


def test_it_finds_rows_deleted_at_the_end(world):
    *_rest, last = chained_rows()
    sql("DELETE FROM audit_auditevent WHERE id = %s", [last.pk])
    message = _broken_at()
    assert "rows at the end were deleted" in message and f"seq={last.seq}" in message


def test_it_names_a_reordered_pair(world):
    _first, second, third = chained_rows()
    # Swap the two rows' positions in the chain.
    sql("UPDATE audit_auditevent SET seq = -1 WHERE id = %s", [second.pk])
    sql("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [second.seq, third.pk])
    sql("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [third.seq, second.pk])
    message = _broken_at()
    assert f"seq={second.seq} id={third.pk}" in message


def test_it_names_a_pair_swapped_whole(world):
    """Two rows that swapped their ids, everything else kept: the chain in itself holds, but
    a row written later now comes first in the table."""
    _first, second, third = chained_rows()
    spare = third.pk + 1000
    sql("UPDATE audit_auditevent SET id = %s WHERE id = %s", [spare, second.pk])
    sql("UPDATE audit_auditevent SET id = %s WHERE id = %s", [second.pk, third.pk])
    sql("UPDATE audit_auditevent SET id = %s WHERE id = %s", [third.pk, spare])
    broken = verify()
    assert broken is not None and broken.seq == third.seq and "reordered" in broken.reason
