"""The public page's slot for the published member reports: rendered by the
``memberreports`` app's own ``{% public_reports campaign %}`` tag when that app is installed,
empty otherwise (so the page works without it). The slot passes the page's ``public_links``
on in the context, for the reports' photos to be linked in the app and in the export alike."""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps
from django.utils.safestring import SafeString

register = template.Library()

_SLOT = "{% load memberreports_public %}{% public_reports campaign %}"


@register.simple_tag(takes_context=True)
def public_reports_slot(context: template.Context, campaign: Any) -> SafeString:
    if not apps.is_installed("memberreports"):
        return SafeString("")
    with context.push(campaign=campaign):
        # A template's rendering is already marked safe (it escaped what it inserted).
        return template.Template(_SLOT).render(context)
