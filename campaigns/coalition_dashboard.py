"""The campaigns' panel on the coalition office's dashboard (coalitions/dashboard.py): per
campaign, the announced actions waiting to be published and the actions by country and
component. Read through the access layer, as the campaign's page is."""

from __future__ import annotations

from typing import Any

from campaigns import overview
from campaigns.models import ActionAnnouncement, Campaign
from coalitions.dashboard import Panel, register


def actions_context(user: Any, coalition: Any) -> dict[str, Any] | None:
    campaigns = list(Campaign.objects.restrict(user, "change").filter(coalition=coalition)
                     .distinct().order_by("-starts_on"))
    if not campaigns:
        return None
    rows = []
    for campaign in campaigns:
        components = list(campaign.components.order_by("number"))
        actions = list(ActionAnnouncement.objects.restrict(user).filter(campaign=campaign)
                       .distinct())
        rows.append({"campaign": campaign, "components": components,
                     "waiting": sum(1 for a in actions if not a.published),
                     "table": overview.by_country_and_component(actions, components)})
    return {"campaigns": rows}


register(Panel("campaigns/_dashboard_actions.html", actions_context, order=50))
