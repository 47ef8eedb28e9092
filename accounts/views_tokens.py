"""The API token page: the owner lists, makes and revokes their own tokens.

Only the owner's tokens are ever loaded (``user=request.user``): another user's token
answers 404 like a missing one. A new token's key is shown once, in the answer to the POST
that made it; the database keeps only its hash.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms_security import TokenForm
from accounts.models import ApiToken
from accounts.tokens import do_create_token, do_revoke_token
from nucleus.web import bound


def _page(request: HttpRequest, form: TokenForm, new_key: str = "") -> HttpResponse:
    user = request.user
    assert user.is_authenticated  # login_required
    tokens = ApiToken.objects.filter(user=user).order_by("-created_at")
    context: dict[str, Any] = {"form": form, "tokens": tokens, "new_key": new_key,
                               "days": settings.NUCLEUS_API_TOKEN_DAYS, "now": timezone.now()}
    return render(request, "accounts/tokens.html", context)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(bound(request))
    if form.is_bound and form.is_valid():
        _token, key = do_create_token(acting_user=request.user, user=request.user,
                                      label=form.cleaned_data["label"])
        return _page(request, TokenForm(), new_key=key)
    return _page(request, form)


@login_required
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    """Revoke one of the user's own tokens (its id in the form): another user's token, like a
    missing one, answers 404."""
    user, pk = request.user, _int(request.POST.get("token"))
    assert user.is_authenticated  # login_required
    token = ApiToken.objects.filter(user=user, pk=pk).first() if pk is not None else None
    if token is None:
        raise Http404("No API token matches the given query.")
    do_revoke_token(acting_user=request.user, token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:tokens")


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None
