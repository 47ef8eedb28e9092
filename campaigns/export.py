"""The public campaign page as a self-contained static folder, for mirrors where the app's
host is blocked: one page per language (``index.html`` in the original's, ``index.<lang>.html``
for the others), ``feed.atom``, ``public.css`` and ``files/`` with the public materials and
whatever else the page links (another app's photos, through ``ExportLinks.file``). Every link
is relative; nothing points back at the app."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from campaigns import public
from campaigns.models import Campaign


def export_campaign(campaign: Campaign, folder: Path) -> list[Path]:
    """Write the folder (created if missing) and return the files written."""
    if not campaign.is_published:
        raise ValidationError(_("Only a published campaign can be exported."))
    folder.mkdir(parents=True, exist_ok=True)
    links = public.ExportLinks()
    offered, default = public.languages(campaign)
    written = []
    for language in offered:
        with public.page_language(language):
            html = render_to_string("campaigns/public/page.html",
                                    public.page_context(campaign, language, links))
        written.append(_write(folder / public.page_file(language, default), html.encode()))
    written.append(_write(folder / "feed.atom",
                          public.atom(campaign, "index.html", "feed.atom").encode()))
    css = finders.find(public.CSS)
    written.append(_write(folder / "public.css", Path(str(css)).read_bytes()))
    for name, load in links.pending.items():
        written.append(_write(folder / "files" / name, load()))
    return written


def _write(path: Path, content: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path
