"""The account page: password, API tokens, and accepting a role offered to the user."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from access.helpers import access_object
from accounts.forms_security import OfferCodeForm
from accounts.models import RoleOffer
from accounts.offers import do_accept_role_offer, do_withdraw_role_offer
from nucleus.web import Done, bound, run_form, safe_next


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """The account page; its form accepts a role offer by the code the secretary gave."""
    form = OfferCodeForm(bound(request))

    def perform() -> Done:
        role = do_accept_role_offer(acting_user=request.user, code=form.cleaned_data["code"])
        return Done(reverse("accounts:account"), _("You are now %(role)s of %(unit)s.") % {
            "role": role.get_kind_display(), "unit": role.unit.name})

    return run_form(request, form, perform) or render(request, "accounts/account.html",
                                                      {"form": form})


@login_required
@require_POST
def role_offer_withdraw(request: HttpRequest, uid: UUID) -> HttpResponse:
    offer = access_object(RoleOffer, request.user, uid, "delete")
    back = safe_next(request, reverse("access:role_grant", kwargs={"uid": offer.unit.uid}))
    do_withdraw_role_offer(acting_user=request.user, offer=offer)
    messages.success(request, _("The offer to %(user)s was withdrawn.") % {
        "user": offer.username})
    return redirect(back)
