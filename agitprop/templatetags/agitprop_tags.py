"""The periodical page's link to its received correspondence, shown only to those who see
some (the editorial unit's roles): one query, no change to the periodical's view."""

from __future__ import annotations

from django import template

from agitprop.models import SentCorrespondence
from publications.models import Periodical

register = template.Library()


@register.simple_tag
def received_count(user, periodical: Periodical) -> int:
    return SentCorrespondence.objects.restrict(user).filter(periodical=periodical).count()
