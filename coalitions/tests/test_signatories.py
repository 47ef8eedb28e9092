"""Signatory lists from text (coalitions/signatories.py): the 003 list, malformed lines,
matching without case, accents or punctuation, and a confirmation that is idempotent."""

from __future__ import annotations

import pytest
from django.conf import settings

from coalitions.signatories import (
    ACRONYM,
    EXACT,
    NAME,
    NONE,
    TRANSLITERATED,
    comparable,
    do_confirm_signatory_list,
    match_line,
    parse,
    preview,
    transliterated,
)
from demo.seeds import read_seed
from organizations.actions import do_register_member_organization
from organizations.models import CoalitionMembership, Organization


@pytest.fixture(scope="module")
def icor_list() -> str:
    text = read_seed(settings.NUCLEUS_SEEDS_DIR, "003")[1]
    return text[text.index("Signatories (as of"):]


def test_it_reads_all_28_and_the_later_signatory_of_003(icor_list):
    parsed = parse(icor_list)
    assert parsed.errors == []
    numbered = [line for line in parsed.lines if not line.later]
    assert [line.number for line in numbered] == list(range(1, 29))
    later = [line for line in parsed.lines if line.later]
    assert [(line.acronym, line.english_name) for line in later] == [
        ("TKP-ML", "Communist Party of Turkey – Marxist-Leninist")]
    bulgarian = numbered[12]
    assert (bulgarian.acronym, bulgarian.original_name, bulgarian.english_name) == (
        "БКП", "Българска Комунистическа Партия", "Bulgarian Communist Party")
    ppds = numbered[5]
    assert (ppds.original_name, ppds.english_name, ppds.country) == (
        "Parti Patriotique Démocratique Socialiste", "Patriotic Democratic Socialist Party",
        "Tunisia")
    assert numbered[20].english_name == "Russian Maoist Party"


def test_it_names_malformed_lines_with_their_number():
    text = "Signatories:\n1. MLPD   Marxistisch-Leninistische Partei Deutschlands\n" \
           "a line without a number\n\n4. X\n"
    parsed = parse(text)
    assert [line.acronym for line in parsed.lines] == ["MLPD"]
    assert parsed.errors == [(3, "a line without a number"), (5, "4. X")]


def test_it_compares_without_case_accents_or_punctuation_across_scripts():
    assert comparable("Union Prolétarienne Marxiste-Léniniste") == comparable(
        "UNION PROLETARIENNE marxiste leniniste")
    assert comparable("Българска  Комунистическа") == comparable("българска комунистическа")
    assert comparable("Türkiye") == comparable("turkiye")


@pytest.mark.django_db
def test_it_matches_with_how_sure_and_saves_nothing_before_confirming(world):
    office = world.user("coalition_office")
    coalition = world.coalition
    for data in ({"name": "Marxist-Leninist Party of Germany", "acronym": "MLPD"},
                 {"name": "Some Other Name", "acronym": "UPML"},
                 {"name": "Bulgarian Communist Party", "acronym": "BCP",
                  "native_name": "Българска комунистическа партия"}):
        do_register_member_organization(acting_user=office, coalition=coalition, data=data)
    text = ("1. MLPD   Marxistisch-Leninistische Partei Deutschlands (Marxist-Leninist Party "
            "of Germany)\n2. UPML   Union Prolétarienne Marxiste-Léniniste (Marxist-Leninist "
            "Proletarian Union), France\n3. БКП   БЪЛГАРСКА КОМУНИСТИЧЕСКА ПАРТИЯ (Bulgarian "
            "Communist Party)\n4. NEW   Partido Nuevo (New Party)\n5. RP   Red Party\n")
    count = Organization.objects.count()
    result = preview(text, user=office)
    assert [m.confidence for m in result.matches] == [EXACT, ACRONYM, NAME, NONE, EXACT]
    assert Organization.objects.count() == count
    # The office does not see Other Party: its line is never matched to it.
    outside = preview("1. OP   Other Party\n", user=office)
    assert outside.matches[0].organization is None


@pytest.mark.django_db
def test_it_confirms_once_and_changes_nothing_the_second_time(world, icor_list):
    office = world.user("coalition_office")
    coalition = world.coalition
    assert do_confirm_signatory_list(acting_user=office, coalition=coalition,
                                     text=icor_list) == 29
    signatories = CoalitionMembership.objects.filter(coalition=coalition, status="signatory")
    assert signatories.count() == 29
    count = Organization.objects.count()
    assert do_confirm_signatory_list(acting_user=office, coalition=coalition,
                                     text=icor_list) == 0
    assert Organization.objects.count() == count and signatories.count() == 29
    rmp = Organization.objects.get(acronym="RMP")
    assert (rmp.name, rmp.native_name) == ("Russian Maoist Party",
                                           "Российская маоистская партия "
                                           "(Rossijskaya maoistskaya partiya)")


@pytest.mark.django_db
def test_it_refuses_the_confirmation_to_anyone_but_the_office(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        do_confirm_signatory_list(acting_user=world.user("cell_secretary"),
                                  coalition=world.coalition, text="1. NEW   New Party\n")
    assert not Organization.objects.filter(acronym="NEW").exists()


def test_it_transliterates_names_of_other_scripts_to_a_skeleton():
    assert transliterated("Българска Комунистическа Партия") == transliterated(
        "БЪЛГАРСКА КОМУНИСТИЧЕСКА ПАРТИЯ") != ""
    assert transliterated("Българска Комунистическа Партия") == \
        "blgrsk kmnstchsk prt"
    assert transliterated("حزب توده ایران") == "hzb tdh rn"
    assert transliterated("Balgarska Komunisticheska Partiya") == ""  # Latin: not this level


@pytest.mark.django_db
def test_it_matches_the_003_cyrillic_line_to_a_latin_entry_as_transliterated(world, icor_list):
    office = world.user("coalition_office")
    bulgarian = do_register_member_organization(
        acting_user=office, coalition=world.coalition,
        data={"name": "Balgarska Komunisticheska Partiya", "acronym": "BKP-1"}).organization
    bkp = next(line for line in parse(icor_list).lines if line.acronym == "БКП")
    match = match_line(bkp, list(Organization.objects.restrict(office, "view")))
    assert (match.organization, match.confidence) == (bulgarian, TRANSLITERATED)
    assert str(match.confidence_label) == "name in another script, transliterated: check it"
    result = preview(icor_list, user=office)
    assert [m.organization for m in result.matches if m.line.acronym == "БКП"] == [bulgarian]


@pytest.mark.django_db
def test_it_matches_a_persian_name_to_its_latin_transliteration(world):
    office = world.user("coalition_office")
    tudeh = do_register_member_organization(
        acting_user=office, coalition=world.coalition,
        data={"name": "Hezb-e Tudeh-ye Iran", "acronym": "HTI"}).organization
    result = preview("1. ح.ت.ا   حزب توده ایران\n", user=office)
    assert [(m.organization, m.confidence) for m in result.matches] == [
        (tudeh, TRANSLITERATED)]


@pytest.mark.django_db
def test_it_prefers_an_exact_acronym_to_a_transliterated_name(world):
    office = world.user("coalition_office")
    for data in ({"name": "Balgarska Komunisticheska Partiya", "acronym": "BKP-1"},
                 {"name": "Some Bulgarian Party", "acronym": "БКП"}):
        do_register_member_organization(acting_user=office, coalition=world.coalition,
                                        data=data)
    result = preview("1. БКП   Българска Комунистическа Партия\n", user=office)
    [match] = result.matches
    assert (match.organization.name, match.confidence) == ("Some Bulgarian Party", ACRONYM)
