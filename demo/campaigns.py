"""ICOR's solidarity campaign of ``003``, built through the campaign actions: from 1 December
2022, the six components as the seed lists them, the day of action (the seed's window, then a
fixed date that is fictional: the seed gives none), the material package holding the
resolution's own text (a text file generated from the seed), and a few clearly fictional
actions announced by member organizations and published by the office. The campaign's public
page is published. Finds before creating: loading twice creates nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from campaigns import actions, sending
from campaigns.models import ActionAnnouncement, Campaign, Material
from coalitions.models import CoalitionResolution
from demo.seed_text import SeedError
from demo.seeds import IcorResolution, read_seed
from organizations.models import Coalition, Organization

#: The seed's words for the day of action, and the dates the demo reads them as.
WINDOW_TEXT = "at the end of November, beginning of December"
WINDOW = (date(2022, 11, 26), date(2022, 12, 10))
#: Fictional: the seed fixes no date.
FIXED_DAY = date(2022, 12, 10)
FIXED_NOTE = "Fictional date for the demo: the seed gives only the window."
TITLE_LIMIT = 150
RESOLUTION_FILE_TITLE = "The resolution (text of the call)"
#: (organization's acronym, what, city, country, date, component number): all fictional.
ACTIONS = (
    ("MLPD", "Fictional: rally in solidarity with the uprising", "Gelsenkirchen", "Germany",
     date(2022, 12, 10), 6),
    ("RMP", "Fictional: lecture on the revolutionary ferment in Iran", "Moscow", "Russia",
     date(2022, 12, 3), 1),
    ("UMLP", "Fictional: rally in solidarity with the women of Iran", "Lisbon", "Portugal",
     date(2022, 12, 10), 4),
    ("CPK", "Fictional: public meeting on the uprising", "Nairobi", "Kenya",
     date(2022, 12, 7), 4),
)


@dataclass(frozen=True)
class SeedComponent:
    title: str  # the first sentence
    description: str  # the rest of the line


def parse_components(text: str, source: str = "003") -> list[SeedComponent]:
    """The bullet lines ("•") between "with the following components:" and the signatory
    list; the first sentence is the component's title, the rest its description."""
    start = re.search(r"with the following components:\s*$", text, re.M)
    end = re.search(r"^Signatories \(", text, re.M)
    if start is None or end is None or end.start() < start.end():
        raise SeedError(f"{source}: no list of components before the signatories")
    found = []
    for line in text[start.end():end.start()].splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("•"):
            raise SeedError(f"{source}: a component line does not start with •: {line[:40]!r}")
        found.append(_component(line.lstrip("•").strip()))
    if not found:
        raise SeedError(f"{source}: the list of components is empty")
    return found


def _component(body: str) -> SeedComponent:
    """The first sentence as title and the rest as description; a first sentence too long for
    a title is shortened at a word (…) and the description holds the whole line."""
    head, sep, rest = body.partition(". ")
    head = head + "." if sep else head
    if len(head) <= TITLE_LIMIT:
        return SeedComponent(title=head, description=rest.strip())
    short = body[:TITLE_LIMIT - 1].rsplit(" ", 1)[0].rstrip(",;:( ")
    return SeedComponent(title=f"{short}…", description=body)


def resolution_text(text: str, source: str = "003") -> str:
    """The resolution itself: from its call ("Down with ...") to the signatory list."""
    start = re.search(r"^Down with .*$", text, re.M)
    end = re.search(r"^Signatories \(", text, re.M)
    if start is None or end is None:
        raise SeedError(f"{source}: the resolution's text was not found")
    return text[start.start():end.start()].strip() + "\n"


def build_campaigns(icor: Coalition, resolution: IcorResolution,
                    say: Callable[[str], None]) -> int:
    """ICOR's campaign; returns how many records were created."""
    _name, text = read_seed(settings.NUCLEUS_SEEDS_DIR, "003")
    components = parse_components(text)
    created = 0
    campaign = Campaign.objects.filter(coalition=icor, title=resolution.title).first()
    if campaign is None:
        campaign = actions.do_create_campaign(acting_user=None, coalition=icor, data={
            "title": resolution.title, "language": "en", "starts_on": resolution.starts_on,
            "description": f"The call reached {resolution.approvals} approvals as an ICOR "
                           f"resolution; the campaign starts on "
                           f"{resolution.starts_on.day} {resolution.starts_on:%B %Y}."})
        created += 1
    for number, component in enumerate(components, start=1):
        if not campaign.components.filter(number=number).exists():
            actions.do_add_component(acting_user=None, campaign=campaign, number=number,
                                     title=component.title, description=component.description)
            created += 1
    if not campaign.days_of_action.exists():
        actions.do_set_day_of_action(acting_user=None, campaign=campaign, starts_on=WINDOW[0],
                                     ends_on=WINDOW[1], window_text=WINDOW_TEXT)
        actions.do_set_day_of_action(acting_user=None, campaign=campaign, starts_on=FIXED_DAY,
                                     window_text="", note=FIXED_NOTE)
        created += 2
    if not Material.objects.filter(campaign=campaign, title=RESOLUTION_FILE_TITLE).exists():
        actions.do_add_material(acting_user=None, campaign=campaign,
                                title=RESOLUTION_FILE_TITLE, kind=Material.Kind.DOCUMENT,
                                language="en", public=True,
                                content=resolution_text(text).encode())
        created += 1
    created += _announce(icor, campaign)
    # The resolution itself is the coalitions demo's (demo/coalitions.py): linked once there.
    adopted = CoalitionResolution.objects.filter(coalition=icor, title=resolution.title).first()
    if adopted is not None and campaign.resolution_id is None:
        actions.do_update_campaign(acting_user=None, campaign=campaign,
                                   data={"resolution": adopted})
    if not campaign.is_published:
        actions.do_set_campaign_published(acting_user=None, campaign=campaign, published=True)
    say(f"ICOR campaign: {len(components)} components, "
        f"{campaign.announcements.filter(published=True).count()} published actions.")
    return created


def _announce(icor: Coalition, campaign: Campaign) -> int:
    created = 0
    for acronym, what, city, country, day, number in ACTIONS:
        organization = Organization.objects.filter(
            acronym=acronym, coalition_memberships__coalition=icor).first()
        if organization is None or ActionAnnouncement.objects.filter(
                campaign=campaign, organization=organization, what=what).exists():
            continue
        component = campaign.components.get(number=number)
        sending.do_take_up(acting_user=None, campaign=campaign, organization=organization,
                           components=[component])
        announcement = sending.do_announce_action(
            acting_user=None, campaign=campaign, organization=organization, what=what,
            city=city, country=country, date=day, component=component)
        sending.do_publish_announcement(acting_user=None, announcement=announcement)
        created += 2
    return created
