"""/api/schema/: the OpenAPI description of the API, valid and without warnings."""

import json

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PATHS = ["/api/coalitions/", "/api/coalitions/{id}/", "/api/organizations/",
         "/api/organizations/{id}/", "/api/units/", "/api/units/{id}/",
         "/api/units/{id}/move/", "/api/units/{id}/counts/", "/api/people/",
         "/api/people/{id}/", "/api/people/{id}/reveal/"]


def test_it_requires_authentication(world, login):
    assert login(None).get("/api/schema/").status_code == 401


def test_it_serves_yaml_with_every_endpoint(world, login):
    response = login(world.user("cell_member")).get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(PATHS) <= set(schema["paths"])


def test_it_serves_json(world, login):
    response = login(world.user("cell_member")).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert set(PATHS) <= set(json.loads(response.content)["paths"])


def test_it_declares_the_identity_write_only(world, login):
    schema = yaml.safe_load(login(world.user("cell_member")).get("/api/schema/").content)
    person = schema["components"]["schemas"]["Person"]["properties"]
    assert person["identity"]["writeOnly"] is True
    assert not {"legal_name", "phone", "email", "address", "notes"} & person.keys()


def test_it_validates_without_warnings(tmp_path):
    # Raises (SchemaGenerationError / SystemExit) on an invalid schema or any warning.
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "/api/people/{id}/reveal/" in target.read_text()
