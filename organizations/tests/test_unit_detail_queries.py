"""The unit page builds the reader's scope once per request and hands its templates lists, so
that no template runs a query of its own and the count does not grow with the template's uses
of the scope."""

import pytest
from django.db.models import QuerySet
from django.template import Context, Template
from django.test import RequestFactory

from access import scope as scope_module
from organizations.tests.helpers import url

pytestmark = pytest.mark.django_db


def test_it_builds_the_scope_once_per_request(world, login, monkeypatch):
    client = login(world.user("cell_secretary"))
    built = []
    original = scope_module.Scope.__init__

    def counting(self, user):
        built.append(user.pk)
        original(self, user)

    monkeypatch.setattr(scope_module.Scope, "__init__", counting)
    response = client.get(url("unit_detail", world.units["cell_a"]))
    assert response.status_code == 200
    assert built == [world.user("cell_secretary").pk]


def test_it_hands_its_templates_no_queryset(world, login):
    response = login(world.user("cell_secretary")).get(url("unit_detail", world.units["cell_a"]))
    assert response.status_code == 200 and "alias-cella-1" in response.content.decode()
    lazy = {(template.name, key) for template, context in zip(response.templates,
                                                              response.context, strict=True)
            for layer in context.dicts for key, value in layer.items()
            if isinstance(value, QuerySet)}
    assert lazy == set()


@pytest.mark.parametrize("uses", [1, 6])
def test_it_asks_nothing_more_for_more_uses_of_the_scope(world, uses,
                                                         django_assert_num_queries):
    # Every use below reads the scope; only the first builds it (roles, coalition offices).
    user = world.user("cell_secretary")
    user = type(user).objects.get(pk=user.pk)  # no scope cached on it yet
    request = RequestFactory().get("/")
    request.user = user
    unit = world.units["cell_a"]
    template = Template("{% load organs_tags fieldwork_tags access_tags %}" + uses * (
        "{% organ_links unit %}{{ unit|may_reveal:user }}"
        "{% may 'add' unit 'fieldwork.Activity' as m %}{{ m }}"))
    with django_assert_num_queries(2):
        template.render(Context({"request": request, "user": user, "unit": unit}))
