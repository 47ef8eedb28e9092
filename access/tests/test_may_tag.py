"""``{% may %}``: a template's one question before it shows a button, answered as
``restrict(user, action)`` would (access/templatetags/access_tags.py)."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from fieldwork.actions import do_create_activity
from people.models import Person

pytestmark = pytest.mark.django_db


def _render(user, text: str, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load access_tags %}" + text).render(
        Context({"request": request, **context})).strip()


def test_it_answers_for_a_record_and_for_a_new_record_at_a_place(world):
    unit = world.units["cell_a"]
    activity = do_create_activity(acting_user=world.user("cell_secretary"), unit=unit,
                                  data={"kind": "one_to_one", "date": timezone.localdate()})
    text = ('{% may "change" a as change %}{% may "add" unit "fieldwork.Activity" as log %}'
            '{% may "add" unit "fieldwork.Assessment" as assess %}{{ change }} {{ log }} '
            '{{ assess }}')
    answers = {name: _render(world.user(name), text, a=activity, unit=unit)
               for name in ("cell_secretary", "cell_member", "sibling_secretary")}
    assert answers == {"cell_secretary": "True True True", "cell_member": "False True False",
                       "sibling_secretary": "False False False"}


def test_it_asks_the_database_where_the_grants_cannot_tell(world):
    org, person = world.orgs["rp"], Person.objects.get(alias="alias-cella-1")
    text = '{% may "change" org as edit %}{% may "view" person as see %}{{ edit }} {{ see }}'
    assert _render(world.user("cell_member"), text, org=org, person=person) == "False True"
    assert _render(world.user("sibling_secretary"), text, org=org, person=person) \
        == "False False"
    assert _render(None, text, org=org, person=person) == "False False"
