"""Shared by the deployment pages: the addresses they send each other to. (Form plumbing,
``next`` and htmx detection are ``nucleus.web``.)"""

from __future__ import annotations

from django.urls import reverse


def planning_url(unit_id: int) -> str:
    return reverse("deployment:planning", kwargs={"pk": unit_id})


def run_url(run_id: int) -> str:
    return reverse("deployment:run_detail", kwargs={"pk": run_id})
