"""The seed readers of the demo's circles and lineage (demo/seeds_alliances.py)."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from demo.seed_text import SeedError
from demo.seeds import AllyCircle, load_seeds, read_seed
from demo.seeds_alliances import cipoml_lineage, circle_criteria, latest_date, split_shares


@pytest.fixture(scope="module")
def seeds():
    return load_seeds(settings.NUCLEUS_SEEDS_DIR)


def test_it_reads_each_circles_criteria_as_separate_items(seeds):
    first, second, third = (circle_criteria(c) for c in seeds.rmp.circles)
    assert first.criteria == (
        "Groups that proclaim their goal to be a proletarian revolution",
        "Groups that reject old and modern revisionism",
        "Groups that are not active proponents of labour aristocracy and Eurocentric ideology")
    assert first.remark.startswith("This may be Maoist, Hoxhaist")
    assert second.criteria[0] == ("Groups that side with the Chinese Marxists in the "
                                  "Sino-Soviet split")
    assert len(second.criteria) == 3 and len(third.criteria) == 3
    assert (first.by_decision, second.by_decision, third.by_decision) == (False, False, True)


def test_it_names_the_file_when_a_circle_states_no_criterion():
    circle = AllyCircle(number=2, criteria="Some text without a rule.", organizations=(),
                        remark="")
    with pytest.raises(SeedError, match="002_x.txt: circle 2"):
        circle_criteria(circle, source="002_x.txt")


def test_it_finds_the_last_date_002_speaks_of():
    assert latest_date(read_seed(settings.NUCLEUS_SEEDS_DIR, "002")[1]) == date(2006, 4, 30)
    with pytest.raises(SeedError, match="002_x.txt"):
        latest_date("No date here.", source="002_x.txt")


def test_it_reads_the_splits_of_cipomls_parties(seeds):
    lineage = cipoml_lineage(seeds.cipoml)
    assert [(s.party, s.other, s.other_acronym, s.year) for s in lineage.splits] == [
        ("Communist Party of Peru (Marxist-Leninist)", "Communist Party of Peru", "", 1964),
        ("Communist Party of Labour", "Maoist Dominican People's Movement", "", 1980),
        ("Communist Party of Colombia (Marxist-Leninist)", "Communist Party of Colombia", "",
         1965),
        ("Communist Party of Spain (Marxist-Leninist)", "Communist Party of Spain", "PCE",
         1964)]
    # "formed after the split of the former..." is cut short: no party to name.
    assert lineage.unnamed == ("Communist Party of Albania",)


def test_it_reads_what_the_2004_split_took_from_each_organ(seeds):
    assert split_shares(seeds.wpi.split_off.note) == (
        ("more than half", "Central Committee"), ("most", "Kurdistan Committee"))
    with pytest.raises(SeedError, match="001_x.txt"):
        split_shares("Some members left.", source="001_x.txt")
