"""Seal where members live and work and the notes about them.

Forward: the four coordinates become one ciphertext (JSON of fixed-point strings, associated
data "capacity-location:<uid>", as deployment.location.Location), the notes another
("capacity-notes:<uid>"), the plain columns are emptied, and the member locations copied into
the planner instances kept with plan runs are dropped (the planner decrypts them again when
a plan is edited or applied). Backward decrypts into the plain columns and puts each member's
current location back into those instances, so no step leaves anything unreadable. The plain
columns are dropped only in 0007."""

import json
from decimal import Decimal

from django.db import migrations

from vault import crypto

PARTS = ("home_latitude", "home_longitude", "work_latitude", "work_longitude")


def _text(lat, lon):
    return None if lat is None or lon is None else [f"{lat:.6f}", f"{lon:.6f}"]


def seal(apps, schema_editor):
    capacity_model = apps.get_model("deployment", "MemberCapacity")
    for cap in capacity_model.objects.order_by("pk").iterator(chunk_size=500):
        values = {}
        home = _text(cap.home_latitude, cap.home_longitude)
        work = _text(cap.work_latitude, cap.work_longitude)
        if home or work:
            values["location_sealed"] = crypto.encrypt(
                json.dumps({"home": home, "work": work}), aad=f"capacity-location:{cap.uid}")
        if cap.notes:
            values["notes_sealed"] = crypto.encrypt(cap.notes, aad=f"capacity-notes:{cap.uid}")
        if values or any(getattr(cap, p) is not None for p in PARTS):
            capacity_model.objects.filter(pk=cap.pk).update(
                **values, **dict.fromkeys(PARTS), notes="")
    _rewrite_runs(apps, lambda member: member.pop("location", None))


def unseal(apps, schema_editor):
    capacity_model = apps.get_model("deployment", "MemberCapacity")
    points = {}
    for cap in capacity_model.objects.order_by("pk").iterator(chunk_size=500):
        values = {}
        if cap.location_sealed:
            data = json.loads(crypto.decrypt(cap.location_sealed,
                                             aad=f"capacity-location:{cap.uid}"))
            for side in ("home", "work"):
                if data.get(side):
                    lat, lon = (Decimal(v) for v in data[side])
                    values[f"{side}_latitude"], values[f"{side}_longitude"] = lat, lon
            where = data.get("home") or data.get("work")
            if where:
                points[cap.person_id] = [float(where[0]), float(where[1])]
        if cap.notes_sealed:
            values["notes"] = crypto.decrypt(cap.notes_sealed, aad=f"capacity-notes:{cap.uid}")
        if values:
            capacity_model.objects.filter(pk=cap.pk).update(
                **values, location_sealed="", notes_sealed="")
    _rewrite_runs(apps, lambda member: member.setdefault("location",
                                                         points.get(member.get("id"))))


def _rewrite_runs(apps, change):
    run_model = apps.get_model("deployment", "PlanRun")
    for run in run_model.objects.order_by("pk").iterator(chunk_size=100):
        members = (run.params or {}).get("instance", {}).get("members")
        if not members:
            continue
        for member in members:
            change(member)
        run_model.objects.filter(pk=run.pk).update(params=run.params)


class Migration(migrations.Migration):

    dependencies = [("deployment", "0005_membercapacity_sealed_columns")]

    operations = [migrations.RunPython(seal, unseal)]
