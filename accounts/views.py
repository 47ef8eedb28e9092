"""Logging in and out, and the home page: the user's units and coalition offices."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from access.models import Role
from accounts.founding import may_found
from accounts.mfa import must_verify
from accounts.session_limits import stamp_login
from organizations.models import Coalition
from organizations.queries import subtree_counts
from tasks.home import home_context


class LoginView(auth_views.LoginView):
    """The password step. Throttling and lockout happen in the authentication backends
    (django-axes); a user who must pass the second factor goes on to the code page."""

    template_name = "registration/login.html"
    # settings.LOGIN_REDIRECT_URL names "home", which lives in the accounts namespace.
    next_page = "accounts:home"

    def form_valid(self, form):
        response = super().form_valid(form)
        # The absolute session limit counts from this login, also when the session (and its
        # old times) survived a second login of the same user.
        stamp_login(self.request)
        return response

    def get_success_url(self) -> str:
        target = super().get_success_url()
        if must_verify(self.request.user):
            return f"{reverse('accounts:mfa_verify')}?{urlencode({'next': target})}"
        return target


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert user.is_authenticated  # login_required
    # The user's own roles; restrict() keeps this on the access layer like every read.
    roles = list(Role.objects.restrict(user).active().filter(user=user)
                 .select_related("unit__organization").order_by("unit__path"))
    counts = subtree_counts(user, [r.unit for r in roles])
    for role in roles:
        role.people_count = counts.get(role.unit_id, 0)  # type: ignore[attr-defined]  # for the page
    offices = Coalition.objects.restrict(user, "change").order_by("name")
    return render(request, "accounts/home.html", {
        "roles": roles, "offices": offices, "may_found": may_found(user),
        **home_context(user, roles)})
