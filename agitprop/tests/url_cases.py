"""URL patterns of the agitation and propaganda pages and API (see tests/url_walk.py), and
the records the walk needs: in Cell A, Cell B and Cell X (the other party) a field of their own, a
periodical of the party, a material, a distribution and a correspondence sent to the
periodical, so that every reader has one inside and one outside their scope."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from agitprop.models import Correspondence, Distribution, Material, SentCorrespondence
from fieldwork.models import Field
from organizations.models import Unit
from publications.models import Periodical
from tests.url_walk import Case

CASES = {
    "agitprop:distribution_create": Case(model=Field, action="add"),
    "agitprop:correspondence_create": Case(model=Field, action="add"),
    "agitprop:materials": Case(model=Unit, action="add"),
    "agitprop:correspondence_list": Case(model=Unit, action="add"),
    "agitprop:correspondence_send": Case(model=Correspondence, action="change",
                                         method="POST"),
    "agitprop:received": Case(model=Periodical),
    "material-list": Case(model=None),
    "material-detail": Case(model=Material),
    "distribution-list": Case(model=None),
    "distribution-detail": Case(model=Distribution),
    "correspondence-list": Case(model=None),
    "correspondence-detail": Case(model=Correspondence),
    "correspondence-send": Case(model=Correspondence, action="change", method="POST"),
    "received-correspondence-list": Case(model=None),
    "received-correspondence-detail": Case(model=SentCorrespondence),
}


def extend_world(world) -> None:
    from agitprop.actions import (
        do_add_material,
        do_record_distribution,
        do_send_correspondence,
        do_write_correspondence,
    )
    from fieldwork.actions import do_create_field
    from publications.actions import do_create_periodical

    today = timezone.localdate()
    papers = {key: do_create_periodical(acting_user=None, organization=world.orgs[key],
                                        data={"title": f"{key} Workers' Voice", "kind":
                                              "newspaper", "languages": ["fa"]})
              for key in ("rp", "op")}
    for key, org in (("cell_a", "rp"), ("cell_b", "rp"), ("cell_x", "op")):
        unit = world.units[key]
        field = do_create_field(acting_user=None, unit=unit, data={
            "name": f"Press field {key}", "headcount": 40})
        material = do_add_material(acting_user=None, unit=unit,
                                   data={"kind": "leaflet", "title": f"Leaflet {key}"})
        do_record_distribution(acting_user=None, unit=unit, field=field, quantity=30,
                               distributed_on=today - timedelta(days=2), material=material)
        letter = do_write_correspondence(
            acting_user=None, unit=unit, field=field, periodical=papers[org],
            data={"pen_name": f"Pen {key}", "text": "Wages are late again.",
                  "written_on": today})
        if key != "cell_b":
            do_send_correspondence(acting_user=None, correspondence=letter)
