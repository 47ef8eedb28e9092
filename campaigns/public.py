"""What the public campaign page shows, built once for the page (``public_views.py``) and for
the static export (``export.py``), which differ only in how they write links (``Links``).

The page shows only what is published or public: a published campaign (or, as a preview, one
the reader may see inside the app), its components and day of action, the resolution's
texts and dated signatory list (``resolution.py``), the actions the office published, the
material package's public files, and what other apps add: a report section through the
``{% public_reports campaign %}`` tag of ``memberreports`` when that app is installed, feed
entries through ``FEED_SOURCES``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import Http404
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from campaigns import files, resolution
from campaigns.models import Campaign, Material, is_rtl
from nucleus import preferences

UI_LANGUAGES = [code for code, _name in settings.LANGUAGES]
CSS = "campaigns/public.css"


class Links:
    """How the page links to itself, its feed, its stylesheet and its files."""

    def page(self, campaign: Campaign, language: str, default: str) -> str:
        raise NotImplementedError

    def feed(self, campaign: Campaign) -> str:
        raise NotImplementedError

    def css(self) -> str:
        raise NotImplementedError

    def file(self, name: str, load: Callable[[], bytes], app_url: str) -> str:
        """A file the page links to: ``app_url`` in the app; in the export, ``name`` inside
        the folder, with its content from ``load()`` (another app's photos use this too)."""
        raise NotImplementedError

    def material(self, material: Material) -> str:
        return self.file(f"{material.uid}.{files.EXTENSIONS[material.file_type]}",
                         lambda: files.read(material.file_sha256, material.file_type),
                         reverse("campaigns_public:material", kwargs={"uid": material.uid}))


class AppLinks(Links):
    def page(self, campaign: Campaign, language: str, default: str) -> str:
        url = reverse("campaigns_public:page", kwargs={"uid": campaign.uid})
        return url if language == default else f"{url}?lang={language}"

    def feed(self, campaign: Campaign) -> str:
        return reverse("campaigns_public:feed", kwargs={"uid": campaign.uid})

    def css(self) -> str:
        return static(CSS)

    def file(self, name: str, load: Callable[[], bytes], app_url: str) -> str:
        return app_url


@dataclass
class ExportLinks(Links):
    """Relative links inside one folder; ``pending`` collects the files to write."""

    pending: dict[str, Callable[[], bytes]] = field(default_factory=dict)

    def page(self, campaign: Campaign, language: str, default: str) -> str:
        return page_file(language, default)

    def feed(self, campaign: Campaign) -> str:
        return "feed.atom"

    def css(self) -> str:
        return "public.css"

    def file(self, name: str, load: Callable[[], bytes], app_url: str) -> str:
        self.pending[name] = load
        return f"files/{name}"


def page_file(language: str, default: str) -> str:
    return "index.html" if language == default else f"index.{language}.html"


def visible_campaign(user: Any, uid: Any) -> tuple[Campaign, bool]:
    """The campaign and whether this is a preview: published for anyone, else only for
    those who see it inside the app (404 for everyone else, as for a missing one)."""
    try:
        campaign = Campaign.objects.select_related("coalition").get(uid=uid)
    except (Campaign.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if campaign.is_published:
        return campaign, False
    if user is not None and user.is_authenticated and Campaign.objects.restrict(user).filter(
            pk=campaign.pk).exists():
        return campaign, True
    raise Http404


def public_materials(campaign: Campaign) -> list[Material]:
    return list(campaign.materials.filter(public=True).order_by("kind", "title"))


def languages(campaign: Campaign) -> tuple[list[str], str]:
    """The languages the page is offered in (the texts' languages first, then the
    interface's), and the default one (the original text's)."""
    texts = resolution.text_languages(campaign) or [campaign.language]
    default = texts[0]
    return list(dict.fromkeys([*texts, *UI_LANGUAGES])), default


def language_name(code: str) -> str:
    try:
        return str(translation.get_language_info(code)["name_local"])
    except KeyError:
        return code


def ui_language(language: str) -> str:
    """The interface's language for a page in ``language`` (English where it has none)."""
    return language if language in UI_LANGUAGES else settings.LANGUAGE_CODE


@contextmanager
def page_language(language: str) -> Iterator[None]:
    """The page's interface language and its calendar and digits (the page is the same for
    every reader, in the app and in the export)."""
    ui = ui_language(language)
    with translation.override(ui), preferences.activated(preferences.defaults(ui)):
        yield


def page_context(campaign: Campaign, language: str, links: Links, *,
                 preview: bool = False) -> dict[str, Any]:
    offered, default = languages(campaign)
    day = campaign.day_of_action
    return {
        "campaign": campaign, "language": language, "rtl": is_rtl(language),
        "preview": preview, "public_links": links, "css_href": links.css(),
        "feed_href": links.feed(campaign),
        "switch": [{"code": code, "name": language_name(code), "current": code == language,
                    "href": links.page(campaign, code, default), "rtl": is_rtl(code)}
                   for code in offered],
        "campaign_dir": "rtl" if is_rtl(campaign.language) else "ltr",
        "components": list(campaign.components.order_by("number")),
        "day": day,
        "day_history": list(campaign.days_of_action.order_by("created_at", "pk"))[:-1],
        "resolution": resolution.public_resolution(campaign, language),
        "actions": published_actions(campaign),
        "materials": [{"material": m, "href": links.material(m)}
                      for m in public_materials(campaign)],
    }


def published_actions(campaign: Campaign) -> list[Any]:
    from campaigns.models import ActionAnnouncement

    return list(ActionAnnouncement.objects.filter(campaign=campaign, published=True)
                .select_related("component", "organization").order_by("date", "city"))


# --- the Atom feed ---

@dataclass(frozen=True)
class FeedItem:
    uid: str
    title: str
    description: str
    published: datetime
    anchor: str  # the fragment of the entry on the page ("action-<uid>")


#: Other apps add their entries (published member reports): functions of the campaign.
FEED_SOURCES: list[Callable[[Campaign], Iterable[FeedItem]]] = []


def _action_items(campaign: Campaign) -> Iterable[FeedItem]:
    for action in published_actions(campaign):
        place = ", ".join(filter(None, [action.city, action.country]))
        yield FeedItem(uid=str(action.uid), title=action.what,
                       description=f"{action.date.isoformat()} {place}".strip(),
                       published=action.published_at or action.created_at,
                       anchor=f"action-{action.uid}")


def atom(campaign: Campaign, page_url: str, feed_url: str) -> str:
    """The feed of published actions (and what ``FEED_SOURCES`` add), newest first."""
    feed = Atom1Feed(title=campaign.title, link=page_url, feed_url=feed_url,
                     description=_("Actions of the campaign"), language=campaign.language,
                     feed_guid=f"urn:uuid:{campaign.uid}")
    items = [*_action_items(campaign)]
    for source in FEED_SOURCES:
        items.extend(source(campaign))
    for item in sorted(items, key=lambda i: i.published, reverse=True):
        feed.add_item(title=item.title, link=f"{page_url}#{item.anchor}",
                      description=item.description, unique_id=f"urn:uuid:{item.uid}",
                      pubdate=item.published, updateddate=item.published)
    return feed.writeString("utf-8")
