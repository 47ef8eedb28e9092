"""A periodical's received correspondence: the editors see text, field and pen name; the
writing cell and the periodical's other readers see none."""

import pytest
from django.urls import reverse

from access.actions import do_grant_role
from accounts.models import User
from agitprop.actions import do_send_correspondence
from agitprop.tests.helpers import field, letter, paper, url

pytestmark = pytest.mark.django_db


def test_the_editors_read_it_without_the_writer(world, login):
    mill, (periodical, _) = field(world), paper(world)
    do_send_correspondence(acting_user=world.user("cell_secretary"),
                           correspondence=letter(world, mill, periodical))
    editor = User.objects.create_user("editor")
    do_grant_role(acting_user=None, user=editor, unit=world.units["rp_congress"],
                  kind="secretary")
    client = login(editor)
    text = client.get(url("received", periodical)).content.decode()
    assert "The furnace crew has not been paid." in text and "A steelworker" in text
    assert "Steel mill" in text
    assert "Cell A" not in text and "alias-cella" not in text and "cell_secretary" not in text
    page = client.get(reverse("publications:periodical_detail", kwargs={"uid": periodical.uid}))
    assert "1 worker correspondence received" in page.content.decode()


def test_the_writing_cell_sees_none(world, login):
    mill, (periodical, _) = field(world), paper(world)
    do_send_correspondence(acting_user=None, correspondence=letter(world, mill, periodical))
    text = login(world.user("cell_member")).get(url("received", periodical)).content.decode()
    assert "furnace" not in text and "No correspondence received" in text


def test_it_404s_for_another_partys_periodical(world, login):
    periodical, _ = paper(world, "op")
    assert login(world.user("cell_secretary")).get(url("received", periodical)
                                                   ).status_code == 404
