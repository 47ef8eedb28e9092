"""URL patterns of the campaign pages, public pages and API (see tests/url_walk.py), and the
records the walk needs: a second coalition with the Other Party as member, in each coalition
a campaign not yet published (made first, so that whoever does not see a campaign meets an
unpublished one: 404), then a published one in the Test Coalition with a component, an
internal and a public material, an uptake and announcements by the Red Party (one published).

The public pages answer anonymous users for a published campaign (campaigns/tests/
test_view_public_page.py); inside the app, a reader who sees an unpublished campaign gets its
preview, everyone else 404."""

from __future__ import annotations

from datetime import date

from campaigns.models import ActionAnnouncement, Campaign, Component, Material, Uptake
from organizations.models import Coalition
from tests.url_walk import Case

CASES = {
    "campaigns:coalition_campaigns": Case(model=Coalition),
    "campaigns:create": Case(model=Coalition, action="change"),
    "campaigns:detail": Case(model=Campaign),
    "campaigns:edit": Case(model=Campaign, action="change"),
    "campaigns:publish": Case(model=Campaign, action="change", method="POST"),
    "campaigns:component_add": Case(model=Campaign, action="change"),
    "campaigns:day_of_action": Case(model=Campaign, action="change"),
    "campaigns:material_add": Case(model=Campaign, action="change"),
    "campaigns:material_public": Case(model=Material, action="change", method="POST"),
    "campaigns:take_up": Case(model=Campaign),
    "campaigns:announce": Case(model=Campaign),
    "campaigns:announcement_publish": Case(model=ActionAnnouncement, action="change",
                                           method="POST"),
    "campaigns_public:page": Case(model=Campaign, public=True),
    "campaigns_public:feed": Case(model=Campaign, public=True),
    "campaigns_public:material": Case(model=Material, public=True),
    "campaign-list": Case(model=None),
    "campaign-detail": Case(model=Campaign),
    "campaign-component-list": Case(model=None),
    "campaign-component-detail": Case(model=Component),
    "campaign-material-list": Case(model=None),
    "campaign-material-detail": Case(model=Material),
    "campaign-uptake-list": Case(model=None),
    "campaign-uptake-detail": Case(model=Uptake),
    "campaign-action-list": Case(model=None),
    "campaign-action-detail": Case(model=ActionAnnouncement),
}

TEXT = b"Down with the regime!\n"


def extend_world(world) -> None:
    from campaigns import actions, sending
    from organizations.actions import do_create_coalition, do_set_membership

    other = do_create_coalition(acting_user=None, data={"name": "Other Coalition",
                                                        "acronym": "OC"})
    do_set_membership(acting_user=None, coalition=other, organization=world.orgs["op"],
                      data={"status": "member"})
    start = date(2022, 12, 1)
    drafts = []
    for coalition in (world.coalition, other):
        draft = actions.do_create_campaign(acting_user=None, coalition=coalition, data={
            "title": f"Draft campaign {coalition.acronym}", "starts_on": start})
        actions.do_add_component(acting_user=None, campaign=draft, title="Educational work")
        actions.do_add_material(acting_user=None, campaign=draft, title="Internal note",
                                kind="document", language="en", content=TEXT)
        drafts.append(draft)
    for draft, org in zip(drafts, ("rp", "op"), strict=True):
        sending.do_announce_action(acting_user=None, campaign=draft,
                                   organization=world.orgs[org], what="Fictional: meeting",
                                   city="Nowhere", country="Nowhere", date=start)
    campaign = actions.do_create_campaign(acting_user=None, coalition=world.coalition, data={
        "title": "Solidarity campaign", "starts_on": start})
    component = actions.do_add_component(acting_user=None, campaign=campaign,
                                         title="Day of action")
    actions.do_set_day_of_action(acting_user=None, campaign=campaign, starts_on=start,
                                 window_text="beginning of December")
    actions.do_add_material(acting_user=None, campaign=campaign, title="Slogans",
                            kind="slogan", language="en", content=TEXT + b"2", public=True)
    actions.do_set_campaign_published(acting_user=None, campaign=campaign, published=True)
    sending.do_take_up(acting_user=None, campaign=campaign, organization=world.orgs["rp"],
                       components=[component])
    published = sending.do_announce_action(
        acting_user=None, campaign=campaign, organization=world.orgs["rp"], component=component,
        what="Fictional: rally", city="Red City", country="Nowhere", date=start)
    sending.do_publish_announcement(acting_user=None, announcement=published)
