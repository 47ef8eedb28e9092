"""Removing a tie: a confirmation page (GET changes nothing), the removal by POST, audited
with the values that went."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from fieldwork.actions import do_create_tie
from fieldwork.models import Tie

pytestmark = pytest.mark.django_db


@pytest.fixture
def tie(fw):
    return do_create_tie(acting_user=fw.secretary, from_person=fw.member,
                         to_person=fw.contact("c-tie-del"), kind="in_touch")


def _url(tie) -> str:
    return reverse("fieldwork:tie_delete", kwargs={"uid": tie.uid})


def test_it_asks_first_and_changes_nothing_on_get(fw, tie, login):
    client = login(fw.secretary)
    before = AuditEvent.objects.count()
    page = client.get(_url(tie)).content.decode()
    assert "Remove this tie?" in page and "c-tie-del" in page and "alias-cella-1" in page
    assert Tie.objects.filter(pk=tie.pk).exists() and AuditEvent.objects.count() == before


def test_it_removes_on_post(fw, tie, login):
    pk = tie.pk
    response = login(fw.secretary).post(_url(tie))
    assert response["Location"] == reverse("fieldwork:contact",
                                           kwargs={"uid": tie.to_person.uid})
    assert not Tie.objects.filter(pk=pk).exists()
    event = AuditEvent.objects.get(model="fieldwork.Tie", object_id=pk, action="delete")
    assert event.changes["kind"] == ["in_touch", None]


def test_it_answers_404_to_who_may_not_remove_it(fw, tie, login):
    for name in ("cell_member", "overseer", "outsider"):
        client = login(fw.world.user(name))
        assert client.get(_url(tie)).status_code == 404
        assert client.post(_url(tie)).status_code == 404
    assert Tie.objects.filter(pk=tie.pk).exists()
