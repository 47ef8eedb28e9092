"""The plumbing every app's pages share: one copy, so that each rule holds on every page.

* A form's valid input goes to a ``do_*`` action; a ValidationError from the action is shown
  on the form and nothing is written (``run_form`` for function views, ``ActionFormView``
  for class-based ones).
* A ``next`` address is followed only when it stays on this site (``safe_next``): anything
  else would make the site an open redirect.
* An edit carries the version of the record it was opened on (a hidden ``version`` input);
  saving over a record that changed since is refused with a message naming what changed
  (``access.records.check_unchanged``), never a silent overwrite.
* An htmx request gets a fragment (``is_htmx``); a request htmx makes to restore its history
  gets the whole page, and pages that answer both vary on the headers (``vary_on_htmx``).

Objects are loaded with ``access.helpers.access_object`` (404 outside the scope, exactly like
a missing record); nothing here decides access.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.vary import vary_on_headers
from django.views.generic import FormView

from access.helpers import access_object
from access.records import Record, check_unchanged

M = TypeVar("M", bound=models.Model)

#: The request headers an htmx-aware page's answer depends on.
HTMX_HEADERS = ("HX-Request", "HX-History-Restore-Request")

#: For a page that answers an htmx request with a fragment: a cache must not hand the
#: fragment to a plain request for the same address, nor the page to htmx.
vary_on_htmx = vary_on_headers(*HTMX_HEADERS)


def bound(request: HttpRequest):
    """Form data on POST (even when empty, so that it is validated), else None."""
    return request.POST if request.method == "POST" else None


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx asks for a fragment to swap in. When htmx restores a pushed address it
    has not cached it needs the whole page, so that request is not counted."""
    return (request.headers.get("HX-Request") == "true"
            and request.headers.get("HX-History-Restore-Request") != "true")


def safe_next(request: HttpRequest, default: str) -> str:
    """Where to go back to: a ``next`` address (form data first, then the query string) when
    it stays on this site, else ``default``. Another host, another scheme or an ``http``
    address on an ``https`` site is refused: a link must not be able to send a user, after a
    form of ours, to a page that looks like ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


def add_action_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a ValidationError raised by an action onto the form: on the field it names when
    the form has that field, else at the top of the form (an action checks more than its
    form, and names model fields the form may not show)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None,
                       errors)


def error_text(error: ValidationError) -> str:
    """An action's ValidationError as one line, for a message on a page without a form."""
    return " ".join(error.messages)


def run_step(request: HttpRequest, step: Callable[..., Any], done: str, back: str,
             **kwargs: Any) -> HttpResponse:
    """A button that runs one action: say what came of it (the refusal, or ``done``) and go
    back to ``back``. The caller has fetched its records through the access layer."""
    try:
        step(acting_user=request.user, **kwargs)
    except ValidationError as refusal:
        messages.error(request, error_text(refusal))
    else:
        messages.success(request, done)
    return HttpResponseRedirect(back)


def form_error_text(form: forms.BaseForm) -> str:
    """A form's errors as one line (each after its field's label), for a message when the
    form is a few buttons and is not shown again."""
    parts: list[str] = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.extend(f"{label}: {e}" if label else str(e) for e in errors)
    return " ".join(parts)


def fresh(obj: M) -> M:
    """A freshly loaded copy of ``obj``, for a model form's instance: a model form writes its
    input into its instance while validating, and actions compare against the stored row."""
    return type(obj)._default_manager.get(pk=obj.pk)


@dataclass(frozen=True)
class Done:
    """What an action runner's ``perform`` returns instead of a bare address when the success
    message names what the action made (the alias of a new person, say)."""

    url: str
    message: str


Perform = Callable[[], str | Done]


VERSION_FIELD = "version"


def carry_version(form: forms.BaseForm, record: models.Model | None) -> None:
    """Give an edit form a hidden input with the version of the record it shows; a form
    bound to a POST reads back the version it was opened on."""
    if isinstance(record, Record) and VERSION_FIELD not in form.fields:
        form.fields[VERSION_FIELD] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=1, initial=record.version)


def _check_version(form: forms.BaseForm, record: models.Model | None) -> None:
    # Taken out of the cleaned data: the version is bookkeeping, never input to an action.
    version = form.cleaned_data.pop(VERSION_FIELD, None)
    if isinstance(record, Record) and VERSION_FIELD in form.fields:
        check_unchanged(record, version)


def _perform(request: HttpRequest, form: forms.BaseForm, perform: Perform, success: str, *,
             atomic: bool, record: models.Model | None = None) -> HttpResponse | None:
    """Call the action(s), with ``atomic`` in one transaction: a ValidationError goes onto
    the form and leaves nothing behind, even when ``perform`` had called an action before
    the one that refused. Returns the redirect, or None to show the form again."""
    try:
        if atomic:
            with transaction.atomic():
                _check_version(form, record)
                outcome = perform()
        else:
            _check_version(form, record)
            outcome = perform()
    except ValidationError as error:
        add_action_errors(form, error)
        return None
    if isinstance(outcome, Done):
        url, success = outcome.url, outcome.message
    else:
        url = outcome
    if success:
        messages.success(request, success)
    return HttpResponseRedirect(url)


def run_form(request: HttpRequest, form: forms.BaseForm, perform: Perform,
             success: str = "", *, atomic: bool = True,
             record: models.Model | None = None) -> HttpResponse | None:
    """The action runner of a function view: validate, then call ``perform`` (which calls the
    action and returns where to go next, or a ``Done``). Returns the redirect after success,
    or None when the form is to be shown (unbound, invalid, or refused by the action)::

        return run_form(request, form, perform, _("Saved.")) or render(...)

    ``atomic=False`` is for an action that commits its own transaction before it starts
    work that must not run inside one (a plan run started right away, say); such a
    ``perform`` calls that one action only. ``record`` is the record an edit form changes:
    the form carries its version, and a save over a newer version is refused.
    """
    carry_version(form, record)
    if not (form.is_bound and form.is_valid()):
        return None
    return _perform(request, form, perform, success, atomic=atomic, record=record)


class ActionFormView(LoginRequiredMixin, FormView):
    """A form page whose valid input is handed to a ``do_*`` action (``perform``).

    With ``scoped_model`` set, the object named by ``uid`` (the URL's) is loaded through
    ``access_object`` for ``scoped_action`` before anything else, so that a page outside the
    scope answers 404 whatever is posted. A ValidationError from the action goes back onto
    the form, and nothing is written.
    """

    template_name = "nucleus/form.html"
    scoped_model: type[models.Model] | None = None
    scoped_action = "view"
    heading: Any = ""
    success_message: Any = _("Saved.")
    object: Any = None
    #: See ``run_form``: False only for an action that commits before starting other work.
    atomic = True
    #: An edit of ``object`` itself: the form carries the version it was opened on, and a
    #: save over a newer one is refused (not for pages that add something to the object).
    checks_version = False

    def dispatch(self, request, *args, **kwargs):
        # Before the object is loaded: an anonymous user is sent to log in, never given 404.
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.scoped_model is not None:
            self.object = access_object(self.scoped_model, request.user, kwargs.get("uid"),
                                        self.scoped_action)
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form) -> str | Done:
        """Call the action; return the address of the page to go to afterwards."""
        raise NotImplementedError

    def get_heading(self) -> str:
        return str(self.heading)

    def get_cancel_url(self) -> str:
        return reverse("accounts:home")

    def get_notice(self) -> str:
        """A remark shown above the buttons (why the form cannot succeed, say)."""
        return ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.get_heading(), object=self.object,
                                        cancel_url=self.get_cancel_url(),
                                        notice=self.get_notice(), **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.checks_version:
            carry_version(form, self.object)
        return form

    def form_valid(self, form):
        record = self.object if self.checks_version else None
        response = _perform(self.request, form, lambda: self.perform(form),
                            str(self.success_message), atomic=self.atomic, record=record)
        return response or self.form_invalid(form)
