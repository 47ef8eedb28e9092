"""/api/schema/: the OpenAPI description of the API, valid and without warnings."""

import json

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

PATHS = ["/api/coalitions/", "/api/coalitions/{uid}/", "/api/organizations/",
         "/api/organizations/{uid}/", "/api/units/", "/api/units/{uid}/",
         "/api/units/{uid}/move/", "/api/units/{uid}/counts/", "/api/people/",
         "/api/people/{uid}/", "/api/people/{uid}/reveal/"]


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
    assert "/api/people/{uid}/reveal/" in target.read_text()


# Records of the API: named by uid, never by an integer id (ids would tell install-wide
# counts and creation order).
RECORDS = ["Coalition", "Organization", "Unit", "Person"]


def test_it_names_records_and_relations_by_uid(world, login):
    schema = yaml.safe_load(login(world.user("cell_member")).get("/api/schema/").content)
    components = schema["components"]["schemas"]
    for name in RECORDS:
        properties = components[name]["properties"]
        assert "id" not in properties, name
        assert properties["uid"]["format"] == "uuid", name
    assert components["Person"]["properties"]["unit"]["format"] == "uuid"
    assert components["Unit"]["properties"]["parent"]["format"] == "uuid"
    assert components["Organization"]["properties"]["parent_organization"]["format"] == "uuid"
    assert components["CoalitionMember"]["properties"]["organization"]["format"] == "uuid"
    for path in PATHS:
        for operation in schema["paths"][path].values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path":
                    assert parameter["name"] == "uid", path
                    assert "[0-9a-fA-F]{8}-" in parameter["schema"]["pattern"], path
