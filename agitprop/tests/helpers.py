"""A field of Cell A, the Red Party's paper with an issue, a leaflet: what the tests share."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from agitprop.actions import do_add_material, do_write_correspondence
from fieldwork.actions import do_create_contact, do_create_field
from publications.actions import do_add_issue, do_create_periodical


def url(name: str, obj) -> str:
    return reverse(f"agitprop:{name}", kwargs={"uid": obj.uid})


def field(world, key: str = "cell_a", name: str = "Steel mill"):
    return do_create_field(acting_user=None, unit=world.units[key],
                           data={"name": name, "headcount": 50})


def paper(world, org: str = "rp"):
    periodical = do_create_periodical(acting_user=None, organization=world.orgs[org],
                                      data={"title": f"{org} Dawn", "kind": "newspaper",
                                            "languages": ["fa"]})
    issue = do_add_issue(acting_user=None, edition=periodical.editions.get(), data={
        "number": 7, "published_on": timezone.localdate() - timedelta(days=3)})
    return periodical, issue


def leaflet(world, key: str = "cell_a"):
    return do_add_material(acting_user=None, unit=world.units[key],
                           data={"kind": "leaflet", "title": "Wages now"})


def contact(the_field, alias: str = "alias-reader-1"):
    return do_create_contact(acting_user=None, field=the_field, alias=alias).person


def letter(world, the_field, periodical, pen_name: str = "A steelworker"):
    return do_write_correspondence(
        acting_user=None, unit=the_field.unit, field=the_field, periodical=periodical,
        data={"pen_name": pen_name, "text": "The furnace crew has not been paid.",
              "written_on": timezone.localdate()})
