"""Correcting a tie's kind and note: audited with old and new values, a stale form refused,
the tie's rules still hold, 404 for who may not change it."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from fieldwork.actions import do_create_tie
from fieldwork.models import Tie

pytestmark = pytest.mark.django_db


@pytest.fixture
def tie(fw):
    return do_create_tie(acting_user=fw.secretary, from_person=fw.member,
                         to_person=fw.contact("c-tie-edit"), kind="knows")


def _url(tie) -> str:
    return reverse("fieldwork:tie_edit", kwargs={"uid": tie.uid})


def test_it_corrects_the_kind_and_note(fw, tie, login):
    response = login(fw.secretary).post(_url(tie), {"kind": "in_touch", "note": "same bus",
                                                    "version": tie.version})
    assert response.status_code == 302
    assert response["Location"] == reverse("fieldwork:contact",
                                           kwargs={"uid": tie.to_person.uid})
    event = AuditEvent.objects.get(model="fieldwork.Tie", object_id=tie.pk, action="update")
    assert event.changes == {"kind": ["knows", "in_touch"], "note": ["", "same bus"]}


def test_it_keeps_the_rules_of_a_tie(fw, login):
    contacts = fw.contact("c-t1"), fw.contact("c-t2")
    tie = do_create_tie(acting_user=fw.secretary, from_person=contacts[0],
                        to_person=contacts[1], kind="knows")
    response = login(fw.secretary).post(_url(tie), {"kind": "in_touch",
                                                    "version": tie.version})
    assert "links a member with a contact" in response.content.decode()
    assert Tie.objects.get(pk=tie.pk).kind == "knows"


def test_it_refuses_a_stale_form(fw, tie, login):
    client = login(fw.secretary)
    client.post(_url(tie), {"kind": "family", "version": tie.version})
    response = client.post(_url(tie), {"kind": "works_beside", "version": tie.version})
    assert response.status_code == 200 and Tie.objects.get(pk=tie.pk).kind == "family"


def test_it_answers_404_to_who_may_not_change_it(fw, tie, login):
    for name in ("cell_member", "committee_member", "sibling_secretary"):
        assert login(fw.world.user(name)).get(_url(tie)).status_code == 404
