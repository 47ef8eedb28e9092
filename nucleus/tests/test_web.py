"""nucleus.web: the page plumbing every app shares (next addresses, htmx, the form-to-action
runner and its error handling)."""

from __future__ import annotations

from uuid import uuid4

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from nucleus.web import (
    ActionFormView,
    Done,
    add_action_errors,
    error_text,
    form_error_text,
    fresh,
    is_htmx,
    run_form,
    safe_next,
    vary_on_htmx,
)
from organizations.models import Unit

DEFAULT = "/default/"


class NameForm(forms.Form):
    name = forms.CharField(label="Name", max_length=20)
    note = forms.CharField(label="Note", required=False)


def _request(method: str = "get", path: str = "/page/", data=None, user=None, secure=False,
             **headers):
    request = getattr(RequestFactory(), method)(path, data or {}, secure=secure,
                                                headers=headers)
    request.user = user or AnonymousUser()
    request._messages = CookieStorage(request)
    return request


def _messages(request) -> list[str]:
    return [str(m) for m in get_messages(request)]


# --- safe_next ---

def test_it_follows_a_next_on_this_site():
    request = _request("post", data={"next": "/people/search/?q=a"})
    assert safe_next(request, DEFAULT) == "/people/search/?q=a"


def test_it_refuses_an_absolute_next_to_another_host():
    request = _request("post", data={"next": "https://evil.example/login/"})
    assert safe_next(request, DEFAULT) == DEFAULT


def test_it_refuses_a_scheme_relative_next_to_another_host():
    request = _request("get", path="/page/?next=//evil.example/login/")
    assert safe_next(request, DEFAULT) == DEFAULT


def test_it_refuses_a_javascript_next():
    request = _request("post", data={"next": "javascript:alert(1)"})
    assert safe_next(request, DEFAULT) == DEFAULT


def test_it_refuses_a_plain_http_next_on_a_secure_site():
    request = _request("post", data={"next": "http://testserver/people/"}, secure=True)
    assert safe_next(request, DEFAULT) == DEFAULT
    request = _request("post", data={"next": "https://testserver/people/"}, secure=True)
    assert safe_next(request, DEFAULT) == "https://testserver/people/"


def test_it_prefers_the_form_next_to_the_query_next():
    request = _request("post", path="/page/?next=/from-query/", data={"next": "/from-form/"})
    assert safe_next(request, DEFAULT) == "/from-form/"
    request = _request("post", path="/page/?next=/from-query/")
    assert safe_next(request, DEFAULT) == "/from-query/"


def test_it_falls_back_to_the_default_without_a_next():
    assert safe_next(_request("post", data={"next": ""}), DEFAULT) == DEFAULT


# --- htmx ---

def test_it_tells_an_htmx_swap_from_a_plain_request():
    assert is_htmx(_request(HX_Request="true"))
    assert not is_htmx(_request())
    assert not is_htmx(_request(HX_Request="false"))


def test_it_gives_an_htmx_history_restore_the_whole_page():
    assert not is_htmx(_request(HX_Request="true", HX_History_Restore_Request="true"))


def test_it_makes_an_htmx_aware_page_vary_on_the_htmx_headers():
    page = vary_on_htmx(lambda request: HttpResponse("fragment" if is_htmx(request) else "page"))
    response = page(_request(HX_Request="true"))
    assert response.content == b"fragment"
    vary = {h.strip() for h in response["Vary"].split(",")}
    assert {"HX-Request", "HX-History-Restore-Request"} <= vary


# --- errors from actions ---

def test_it_puts_an_action_error_on_the_field_it_names():
    form = NameForm({"name": "x"})
    form.is_valid()
    add_action_errors(form, ValidationError({"name": "Taken.", NON_FIELD_ERRORS: "Locked."}))
    assert form.errors["name"] == ["Taken."]
    assert form.non_field_errors() == ["Locked."]


def test_it_puts_an_error_about_a_field_the_form_lacks_at_the_top():
    form = NameForm({"name": "x"})
    form.is_valid()
    add_action_errors(form, ValidationError({"parent": "Not in this organization."}))
    assert form.non_field_errors() == ["Not in this organization."]
    assert "parent" not in form.errors


def test_it_puts_a_plain_action_error_at_the_top():
    form = NameForm({"name": "x"})
    form.is_valid()
    add_action_errors(form, ValidationError(["One.", "Two."]))
    assert form.non_field_errors() == ["One.", "Two."]


def test_it_joins_an_action_error_into_one_line():
    assert error_text(ValidationError({"name": "Taken.", "note": "Too long."})) == \
        "Taken. Too long."


def test_it_names_the_field_of_each_form_error_in_one_line():
    form = NameForm({"name": ""})
    assert not form.is_valid()
    form.add_error(None, "Try again.")
    assert form_error_text(form) == "Name: This field is required. Try again."


# --- run_form ---

def test_it_does_not_run_the_action_for_an_unbound_or_invalid_form():
    called = []
    assert run_form(_request(), NameForm(), lambda: called.append(1) or "/x/") is None
    invalid = NameForm({"name": ""})
    assert run_form(_request("post"), invalid, lambda: called.append(1) or "/x/") is None
    assert called == []
    assert invalid.errors["name"]


@pytest.mark.django_db
def test_it_redirects_after_the_action_with_the_success_message():
    request = _request("post")
    response = run_form(request, NameForm({"name": "Ana"}), lambda: "/done/", "Saved.")
    assert response.status_code == 302 and response["Location"] == "/done/"
    assert _messages(request) == ["Saved."]


@pytest.mark.django_db
def test_it_uses_the_message_of_a_done():
    request = _request("post")
    response = run_form(request, NameForm({"name": "Ana"}),
                        lambda: Done("/person/7/", "Ana was added."), "Saved.")
    assert response["Location"] == "/person/7/"
    assert _messages(request) == ["Ana was added."]


@pytest.mark.django_db
def test_it_shows_an_action_refusal_on_the_form_and_writes_nothing():
    users = get_user_model().objects
    form = NameForm({"name": "Ana"})
    request = _request("post")

    def perform() -> str:
        users.create_user("written-first")  # a first action succeeded ...
        raise ValidationError({"name": "Already taken."})  # ... the second refused

    assert run_form(request, form, perform, "Saved.") is None
    assert form.errors["name"] == ["Already taken."]
    assert not users.filter(username="written-first").exists()
    assert _messages(request) == []


# --- ActionFormView ---

class RenameUnit(ActionFormView):
    form_class = NameForm
    scoped_model = Unit
    scoped_action = "change"
    performed: list = []

    def perform(self, form) -> str:
        self.performed.append((self.object.pk, form.cleaned_data["name"]))
        if form.cleaned_data["name"] == "refused":
            get_user_model().objects.create_user("written-before-refusal")
            raise ValidationError({"name": "Not this name."})
        return f"/units/{self.object.uid}/"


def _view(performed: list):
    return RenameUnit.as_view(performed=performed)


def test_it_sends_an_anonymous_user_to_log_in_before_loading_anything():
    performed: list = []
    response = _view(performed)(_request("post", data={"name": "A"}), uid=uuid4())
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert performed == []


@pytest.mark.django_db
def test_it_answers_404_outside_the_scope_even_to_a_post(world):
    performed: list = []
    secretary = world.user("cell_secretary")
    for uid in (world.units["cell_b"].uid, uuid4(), "nope"):
        with pytest.raises(Http404):
            _view(performed)(_request("post", data={"name": "A"}, user=secretary), uid=uid)
    assert performed == []


@pytest.mark.django_db
def test_it_loads_the_object_and_hands_valid_input_to_the_action(world):
    performed: list = []
    cell = world.units["cell_a"]
    request = _request("post", data={"name": "Cell Alpha"}, user=world.user("cell_secretary"))
    response = _view(performed)(request, uid=cell.uid)
    assert response.status_code == 302 and response["Location"] == f"/units/{cell.uid}/"
    assert performed == [(cell.pk, "Cell Alpha")]
    assert _messages(request) == ["Saved."]


@pytest.mark.django_db
def test_it_shows_the_form_again_with_the_action_refusal_and_writes_nothing(world):
    performed: list = []
    cell = world.units["cell_a"]
    request = _request("post", data={"name": "refused"}, user=world.user("cell_secretary"))
    response = _view(performed)(request, uid=cell.uid)
    assert response.status_code == 200
    assert response.context_data["form"].errors["name"] == ["Not this name."]
    assert response.context_data["object"] == cell
    assert "Not this name." in response.render().content.decode()
    assert not get_user_model().objects.filter(username="written-before-refusal").exists()
    assert _messages(request) == []


@pytest.mark.django_db
def test_it_gives_a_model_form_a_fresh_copy_of_the_object(world):
    cell = world.units["cell_a"]
    cell.name = "typed into the form"
    copy = fresh(cell)
    assert copy.pk == cell.pk and copy is not cell
    assert copy.name == "Cell A"


def test_it_refuses_to_save_an_edit_over_a_newer_version_and_keeps_both(world, login):
    from django.urls import reverse

    from people.actions import do_update_person
    from people.models import Person

    person = world.people["alias-cella-1"]
    url = reverse("people:person_edit", kwargs={"uid": person.uid})
    client = login(world.user("cell_secretary"))
    page = client.get(url).content.decode()
    opened = Person.objects.get(pk=person.pk).version
    assert f'name="version" value="{opened}"' in page
    # Someone else saves first.
    do_update_person(acting_user=world.user("cell_secretary"), person=person,
                     data={"alias": "alias-cella-1-first"})
    form = {"alias": "alias-cella-1-late", "kind": "member", "status": "member",
            "status_since": person.status_since.isoformat(), "joined_on": "",
            "version": opened}
    response = client.post(url, form)
    assert response.status_code == 200
    body = response.content.decode()
    assert "changed since you opened it (alias)" in body
    stored = Person.objects.get(pk=person.pk)
    assert stored.alias == "alias-cella-1-first"
    # With the current version the same input goes through.
    response = client.post(url, {**form, "version": stored.version})
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).alias == "alias-cella-1-late"


def test_an_action_form_view_that_edits_its_object_refuses_a_stale_save(world, login):
    from django.urls import reverse

    from organizations.actions import do_update_unit
    from organizations.models import Unit

    unit = world.units["cell_a"]
    url = reverse("organizations:unit_edit", kwargs={"uid": unit.uid})
    client = login(world.user("cell_secretary"))
    opened = Unit.objects.get(pk=unit.pk).version
    assert f'name="version" value="{opened}"' in client.get(url).content.decode()
    do_update_unit(acting_user=None, unit=unit, data={"country": "Elsewhere"})
    form = {"name": "Cell A renamed", "kind": "cell", "field_kind": "workplace",
            "country": "", "version": opened}
    response = client.post(url, form)
    assert response.status_code == 200
    assert "changed since you opened it (country)" in response.content.decode()
    assert Unit.objects.get(pk=unit.pk).name == "Cell A"
