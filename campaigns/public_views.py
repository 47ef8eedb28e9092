"""The public campaign pages (no login): the page in the languages it has, its Atom feed and
its public files. Only a published campaign is public; one that is not yet answers 404, as a
missing one does, except to those who see it inside the app (they get a preview)."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from campaigns import files, public
from campaigns.models import Material


@require_GET
def page(request: HttpRequest, uid: UUID) -> HttpResponse:
    campaign, preview = public.visible_campaign(request.user, uid)
    offered, default = public.languages(campaign)
    asked = request.GET.get("lang", "")
    language = asked if asked in offered else default
    with public.page_language(language):
        return render(request, "campaigns/public/page.html",
                      public.page_context(campaign, language, public.AppLinks(),
                                          preview=preview))


@require_GET
def feed(request: HttpRequest, uid: UUID) -> HttpResponse:
    campaign, _preview = public.visible_campaign(request.user, uid)
    links = public.AppLinks()
    body = public.atom(campaign, request.build_absolute_uri(links.page(campaign, "", "")),
                       request.build_absolute_uri())
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


@require_GET
def material(request: HttpRequest, uid: UUID) -> HttpResponse:
    """A material's file: for anyone when it is public and its campaign published, else for
    those who see it in the app (the member organizations' users, the office)."""
    found = Material.objects.filter(uid=uid).select_related("campaign").first()
    if found is None:
        raise Http404
    public_file = found.public and found.campaign.is_published
    if not public_file and not (request.user.is_authenticated and Material.objects.restrict(
            request.user).filter(pk=found.pk).exists()):
        raise Http404
    response = HttpResponse(files.read(found.file_sha256, found.file_type),
                            content_type=found.file_type)
    response["Content-Disposition"] = (
        f'attachment; filename="{files.download_name(found.title, found.file_type)}"')
    response["X-Content-Type-Options"] = "nosniff"
    return response
