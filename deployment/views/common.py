"""Shared by the deployment pages: the addresses they send each other to. (Form plumbing,
``next`` and htmx detection are ``nucleus.web``.)"""

from __future__ import annotations

from uuid import UUID

from django.urls import reverse


def planning_url(unit_uid: UUID) -> str:
    return reverse("deployment:planning", kwargs={"uid": unit_uid})


def run_url(run_uid: UUID) -> str:
    return reverse("deployment:run_detail", kwargs={"uid": run_uid})
