"""Every language of the interface is complete (nucleus/catalogues.py, the same checks as
``manage.py check_catalogues`` in scripts/test), the checks fail on a broken catalogue or an
unmarked template string, and switching language turns pages right-to-left where the
language is written so."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from nucleus import catalogue_source, catalogues

# The project's catalogue of each language; Django's own messages (locale_core/) apart.
ALL = {str(po.relative_to(settings.BASE_DIR)): (language, po)
       for language, po in catalogues.catalogues()}
CATALOGUES = {language: po for language, po in ALL.values() if po.parts[-4] == "locale"}
PO = CATALOGUES["fa"]


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_catalogue_is_complete(name):
    assert catalogues.problems(*ALL[name]) == []


def test_every_language_but_english_has_a_catalogue():
    assert set(CATALOGUES) == {code for code, _name in settings.LANGUAGES} - {"en"}
    assert len(catalogues.read_po(PO)) > 300


def test_no_template_holds_unmarked_interface_text():
    found = [problem for template in catalogues.project_templates()
             for problem in catalogues.unmarked_template_text(template)]
    assert found == []


def _broken(tmp_path: Path, language: str, change) -> list[str]:
    po = tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    shutil.copy(CATALOGUES[language], po)
    shutil.copy(CATALOGUES[language].with_suffix(".mo"), po.with_suffix(".mo"))
    po.write_text(change(po.read_text(encoding="utf-8")), encoding="utf-8")
    return catalogues.problems(language, po)


def test_the_check_fails_on_an_untranslated_a_fuzzy_or_a_misplaced_message(tmp_path):
    first = re.compile(r'(\n\n(?:#[^\n]*\n)*msgid "[^"]+"\n)msgstr "[^"]+"')
    untranslated = _broken(tmp_path / "a", "de", lambda text: first.sub(r'\1msgstr ""', text, 1))
    assert any("untranslated" in p for p in untranslated), untranslated
    fuzzy = _broken(tmp_path / "b", "tr", lambda text: re.sub(
        r"\n\n(#: [^\n]*\n)", "\n\n\\1#, fuzzy\n", text, count=1))
    assert any("is fuzzy" in p for p in fuzzy), fuzzy
    placeholder = _broken(tmp_path / "c", "fa", lambda text: text.replace(
        'msgstr "جایی که %(alias)s', 'msgstr "جایی که %(name)s', 1))
    assert any("placeholders" in p for p in placeholder), placeholder
    stale = _broken(tmp_path / "d", "ar", lambda text: text + '\nmsgid "New"\nmsgstr "جديد"\n')
    assert any("not compiled" in p for p in stale), stale


def test_the_check_finds_a_message_of_the_source_that_a_catalogue_lacks(tmp_path, settings,
                                                                       monkeypatch):
    # A tiny project: one known message, one that no catalogue has yet.
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text(
        "from django.utils.translation import gettext as _\n"
        "KNOWN = _('Unit')\nNEW = _('A message nobody translated yet')\n", encoding="utf-8")
    po = tmp_path / "locale" / "de" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    shutil.copy(CATALOGUES["de"], po)
    before = po.read_bytes()
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)

    found = catalogue_source.missing(["de"])

    assert found == [f"{po}: 'A message nobody translated yet' is in the source, not in "
                     "the catalogue"]
    assert po.read_bytes() == before  # compared, not merged
    assert not (tmp_path / "locale" / "django.pot").exists()


def test_the_check_finds_text_outside_the_translation_tags(tmp_path):
    template = tmp_path / "page.html"
    template.write_text('{% load i18n %}<h1>{% translate "Fine" %}</h1><p>Not marked</p>'
                        '<input placeholder="Type here">{% blocktranslate %}Marked {{ x }}'
                        '{% endblocktranslate %}<b title="{{ t }}">{{ n }} rows</b>')
    found = catalogues.unmarked_template_text(template)
    assert [f.split(": ", 1)[1] for f in found] == ["'Type here'", "'Not marked'", "'rows'"]


def _switch(client, language: str, next_url: str):
    return client.post(reverse("set_language"), {"language": language, "next": next_url},
                       follow=True)


def test_switching_to_persian_renders_the_home_page_right_to_left(world, login):
    client = login(world.user("cell_secretary"))
    home = reverse("accounts:home")
    page = client.get(home).content.decode()
    assert 'lang="en"' in page and 'dir="ltr"' in page and "My units" in page

    response = _switch(client, "fa", home)
    assert response.redirect_chain[-1][0] == home
    page = response.content.decode()
    assert 'lang="fa"' in page and 'dir="rtl"' in page
    assert "واحدهای من" in page and "My units" not in page
    # Choices come from the models' translated labels: a secretary's role is دبیر.
    assert "دبیر" in page
    # The switch offers the way back, named in its own language.
    assert 'value="en"' in page and "English" in page


def test_switching_back_to_english_renders_left_to_right(world, login):
    client = login(world.user("cell_secretary"))
    home = reverse("accounts:home")
    _switch(client, "fa", home)
    page = _switch(client, "en", home).content.decode()
    assert 'lang="en"' in page and 'dir="ltr"' in page and "My units" in page


def test_it_shows_the_unit_page_in_persian(world, login):
    client = login(world.user("cell_secretary"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    unit = world.units["cell_a"]
    page = client.get(reverse("organizations:unit_detail", kwargs={"uid": unit.uid}))
    text = page.content.decode()
    assert "هسته" in text and "محل کار" in text and "افزودن فرد" in text
    assert "Add a person" not in text
