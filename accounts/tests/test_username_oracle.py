"""Regression (#9): the role form told existing usernames from unknown ones (a redirect and
a new role for one, "No active user has this username." for the other), so anyone who could
found an organization could test usernames. Now both get an offer: the same status, the same
page and the same database statements, down to the audit row."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from access.models import Role
from accounts.models import RoleOffer, User
from audit.models import AuditEvent

pytestmark = pytest.mark.django_db

EXISTING, UNKNOWN = "recruit-one", "nobody-here"


def _grant(client, world, username, keep=False):
    """The grant, undone afterwards unless ``keep``: each probe starts from the same state."""
    url = reverse("access:role_grant", kwargs={"uid": world.units["cell_a"].uid})
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"username": username, "kind": "member"})
        offers = sorted(RoleOffer.objects.values_list("username", flat=True))
        events = [(e.action, e.model, e.fields) for e in AuditEvent.objects.filter(
            model="accounts.RoleOffer")]
        transaction.set_rollback(not keep)
    response.offers, response.events = offers, events
    return response, [q["sql"] for q in queries.captured_queries]


def _normal(text: str, username: str, response) -> str:
    """The page or a statement with what legitimately differs taken out: the username typed,
    the one-time code, ids, times and the CSRF token."""
    text = text.replace(username, "USERNAME")
    if response.context and response.context.get("offer_code"):
        text = text.replace(response.context["offer_code"], "CODE")
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", text)
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "CSRF", text)
    text = re.sub(r'"s\d+_x\d+"', "SAVEPOINT", text)
    # The signed session carries its signing second: two requests a second apart differ there.
    text = re.sub(r"\"session_data\" = '[^']*'", '"session_data" = SESSION', text)
    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "UID", text)
    text = re.sub(r"'[0-9a-f]{64}'|'[0-9a-f]{32}'|\d+", "N", text)
    return re.sub(r"'\d{4}-\d\d-\d\d[ T][^']*'", "TIME", text)


def test_it_answers_an_unknown_username_exactly_like_an_existing_one(world, login):
    User.objects.create_user(EXISTING)
    client = login(world.user("cell_secretary"))
    existing, existing_sql = _grant(client, world, EXISTING)
    unknown, unknown_sql = _grant(client, world, UNKNOWN)
    assert existing.status_code == unknown.status_code == 200
    assert (_normal(existing.content.decode(), EXISTING, existing)
            == _normal(unknown.content.decode(), UNKNOWN, unknown))
    # The same work on the server: the same statements, none looking the username up.
    assert [_normal(q, EXISTING, existing) for q in existing_sql] == [
        _normal(q, UNKNOWN, unknown) for q in unknown_sql]
    # (The only statement naming the username joins it to the roles the secretary sees.)
    assert not any(re.search(r'FROM "accounts_user" WHERE', q) and EXISTING in q
                   for q in existing_sql)
    assert existing.offers == [EXISTING] and unknown.offers == [UNKNOWN]
    assert existing.events == unknown.events and len(existing.events) == 1
    assert not Role.objects.filter(user__username=EXISTING).exists()


def test_it_lists_both_offers_alike_on_the_role_page(world, login):
    User.objects.create_user(EXISTING)
    client = login(world.user("cell_secretary"))
    _grant(client, world, EXISTING, keep=True)
    _grant(client, world, UNKNOWN, keep=True)
    page = client.get(reverse("access:role_grant", kwargs={"uid": world.units["cell_a"].uid}))
    rows = {}
    for offer in page.context["offers"]:
        match = re.search(rf"<tr>\s*<td[^>]*><bdi>{re.escape(offer.username)}</bdi>.*?</tr>",
                          page.content.decode(), re.S)
        rows[offer.username] = (match.group(0).replace(offer.username, "U")
                                .replace(f"/role-offers/{offer.uid}/", "/role-offers/N/"))
    assert set(rows) == {EXISTING, UNKNOWN}
    assert rows[EXISTING] == rows[UNKNOWN]
