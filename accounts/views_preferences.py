"""The reader's language, calendar and digits (accounts/preferences.py): the profile page,
and the language menu of every page, which also saves a logged-in user's choice."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import check_for_language
from django.utils.translation import gettext_lazy as _
from django.views import i18n

from access.choices import RestrictedChoicesForm
from accounts.preferences import do_update_preferences
from nucleus.preferences import Calendar, Digits
from nucleus.web import ActionFormView

_DEFAULT = [("", _("As my language has it"))]


class AsWrittenSelect(forms.Select):
    """Options read as written: the Latin digits of "Latin (0123456789)" stay Latin on a page
    in Persian digits (nucleus/digits.py skips ``translate="no"``)."""

    def create_option(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(*args, **kwargs)
        option["attrs"]["translate"] = "no"
        return option


class PreferencesForm(RestrictedChoicesForm, forms.Form):
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("As my browser asks")), *settings.LANGUAGES])
    calendar = forms.ChoiceField(label=_("Calendar"), required=False,
                                 choices=[*_DEFAULT, *Calendar.choices])
    digits = forms.ChoiceField(label=_("Digits"), required=False, widget=AsWrittenSelect,
                               choices=[*_DEFAULT, *Digits.choices])


class PreferencesView(ActionFormView):
    form_class = PreferencesForm
    heading = _("Language and calendar")
    success_message = _("Your choices were saved.")

    def get_initial(self):
        user = self.request.user
        return {"language": user.language, "calendar": user.calendar, "digits": user.digits}

    def get_cancel_url(self) -> str:
        return reverse("accounts:account")

    def perform(self, form) -> str:
        do_update_preferences(acting_user=self.request.user, **form.cleaned_data)
        return reverse("accounts:preferences")


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch (cookie, redirect to ``next``); for a logged-in user the
    choice goes on the profile too, so it follows them to other devices."""
    response = i18n.set_language(request)
    code = request.POST.get("language", "") if request.method == "POST" else ""
    if request.user.is_authenticated and code and check_for_language(code) and code in dict(
            settings.LANGUAGES):
        do_update_preferences(acting_user=request.user, language=code)
    return response
