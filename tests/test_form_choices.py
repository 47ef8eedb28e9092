"""Form choices never offer what the user may not see.

Every form class of the project inherits ``access.choices.RestrictedChoicesForm``, and every
page with a form, opened by the outsider (a secretary of another party) on each object
inside their scope, offers in its model choices only rows of ``restrict(outsider)``.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.forms.models import ModelChoiceIteratorValue

from access.choices import RestrictedChoicesForm
from tests.test_url_access import CASES, PATTERNS, _case_modules, _url

PROJECT_APPS = ("access", "accounts", "deployment", "fieldwork", "organizations", "people")


def _project_form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for app in PROJECT_APPS:
        for path in sorted((Path(settings.BASE_DIR) / app).glob("forms*.py")):
            module = importlib.import_module(f"{app}.{path.stem}")
            for _name, obj in inspect.getmembers(module, inspect.isclass):
                if (issubclass(obj, forms.BaseForm) and obj.__module__ == module.__name__):
                    found.append(obj)
    return found


def test_every_form_restricts_its_choices():
    classes = _project_form_classes()
    assert len(classes) > 20
    loose = [c.__qualname__ for c in classes if not issubclass(c, RestrictedChoicesForm)]
    assert not loose, f"forms without RestrictedChoicesForm: {loose}"


def _forms_in(response) -> list[forms.BaseForm]:
    seen: dict[int, forms.BaseForm] = {}
    for context in response.context or []:
        # A view that renders its own template (Django's script catalog, for the passkey
        # pages) leaves a plain dict instead of a Context.
        for layer in getattr(context, "dicts", [context]):
            for value in layer.values():
                if isinstance(value, forms.BaseForm):
                    seen[id(value)] = value
    return list(seen.values())


@pytest.fixture
def walk_world(world):
    for _path, module in _case_modules():
        extend = getattr(module, "extend_world", None)
        if extend is not None:
            extend(world)
    return world


def test_the_outsider_is_offered_only_what_they_may_see(walk_world, login):
    user = walk_world.user("outsider")
    client = login(user)
    checked = 0
    for name in sorted(PATTERNS):
        case = CASES[name]
        if case.method != "GET" or case.public or name.startswith("api"):
            continue
        if case.model is None:
            urls = [_url(name)]
        else:
            inside = case.allowed(user).order_by("pk").first()
            if inside is None:
                continue
            urls = [_url(name, inside)]
        for url in urls:
            response = client.get(f"{url}?{case.query}" if case.query else url)
            for form in _forms_in(response):
                for field_name, field in form.fields.items():
                    if not isinstance(field, forms.ModelChoiceField):
                        continue
                    model = field.queryset.model
                    key = field.to_field_name or "pk"
                    # Rows only: a filter's "none" choice ("null") and the empty one name none.
                    offered = {value.value for value, _label in field.choices
                               if isinstance(value, ModelChoiceIteratorValue)}
                    allowed = set(model.objects.restrict(user).filter(
                        **{f"{key}__in": offered}).values_list(key, flat=True))
                    stray = offered - allowed
                    assert not stray, (f"{name}: {type(form).__name__}.{field_name} offers "
                                       f"{model.__name__} rows outside restrict(): {stray}")
                    checked += 1
    assert checked >= 10, f"only {checked} model choice fields were looked at"
