"""Logging out: ends the web session and every API token of the user.

A token that outlived its owner's logout would keep a stolen laptop's script working after
the member believed they had closed everything; so logging out of the web ends them all
(the token page says so).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from accounts.tokens import revoke_all_tokens


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            revoke_all_tokens(request.user, acting_user=request.user)
        return super().post(request, *args, **kwargs)
