"""``manage.py audit_log``: the whole log for the install's administrators, without aliases."""

import pytest
from django.core.management import call_command

from audit.log import record_security_event
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_prints_the_rows_filtered_by_action_and_user(world, capsys):
    member = world.user("cell_member")
    record_security_event(kind=AuditEvent.Action.LOGIN, actor=member)
    record_security_event(kind=AuditEvent.Action.LOGIN_FAILED, actor=None,
                          detail={"username": "nobody"})
    call_command("audit_log", "--action", "login", "--user", member.username)
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    assert len(lines) == 1 and f"\t{member.username}\tlogin\taccounts.User#{member.pk}" in out
    call_command("audit_log")
    out = capsys.readouterr().out
    assert "login_failed" in out and "username=nobody" in out
    assert "alias-" not in out and "Legal" not in out
