"""Adding a periodical to an organization: its facts, its main edition, its programme
languages; bad input changes nothing."""

import pytest

from publications.models import Edition, Periodical
from publications.tests.helpers import founder, url

pytestmark = pytest.mark.django_db

GOOD = {"title": "Red Star", "kind": "newspaper", "languages": "fa, ku", "pages": "8",
        "started_precision": "day", "first_issue_precision": "day"}


def test_it_adds_a_periodical_with_its_main_edition(world, login):
    rp = world.orgs["rp"]
    response = login(founder()).post(url("periodical_create", rp),
                                     {**GOOD, "publishing_unit": world.units["north"].uid})
    star = Periodical.objects.get(title="Red Star")
    assert response.status_code == 302 and response.url == url("periodical_detail", star)
    assert (star.organization, star.publishing_unit, star.languages, star.pages) == (
        rp, world.units["north"], ["fa", "ku"], 8)
    assert list(star.editions.values_list("language", flat=True)) == ["fa"]


def test_it_keeps_a_start_known_to_the_month(world, login):
    login(founder()).post(url("periodical_create", world.orgs["rp"]), {
        **GOOD, "started_on": "2006-03-17", "started_precision": "month"})
    star = Periodical.objects.get(title="Red Star")
    assert (str(star.started_on), star.started_precision) == ("2006-03-01", "month")


def test_it_records_the_programme_languages_of_a_channel(world, login):
    login(founder()).post(url("periodical_create", world.orgs["rp"]), {
        **GOOD, "kind": "tv", "programme": "fa 80\nen\nku 5"})
    rows = Periodical.objects.get(title="Red Star").programme_languages.values_list(
        "language", "share", "percent")
    assert list(rows) == [("fa", "main", 80), ("en", "some", None), ("ku", "some", 5)]


@pytest.mark.parametrize(("bad", "field", "message"), [
    ({"title": ""}, "title", "This field is required."),
    ({"languages": "Persian!"}, "languages", "language codes such as fa"),
    ({"programme": "Persian mostly"}, "programme", "a language code"),
    ({"url": "javascript:alert(1)"}, "url", "Enter a valid URL."),
])
def test_it_refuses_bad_input_and_adds_nothing(world, login, bad, field, message):
    response = login(founder()).post(url("periodical_create", world.orgs["rp"]),
                                     {**GOOD, **bad})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Periodical.objects.filter(title="Red Star").exists()
    assert not Edition.objects.filter(periodical__title="Red Star").exists()


def test_it_offers_only_the_organizations_units(world, login):
    form = login(founder()).get(url("periodical_create", world.orgs["rp"])).context["form"]
    units = set(form.fields["publishing_unit"].queryset)
    assert world.units["north"] in units and world.units["cell_x"] not in units


def test_it_404s_without_the_right_to_change_the_profile(world, login):
    for who in ("cell_secretary", "outsider", "coalition_office"):
        response = login(world.user(who)).post(url("periodical_create", world.orgs["rp"]),
                                               GOOD)
        assert response.status_code == 404
    assert not Periodical.objects.filter(title="Red Star").exists()
