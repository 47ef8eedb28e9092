"""The box's page: the turnout while open, never a ballot; the count once closed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ballots.actions import do_cast_ballot, do_close_box
from ballots.tests.helpers import make_voters, open_box
from ballots.tests.test_counting import FOODS, WIKIPEDIA

pytestmark = pytest.mark.django_db


def _url(box) -> str:
    return reverse("ballots:box", kwargs={"uid": box.uid})


def test_it_shows_the_turnout_and_no_ballot_while_open(world, login):
    voters = make_voters(world, n=2)
    box = open_box(world)
    do_cast_ballot(acting_user=voters[0], box=box, marks=["k-dee"])
    body = login(world.user("cell_secretary")).get(_url(box)).content.decode()
    # Cell A's two people of the cast and the two voters.
    assert "1 of 4 voted" in body
    assert "The count" not in body and "First preferences" not in body


def test_it_shows_the_stv_count_with_its_rounds_after_the_close(world, login):
    voters = make_voters(world, n=20)
    options = [{"key": f"k{i}", "label": food} for i, food in enumerate(FOODS)]
    box = open_box(world, seats=3, options=options)
    keys = {food: f"k{i}" for i, food in enumerate(FOODS)}
    for voter, ranking in zip(voters, WIKIPEDIA, strict=True):
        do_cast_ballot(acting_user=voter, box=box, marks=[keys[f] for f in ranking])
    do_close_box(acting_user=world.user("cell_secretary"), box=box)
    body = login(world.user("cell_member")).get(_url(box)).content.decode()
    assert "Quota: 6 votes." in body
    assert "Round 5" in body and "Round 6" not in body
    assert "Elected: Chocolate" in body and "Eliminated: Pears" in body
    assert "4 from Chocolate to Strawberries" in body
    assert "20 of 22 voted" in body


def test_it_shows_a_yes_no_outcome(world, login):
    voters = make_voters(world, n=3)
    box = open_box(world, method="yes_no", rule="simple")
    for voter, vote in zip(voters, ["for", "for", "against"], strict=True):
        do_cast_ballot(acting_user=voter, box=box, marks=[vote])
    do_close_box(acting_user=world.user("cell_secretary"), box=box)
    body = login(world.user("cell_member")).get(_url(box)).content.decode()
    assert "Adopted." in body
