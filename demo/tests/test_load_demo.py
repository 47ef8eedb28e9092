"""The demo build: its content, idempotence, what each demo login sees, and the command.

The demo is built once for the module inside an outer transaction (rolled back at the end);
each test runs in a savepoint within it.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent
from demo.builder import (
    COLOGNE_CELL,
    DEMO_PASSWORD,
    ICOR_NAME,
    LOGINS,
    SANANDAJ_CELL,
    build_demo,
)
from organizations.models import (
    Coalition,
    CoalitionMembership,
    LineageEvent,
    Organization,
    Unit,
)
from people.actions import reveal_identity
from people.models import Person

DOC = Path(settings.BASE_DIR) / "docs" / "demo.md"


@pytest.fixture(autouse=True)
def _demo_install(settings, tmp_path):
    """load_demo runs only on a demo install (demo/tests/test_demo_install.py); its marker
    goes to a temporary directory, never the developer's data directory."""
    settings.NUCLEUS_DEMO = True
    settings.NUCLEUS_DEMO_MARKER = tmp_path / "demo-install"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        summary = build_demo()
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def built(demo, db):
    return demo


def _org(name: str) -> Organization:
    return Organization.objects.get(name=name)


def test_it_summarizes_what_it_built(built):
    assert (built.coalitions, built.organizations, built.units, built.people) == (3, 68, 20, 18)
    assert built.logins == LOGINS
    assert built.created > 0


def test_it_builds_icor_with_its_signatories(built):
    icor = Coalition.objects.get(name=ICOR_NAME)
    assert (icor.acronym, icor.kind) == ("ICOR", Coalition.Kind.INTERNATIONAL)
    memberships = icor.memberships.all()
    assert memberships.count() == 29
    assert {m.status for m in memberships} == {CoalitionMembership.Status.SIGNATORY}
    tkp = memberships.get(organization__acronym="TKP-ML")
    assert tkp.joined_on is None and "Subsequent signatory" in tkp.note
    assert {str(m.joined_on) for m in memberships.exclude(pk=tkp.pk)} == {"2022-11-28"}


def test_it_builds_cipoml_and_rim(built):
    cipoml = Coalition.objects.get(acronym="CIPOML")
    assert (cipoml.kind, cipoml.founded_year) == (Coalition.Kind.CONFERENCE, 1994)
    assert cipoml.memberships.filter(status="member").count() == 22
    rim = Coalition.objects.get(acronym="RIM")
    assert rim.kind == Coalition.Kind.MOVEMENT
    assert set(rim.memberships.values_list("organization__name", flat=True)) == {
        "Communist Party of Iran (Marxist–Leninist–Maoist)",
        "Communist (Maoist) Party of Afghanistan"}


def test_it_keeps_one_organization_for_a_party_named_in_several_texts(built):
    for acronym in ("RMP", "KSRD", "MLPD"):
        org = Organization.objects.get(acronym=acronym)
        assert org.coalition_memberships.get().coalition.acronym == "ICOR"
    # Same acronym, different parties.
    assert set(Organization.objects.filter(acronym="PCT").values_list("country", flat=True)) \
        == {"Togo", "Dominican Republic"}


def test_it_builds_the_wpi_profile(built):
    wpi = _org("Worker-communist Party of Iran")
    assert (wpi.acronym, wpi.status, wpi.founded_year, wpi.native_language) == (
        "WPI", Organization.Status.BANNED, 1991, "fa")
    assert set(wpi.ideology_tags.values_list("name", flat=True)) == {
        "Communism", "Workerism", "Marxism"}
    assert set(wpi.public_offices.values_list("title", "holder")) == {
        ("Chairperson", "Hamid Taqvaee"), ("Founder", "Mansoor Hekmat")}
    assert wpi.periodicals.count() == 8
    assert dict(wpi.affiliates.values_list("name", "affiliation")) == {
        "Communist Youth Organisation": "youth",
        "International Federation of Iranian Refugees": "refugees",
        "Children First Now": "campaign", "Marx Society of London": "society",
        "Anti-Religion Society": "society"}
    assert set(_org("International Federation of Iranian Refugees").periodicals
               .values_list("title", flat=True)) == {"Hambastegi Haftegi", "Hambastegi Mahane"}
    assert wpi.sister_links.get().sister.acronym == "LWPI"
    lineage = {(e.kind, e.other.name, e.year) for e in wpi.lineage.all()}
    assert lineage == {
        (LineageEvent.Kind.SPLIT_FROM, "Communist Party of Iran", 1991),
        (LineageEvent.Kind.SPLIT_OFF, "Worker-Communist Party of Iran-Hekmatist", 2004)}


def test_it_builds_the_wpi_unit_tree(built):
    cc = Unit.objects.get(name="Central Committee")
    assert cc.parent.name == "Congress" and cc.parent.parent is None
    assert set(cc.children.values_list("name", flat=True)) >= {"Political Bureau",
                                                                "Kurdistan Committee"}
    countries = cc.children.filter(kind=Unit.Kind.COUNTRY_ORGANIZATION)
    assert countries.count() == 12
    assert "United Kingdom" in set(countries.values_list("country", flat=True))
    assert Unit.objects.get(name=SANANDAJ_CELL).field_kind == Unit.FieldKind.WORKPLACE
    assert Unit.objects.get(name=COLOGNE_CELL).parent.country == "Germany"
    for cell in Unit.objects.filter(kind=Unit.Kind.CELL):
        assert 3 <= cell.people.filter(kind=Person.Kind.MEMBER).count() <= 5


def test_it_creates_only_fictional_people(built):
    secretary = User.objects.get(username="secretary")
    for person in Person.objects.restrict(secretary, "reveal"):
        identity = reveal_identity(acting_user=secretary, person=person)
        assert identity.legal_name.startswith("Fictional Person ")
        assert identity.phone.startswith("+98 900 000 ")
        assert identity.email.endswith("@example.org")


def test_loading_twice_changes_nothing(built):
    def snapshot():
        counts = {m._meta.label: m._base_manager.count() for m in apps.get_models()}
        events = {(e.pk, e.action, e.model, e.object_id, tuple(e.fields))
                  for e in AuditEvent.objects.all()}
        return counts, events

    before = snapshot()
    again = build_demo()
    assert again.created == 0
    assert snapshot() == before
    assert (again.organizations, again.units, again.people) == (68, 20, 18)


def _documented() -> dict[str, dict[str, str]]:
    """Per login, the '- Key: value' lines under its '### `login`' heading in docs/demo.md."""
    sections = re.split(r"^### `(\w+)`\s*$", DOC.read_text(encoding="utf-8"), flags=re.M)
    return {login: dict(re.findall(r"^- ([^:\n]+): (.+)$", body, re.M))
            for login, body in zip(sections[1::2], sections[2::2], strict=True)}


def _listed(value: str, separator: str = ",") -> set[str]:
    return set() if value == "none" else {v.strip() for v in value.split(separator)}


def test_docs_describe_every_demo_login(built):
    assert set(_documented()) == set(LOGINS)
    assert DEMO_PASSWORD in DOC.read_text(encoding="utf-8")


@pytest.mark.parametrize("username", LOGINS)
def test_each_login_sees_what_the_docs_say(built, username):
    doc = _documented()[username]
    user = User.objects.get(username=username)
    assert user.check_password(DEMO_PASSWORD)
    people = Person.objects.restrict(user)
    assert set(people.values_list("alias", flat=True)) == _listed(doc["People (aliases)"])
    assert set(Person.objects.restrict(user, "reveal").values_list("alias", flat=True)) == \
        _listed(doc["Reveal identities of"])
    assert Person.objects.restrict(user, "change").exists() == (
        doc["Add and change people"] == "yes")
    assert set(Unit.objects.restrict(user).values_list("name", flat=True)) == \
        _listed(doc["Units"])
    assert Person.objects.countable(user).count() == int(doc["People counted"])
    assert set(Organization.objects.restrict(user).values_list("name", flat=True)) == \
        _listed(doc["Organizations"], ";")
    assert set(Coalition.objects.restrict(user).values_list("name", flat=True)) == \
        _listed(doc["Coalitions"])


def test_logins_are_linked_to_their_people(built):
    linked = dict(User.objects.filter(username__in=LOGINS)
                  .values_list("username", "person__alias"))
    assert linked == {"secretary": "Cell-Sara", "member": "Cell-Hiwa",
                      "neighbour": "Cell-Rojin", "kurdistan": "KC-Shirin", "cc": "CC-Dara",
                      "rmp": "RMP-Lev", "icor": None}
    assert not User.objects.filter(is_superuser=True).exists()


def test_cc_sees_a_cell_page_without_its_aliases(built, login):
    client = login(User.objects.get(username="cc"))
    cell = Unit.objects.get(name=SANANDAJ_CELL)
    page = client.get(reverse("organizations:unit_detail", kwargs={"uid": cell.uid}))
    assert page.status_code == 200
    text = page.content.decode()
    for alias in cell.people.values_list("alias", flat=True):
        assert alias not in text


def test_icor_sees_its_members_but_no_unit(built, login):
    client = login(User.objects.get(username="icor"))
    icor = Coalition.objects.get(acronym="ICOR")
    page = client.get(reverse("organizations:coalition_detail", kwargs={"uid": icor.uid}))
    assert page.status_code == 200
    assert "Russian Maoist Party" in page.content.decode()
    cell = Unit.objects.get(name=SANANDAJ_CELL)
    assert client.get(reverse("organizations:unit_detail",
                              kwargs={"uid": cell.uid})).status_code == 404


def test_the_command_reports_an_already_loaded_demo(built):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "already loaded, nothing changed" in out.getvalue()
    assert "organizations: 68" in out.getvalue()


def test_a_missing_seeds_directory_is_a_command_error(settings, tmp_path):
    settings.NUCLEUS_SEEDS_DIR = tmp_path / "missing"
    with pytest.raises(CommandError, match="seeds directory .*missing"):
        call_command("load_demo")


def test_a_missing_seed_file_is_a_command_error(settings, tmp_path):
    settings.NUCLEUS_SEEDS_DIR = tmp_path
    with pytest.raises(CommandError, match=r"000_\*\.txt"):
        call_command("load_demo")


def test_it_builds_fieldwork_to_look_at(built, login):
    """The fieldwork pages of the demo show continuous work, an interruption and a stopped
    field, each to the logins that may see them."""
    from fieldwork.continuity import continuity
    from fieldwork.metrics import wall_chart
    from fieldwork.models import Field

    kurdistan = User.objects.get(username="kurdistan")
    report = continuity(kurdistan, Unit.objects.get(name="Kurdistan Committee"))
    fields = {f.name: f for f in report.fields}
    assert set(fields) == {"Sanandaj textile mill", "Mahabad, eastern neighbourhood"}
    mill = fields["Sanandaj textile mill"]
    assert (mill.stopped, mill.days_since_last, mill.longest_gap, mill.overdue_follow_ups) == (
        False, 0, 20, 1)
    assert fields["Mahabad, eastern neighbourhood"].stopped
    chart = wall_chart(kurdistan, Field.objects.get(name="Sanandaj textile mill"))
    assert sum(c.count for r in chart.rows for c in r.cells) == 7  # one not assessed yet
    # A cell member sees the mill's contacts; the CC counts them on its dashboard.
    body = login(User.objects.get(username="member")).get(
        reverse("fieldwork:wall_chart", kwargs={"uid": Field.objects.get(
            name="Sanandaj textile mill").uid})).content.decode()
    assert "Mill-Parvin" in body
    cc_page = login(User.objects.get(username="cc")).get(reverse(
        "fieldwork:unit_dashboard", kwargs={"uid": Unit.objects.get(name="Central Committee").uid}))
    assert cc_page.status_code == 200 and "Mill-Parvin" not in cc_page.content.decode()
    assert cc_page.context["board"].contacts == 11


def test_it_builds_every_periodical_the_seeds_name_with_its_facts(built):
    from publications.models import Periodical

    def one(title: str) -> Periodical:
        return Periodical.objects.get(title=title)

    def now(title: str):
        return list(one(title).status_periods.all())[-1]

    wpi = _org("Worker-communist Party of Iran")
    assert Periodical.objects.count() == 15
    anternasional = one("Anternasional")
    assert (anternasional.organization, anternasional.pages, anternasional.languages) == (
        wpi, 8, ["fa"])
    assert (now("Anternasional").status, now("Anternasional").frequency,
            now("Anternasional").weekday) == ("current", "weekly", 4)
    # "used to being published every Tuesday": a past schedule, not the current one.
    youth = one("Javânân-e Kommunist")
    assert youth.organization == _org("Communist Youth Organisation")
    history = [(p.status, p.frequency, p.weekday) for p in youth.status_periods.all()]
    assert history == [("current", "weekly", 1), ("suspended", "", None)]
    assert list(one("WPI Briefing").editions.values_list("language", flat=True)) == [
        "en", "de", "nl"]
    iskraa = one("Iskraa")
    assert (iskraa.organization, iskraa.publishing_unit.name) == (wpi, "Kurdistan Committee")
    theory = one("Be Su-ye Sosialism")
    assert (theory.kind, str(theory.started_on), theory.started_precision,
            str(theory.first_issue_on), theory.first_issue_precision) == (
        "theoretical_journal", "2006-03-01", "month", "2008-10-01", "month")
    journal = now("Journal")
    assert (journal.frequency, str(journal.since), journal.since_precision) == (
        "daily", "2022-01-01", "year")
    channel = one("New Channel")
    assert channel.kind == "tv" and now("New Channel").frequency == "continuous"
    assert list(channel.programme_languages.values_list("language", "share")) == [
        ("fa", "main"), ("en", "some"), ("ku", "some"), ("az", "some")]
    assert (now("Hambastegi Haftegi").frequency, now("Hambastegi Mahane").frequency) == (
        "weekly", "monthly")
    for title, org in (("Koodakan Moqadamand", "Children First Now"),
                       ("Sekolar", "Anti-Religion Society"),
                       ("Kârgar-e Kommunist", "Worker-communist Party of Iran"),
                       ("Workers in Iran", "Worker-communist Party of Iran")):
        assert one(title).organization == _org(org)
    cpi = _org("Communist Party of Iran (Marxist–Leninist–Maoist)")
    assert set(cpi.periodicals.values_list("title", "kind")) == {
        ("Haghighat", "magazine"), ("Jahani Baraye Fath", "magazine")}
    assert one("Jahani Baraye Fath").original_title == "A world to win"


def test_it_builds_anternasional_issues_with_one_missed_friday(built, login):
    from publications.reports import periodicals_continuity

    anternasional = _periodical("Anternasional")
    [row] = periodicals_continuity([anternasional])
    report = row.editions[0].report
    assert anternasional.editions.get().issues.count() == 9
    assert len(report.missed) == 1 and report.missed[0].on.weekday() == 4
    assert report.longest_interruption == 7 and report.most_days_late == 1
    member = User.objects.get(username="member")
    page = login(member).get(reverse("publications:continuity", kwargs={"uid": _org(
        "Worker-communist Party of Iran").uid}))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Anternasional" in text and "missed" in text
    # The unit's name only for those who see the unit: the cell member does not.
    assert "Kurdistan Committee" not in text


def _periodical(title: str):
    from publications.models import Periodical

    return Periodical.objects.get(title=title)


def test_it_builds_the_mill_cells_quarterly_review(built, login):
    """Prepared from the demo's work: its figures show the mill's interruption (nothing from
    57 to 38 days ago); a finding with reasons, conditions and a measure; counted, never
    read, by the Central Committee."""
    from datetime import timedelta

    from django.utils import timezone

    from reviews.models import Review

    today = timezone.localdate()
    cell = Unit.objects.get(name=SANANDAJ_CELL)
    review = Review.objects.get(unit=cell)
    assert (review.kind, review.status, review.ends_on, review.days) == (
        "quarter", "draft", today, 90)
    mill = review.figures["figures"]["stopped_fields"]["rows"][0]
    assert (mill["name"], mill["longest_gap"], mill["stopped"]) == (
        "Sanandaj textile mill", 20, False)
    assert (mill["gap_from"], mill["gap_to"]) == (
        (today - timedelta(days=57)).isoformat(), (today - timedelta(days=38)).isoformat())
    forces = review.figures["figures"]["concentration"]
    assert (forces["priority"], forces["unseen"]) == (51.4, 25.7)
    finding = review.findings.get()
    assert finding.kind == "mistake" and finding.reasons and finding.conditions
    measure = finding.measures.get()
    assert measure.responsible.alias == "Cell-Leyla" and measure.due_on > today
    url = reverse("reviews:review_detail", kwargs={"uid": review.uid})
    page = login(User.objects.get(username="secretary")).get(url).content.decode()
    assert finding.text in page and "Cell-Leyla" in page
    # The Kurdistan Committee's login has oversight: it reads the cell's records, this too.
    assert login(User.objects.get(username="kurdistan")).get(url).status_code == 200
    cc = login(User.objects.get(username="cc"))
    assert cc.get(url).status_code == 404
    overview = cc.get(reverse("reviews:overview", kwargs={
        "uid": Unit.objects.get(name="Central Committee").uid}))
    assert overview.context["total"].findings["mistake"] == 1
    assert finding.text not in overview.content.decode()


def test_it_builds_a_distribution_and_a_correspondence_at_the_mill(built):
    from agitprop.models import Correspondence, Distribution, SentCorrespondence

    distribution = Distribution.objects.select_related("activity__field", "issue").get()
    assert distribution.activity.field.name == "Sanandaj textile mill"
    assert distribution.issue.edition.periodical.title == "Anternasional"
    assert distribution.activity.quantity == 40
    letter = Correspondence.objects.get()
    assert letter.sent_on is not None and letter.field == distribution.activity.field
    sent = SentCorrespondence.objects.get()
    assert (sent.field_name, sent.pen_name) == ("Sanandaj textile mill",
                                                "A weaver of Sanandaj")
    assert sent.periodical.title == "Anternasional"


def test_it_builds_one_iskraa_issue_in_preparation_on_its_committee(built):
    from publications.models import IssueDraft

    draft = IssueDraft.objects.select_related("periodical", "unit").get()
    assert (draft.periodical.title, draft.unit.name) == ("Iskraa", "Kurdistan Committee")
    assert draft.status == IssueDraft.Status.PREPARING and draft.number is None


def test_the_demo_s_levels_demands_and_activities_read_in_persian(built, login):
    """The demo's scale and demands are the defaults, stored in English and shown in the
    reader's language (fieldwork/defaults.py); activity kinds are translated choices."""
    from fieldwork.models import Field

    mill = Field.objects.get(name="Sanandaj textile mill")
    member = login(User.objects.get(username="member"))
    for name, texts in (("wall_chart", ["رهبر متعهد", "حامی"]),
                        ("field_detail", ["دستمزد", "ایمنی و بهداشت کار", "پخش"])):
        body = member.get(reverse(f"fieldwork:{name}", kwargs={"uid": mill.uid}),
                          headers={"Accept-Language": "fa"}).content.decode()
        for text in texts:
            assert text in body, (name, text)
        for english in ("Committed leader", "Supporter", "Wages", "Health and safety",
                        "One-to-one conversation", "Distribution"):
            assert english not in body, (name, english)
