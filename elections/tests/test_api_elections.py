"""The read-only API of elections, nominations and office terms."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_lists_the_units_elections_with_published_counts(world, elections, login):
    client = login(world.user("cell_member"))
    data = client.get("/api/elections/").json()
    rows = data["results"] if isinstance(data, dict) else data
    by_uid = {row["uid"]: row for row in rows}
    assert set(by_uid) == {str(elections["chair"].uid), str(elections["open"].uid)}
    assert by_uid[str(elections["chair"].uid)]["result"]["method"] == "sole"
    assert "id" not in by_uid[str(elections["chair"].uid)]


def test_it_lists_nominations_and_terms_in_scope_only(world, elections, login):
    client = login(world.user("sibling_secretary"))
    for url in ("/api/elections/", "/api/nominations/", "/api/office-terms/"):
        data = client.get(url).json()
        assert (data["results"] if isinstance(data, dict) else data) == []
