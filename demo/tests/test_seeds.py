"""The seed parsers, over the real texts in settings.NUCLEUS_SEEDS_DIR."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from demo.seed_text import SeedError
from demo.seeds import (
    load_seeds,
    parse_cipoml,
    parse_cpi_mlm,
    parse_icor_resolution,
    parse_rmp_resolution,
    read_seed,
)
from demo.seeds_wpi import parse_wpi


@pytest.fixture(scope="module")
def seeds():
    return load_seeds(settings.NUCLEUS_SEEDS_DIR)


def test_it_reads_the_28_icor_signatories(seeds):
    icor = seeds.icor
    assert icor.approvals == 28
    assert [s.number for s in icor.signatories] == list(range(1, 29))
    assert icor.title == ("ICOR Solidarity Campaign with the Workers' and People's Uprising "
                          "in Iran")
    assert icor.starts_on == date(2022, 12, 1)
    assert icor.as_of == date(2022, 11, 28)


def test_it_splits_acronym_original_and_english_name_and_country(seeds):
    by_acronym = {s.acronym: s for s in seeds.icor.signatories}
    ppds = by_acronym["PPDS"]
    assert (ppds.original_name, ppds.english_name, ppds.country) == (
        "Parti Patriotique Démocratique Socialiste", "Patriotic Democratic Socialist Party",
        "Tunisia")
    assert by_acronym["RMP"].english_name == "Russian Maoist Party"
    assert by_acronym["RMP"].original_name.startswith("Российская маоистская партия")
    # Nested brackets in the English name; the country after the comma.
    pc = by_acronym["PC (ML)"]
    assert (pc.english_name, pc.country) == ("Communist Party (Marxist-Leninist)",
                                             "Dominican Republic")
    # A one-word bracket belongs to the name; no English name is given.
    cpsa = by_acronym["CPSA (ML)"]
    assert (cpsa.name, cpsa.english_name) == (
        "Communist Party of South Africa (Marxist-Leninist)", "")
    assert by_acronym["KSRD"].country == "Ukraine"
    assert by_acronym["CPK"].country == ""


def test_it_reads_tkp_ml_as_a_later_signatory(seeds):
    (later,) = seeds.icor.later_signatories
    assert later.acronym == "TKP-ML"
    assert later.english_name == "Communist Party of Turkey – Marxist-Leninist"
    assert "TKP-ML" not in {s.acronym for s in seeds.icor.signatories}


def test_it_reads_cipoml_and_its_member_parties(seeds):
    cipoml = seeds.cipoml
    assert (cipoml.acronym, cipoml.founded_year) == ("CIPOML", 1994)
    assert cipoml.name == "International Conference of Marxist-Leninist Parties and Organizations"
    assert len(cipoml.parties) == 22
    names = [p.name for p in cipoml.parties]
    assert "Marxist-Leninist Communist Party of Venezuela" in names
    assert names[-1] == "American Party of Labor"
    assert not any("Tunisia financially" in n or "Manifesto" in n or "Sudan" in n
                   for n in names)
    assert len(cipoml.skipped) == 3
    assert cipoml.skipped[0].startswith("EU supports dictator in Tunisia")


def test_it_reads_acronym_country_and_founding_year_of_cipoml_parties(seeds):
    by_name = {p.name: p for p in seeds.cipoml.parties}
    assert (by_name["Workers’ Party of Tunisia"].acronym,
            by_name["Workers’ Party of Tunisia"].country,
            by_name["Workers’ Party of Tunisia"].founded_year) == ("PTT", "Tunisia", 1986)
    assert by_name["Communist Party of Spain (Marxist-Leninist)"].acronym == "PCE(ml)"
    assert by_name["Labour Party"].country == "Turkey"
    assert by_name["Revolusjon"].country == "Norway"
    assert by_name["American Party of Labor"].country == "United States"
    assert by_name["American Party of Labor"].founded_year == 2008
    # The first sentence does not state a founding: no year is made up.
    assert by_name["Communist Party of Colombia (Marxist-Leninist)"].founded_year is None


def test_it_reads_the_wpi_profile(seeds):
    wpi = seeds.wpi
    assert (wpi.name, wpi.acronym, wpi.native_language) == (
        "Worker-communist Party of Iran", "WPI", "fa")
    assert wpi.native_name == "حزب کمونیست کارگری ایران"
    assert (wpi.founded_year, wpi.founder, wpi.chairperson) == (
        1991, "Mansoor Hekmat", "Hamid Taqvaee")
    assert wpi.ideology == ("Communism", "Workerism", "Marxism")
    assert (wpi.country, wpi.banned) == ("Iran", True)


def test_it_reads_the_twelve_wpi_countries(seeds):
    assert seeds.wpi.countries == ("Germany", "UK", "Sweden", "Netherlands", "Norway", "France",
                                   "Finland", "Denmark", "USA", "Canada", "Turkey", "Australia")


def test_it_reads_the_wpi_affiliates_and_their_papers(seeds):
    wpi = seeds.wpi
    assert wpi.youth_organization == "Communist Youth Organisation"
    affiliates = {a.name: a for a in wpi.affiliates}
    assert {n: a.affiliation for n, a in affiliates.items()} == {
        "Communist Youth Organisation": "youth",
        "International Federation of Iranian Refugees": "refugees",
        "Children First Now": "campaign", "Marx Society of London": "society",
        "Anjomane Zede din": "society"}
    assert affiliates["Anjomane Zede din"].english_name == "Anti-Religion Society"
    assert affiliates["International Federation of Iranian Refugees"].acronym == "IFIR"
    papers = {a: [p.title for p in affiliates[a].publications] for a in affiliates}
    assert papers == {
        "Communist Youth Organisation": ["Javânân-e Kommunist"],
        "International Federation of Iranian Refugees": ["Hambastegi Haftegi",
                                                         "Hambastegi Mahane"],
        "Children First Now": ["Koodakan Moqadamand"], "Marx Society of London": [],
        "Anjomane Zede din": ["Sekolar"]}


def test_it_reads_the_wpi_publications(seeds):
    pubs = {p.title: p for p in seeds.wpi.publications}
    assert list(pubs) == ["Anternasional", "WPI Briefing", "Kârgar-e Kommunist",
                          "Workers in Iran", "Iskraa", "Be Su-ye Sosialism", "Journal",
                          "New Channel"]
    assert pubs["Anternasional"].url == "https://anternasional.com/wp/"
    assert pubs["Anternasional"].languages == ("fa",)
    assert pubs["WPI Briefing"].languages == ("en", "de", "nl")
    assert (pubs["Iskraa"].url, pubs["Iskraa"].publisher) == ("http://iskraa.net",
                                                              "Kurdistan Committee")
    assert pubs["Be Su-ye Sosialism"].started_year == 2008
    assert "March 2006" in pubs["Be Su-ye Sosialism"].note
    assert (pubs["Journal"].url, pubs["Journal"].started_year) == ("https://journalfarsi.com/",
                                                                   2022)
    assert pubs["New Channel"].kind == "tv"


def test_it_reads_the_wpi_lineage_and_sister_party(seeds):
    wpi = seeds.wpi
    assert (wpi.split_from.other, wpi.split_from.year) == ("Communist Party of Iran", 1991)
    assert (wpi.split_off.other, wpi.split_off.year) == (
        "Worker-Communist Party of Iran-Hekmatist", 2004)
    assert "August 2004" in wpi.split_off.note
    assert (wpi.sister.name, wpi.sister.acronym, wpi.sister.founded_year) == (
        "Leftist Worker-Communist Party of Iraq", "LWPI", 2004)


def test_it_reads_cpi_mlm(seeds):
    cpi = seeds.cpi_mlm
    assert (cpi.name, cpi.acronym, cpi.founded_year) == (
        "Communist Party of Iran (Marxist–Leninist–Maoist)", "CPI (MLM)", 2001)
    assert (cpi.banned, cpi.website, cpi.country) == (True, "https://cpimlm.org", "Iran")
    assert [(p.title, p.native_title) for p in cpi.publications] == [
        ("Haghighat", "حقیقت"), ("Jahani Baraye Fath", "جهانی برای فتح")]
    assert cpi.continuation_of == "Union of Iranian Communists (Sarbedaran)"
    assert (cpi.movement.name, cpi.movement.acronym) == ("Revolutionary Internationalist "
                                                         "Movement", "RIM")
    assert [p.name for p in cpi.movement_partners] == ["Communist (Maoist) Party of Afghanistan"]


def test_it_reads_the_rmp_circles_of_allies(seeds):
    rmp = seeds.rmp
    assert (rmp.author.name, rmp.author.acronym) == ("Russian Maoist Party", "RMP")
    circles = {c.number: c for c in rmp.circles}
    assert [o.acronym for o in circles[1].organizations] == ["MLPD"]
    assert [o.name for o in circles[2].organizations] == [
        "Maoist Internationalist Movement", "RCP USA", "Canadian RCP",
        "Communist Party of Aotearoa"]
    assert [(o.name, o.acronym, o.country) for o in circles[3].organizations] == [
        ("Group of Revolutionary Communists “Red Wedge”", "GKR", "Belarus"),
        ("KSRD", "KSRD", "Ukraine"), ("Maoist Anti-imperialist Club", "", "Moldova")]
    assert circles[1].criteria.startswith("Groups that proclaim their goal")
    assert "Cultural Revolution" in circles[2].criteria


@pytest.mark.parametrize("parser", [parse_cpi_mlm, parse_wpi, parse_rmp_resolution,
                                    parse_icor_resolution, parse_cipoml])
def test_it_names_the_file_when_the_structure_is_missing(parser):
    with pytest.raises(SeedError, match="broken_file.txt"):
        parser("A text about something else entirely.\n", source="broken_file.txt")


def test_it_rejects_signatories_out_of_order():
    _, text = read_seed(settings.NUCLEUS_SEEDS_DIR, "003")
    with pytest.raises(SeedError, match="003_x.txt.*numbered"):
        parse_icor_resolution(text.replace("\n2. CPK", "\n7. CPK").replace(
            "  2. CPK", "  7. CPK"), source="003_x.txt")


def test_it_names_the_directory_when_a_seed_file_is_missing(tmp_path):
    with pytest.raises(SeedError, match=r"000_\*\.txt"):
        load_seeds(tmp_path)
    with pytest.raises(SeedError, match="does not exist"):
        load_seeds(tmp_path / "missing")
