"""preview_contacts_import() / import_contacts(): row-numbered errors, all-or-nothing,
idempotent re-import through the blind index."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from fieldwork.actions import do_create_mass_organization
from fieldwork.csv_io import import_contacts, preview_contacts_import
from fieldwork.models import Assessment, ContactProfile
from fieldwork.queries import contacts_in
from people.models import Identity, Person
from vault.keyring import get_keyring

pytestmark = pytest.mark.django_db

MAPPING = {"Name": "alias", "Dept": "part", "Job": "job", "Leader": "leader",
           "Phone": "phone", "Email": "email", "Level": "assessment", "Union": "union"}
HEADER = "Name,Dept,Job,Leader,Phone,Email,Level,Union,Ignored\n"
GOOD = HEADER + (
    "c-imp1,Rolling mill,welder,yes,+98 935 111 2233,imp1@example.org,2,Metal Union,x\n"
    "c-imp2,night shift,driver,no,,imp2@example.org,,,\n"
    "\n"
    "c-imp3,,,,0098 935 444 5566,,1,,\n")


@pytest.fixture
def union(fw):
    return do_create_mass_organization(acting_user=None, organization=fw.world.orgs["rp"],
                                       data={"name": "Metal Union"})


def _contacts(fw):
    return {p.person.alias: p for p in contacts_in(fw.secretary, field=fw.field)}


def test_it_previews_without_saving(fw, union):
    preview = preview_contacts_import(fw.secretary, fw.field, GOOD, MAPPING)
    assert preview.ok and preview.errors == []
    assert [(r.row_number, r.alias, r.action) for r in preview.rows] == [
        (2, "c-imp1", "create"), (3, "c-imp2", "create"), (5, "c-imp3", "create")]
    assert preview.rows[1].profile["part"].name == "Night shift"  # case does not matter
    assert "imp1@example.org" not in repr(preview)
    assert not Person.objects.filter(alias__startswith="c-imp").exists()


def test_it_imports_contacts_with_profiles_identities_and_assessments(fw, union):
    result = import_contacts(fw.secretary, fw.field, GOOD, MAPPING)
    assert (result.saved, result.created, result.updated, result.assessed) == (True, 3, 0, 2)
    contacts = _contacts(fw)
    first = contacts["c-imp1"]
    assert (first.part.name, first.job, first.leader, first.union) == (
        "Rolling mill", "welder", True, union)
    assert first.current_level_value == 2 and contacts["c-imp2"].current_level_value is None
    person = first.person
    assert person.kind == "contact" and person.unit == fw.field.unit
    assert person.unseal_identity().email == "imp1@example.org"


def test_it_does_not_duplicate_on_re_import(fw, union):
    import_contacts(fw.secretary, fw.field, GOOD, MAPPING)
    again = import_contacts(fw.secretary, fw.field, GOOD, MAPPING)
    assert (again.saved, again.created, again.updated, again.assessed) == (True, 0, 3, 0)
    assert ContactProfile.objects.count() == 3 and Assessment.objects.count() == 2
    preview = preview_contacts_import(fw.secretary, fw.field, GOOD, MAPPING)
    assert preview.rows[0].ignored_identity == ("phone", "email")


def test_it_matches_by_phone_or_email_and_updates_that_person(fw, union):
    import_contacts(fw.secretary, fw.field, GOOD, MAPPING)
    original = Person.objects.get(alias="c-imp1")
    # Another alias, the same phone written differently: the same person, renamed, moved.
    text = ("Name,Phone,Dept,Level\n"
            "c-renamed,00989351112233,Night shift,4\n"
            "c-newcomer,,,\n")
    result = import_contacts(fw.secretary, fw.field, text, {
        "Name": "alias", "Phone": "phone", "Dept": "part", "Level": "assessment"})
    assert (result.created, result.updated) == (1, 1)
    original.refresh_from_db()
    assert original.alias == "c-renamed"
    assert original.contact_profile.part.name == "Night shift"
    assert _contacts(fw)["c-renamed"].current_level_value == 4
    by_email = import_contacts(fw.secretary, fw.field, "alias,email\nc-x,IMP2@example.org\n",
                               {"alias": "alias", "email": "email"})
    assert (by_email.created, by_email.updated) == (0, 1)
    assert Person.objects.filter(alias="c-x").exists()
    assert not Person.objects.filter(alias="c-imp2").exists()


def test_it_reports_every_bad_row_with_its_number_and_saves_nothing(fw, union):
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    text = ("alias,part,email,phone,assessment,assessed_on\n"
            "c-ok,Rolling mill,,,2,\n"                        # row 2: fine
            "c-bad-part,Paint shop,,,,\n"                     # 3: unknown part
            "c-bad-mail,,not-an-email,,,\n"                   # 4
            "c-bad-phone,,,12,,\n"                            # 5
            "c-bad-level,,,,9,\n"                             # 6: outside the scale
            "c-future,,,,2," + future + "\n"                  # 7
            ",Rolling mill,,,,\n"                             # 8: missing alias
            "c-long,,,,,,extra\n"                             # 9: too many columns
            "c-short,Rolling mill\n")                         # 10: too few
    mapping = {c: c for c in ("alias", "part", "email", "phone", "assessment", "assessed_on")}
    result = import_contacts(fw.secretary, fw.field, text, mapping)
    assert not result.saved
    rows = {}
    for number, reason in result.errors:
        rows.setdefault(number, []).append(reason)
    assert sorted(rows) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "Paint shop" in rows[3][0]
    assert rows[4][0].startswith("email") and rows[5][0].startswith("phone")
    assert "outside the scale" in rows[6][0]
    assert "future" in rows[7][0]
    assert "alias" in rows[8][0].lower()
    assert "7 columns" in rows[9][0] and "2 columns" in rows[10][0]
    assert not Person.objects.filter(alias="c-ok").exists()


def test_it_checks_the_mapping_against_the_header(fw):
    result = preview_contacts_import(fw.secretary, fw.field, "Name,Phone\nc-a,\n",
                                     {"Name": "nickname", "Mobile": "phone"})
    reasons = [reason for number, reason in result.errors if number == 1]
    assert len(reasons) == 3  # unknown attribute, missing column, no alias mapped
    assert preview_contacts_import(fw.secretary, fw.field, "", {"a": "alias"}).errors == [
        (1, "The file is empty.")]


def test_it_rejects_the_same_person_twice_and_a_member(fw):
    member_phone = fw.world.identities["alias-cella-1"].phone
    text = ("alias,phone\n"
            "c-twice,+98 935 000 0001\n"
            "c-twice-again,+98 935 000 0001\n"
            "c-member," + member_phone + "\n")
    errors = preview_contacts_import(fw.secretary, fw.field, text,
                                     {"alias": "alias", "phone": "phone"}).errors
    assert [n for n, _reason in errors] == [3, 4]
    assert "row 2" in errors[0][1] and "member" in errors[1][1]


def test_it_does_not_reveal_people_the_user_cannot_see(fw):
    # Cell B's person has this phone too; the cell secretary cannot see them: a new contact.
    phone = fw.world.identities["alias-cellb-2"].phone
    fw.world.people["alias-cella-2"].delete()  # the Cell A member sharing it (cast data)
    result = import_contacts(fw.secretary, fw.field, f"alias,phone\nc-new,{phone}\n",
                             {"alias": "alias", "phone": "phone"})
    assert (result.saved, result.created) == (True, 1)


def test_it_requires_the_add_action_on_the_field(fw):
    for name in ("cell_member", "committee_member", "overseer", "sibling_secretary",
                 "outsider"):
        with pytest.raises(Http404):
            preview_contacts_import(fw.world.user(name), fw.field, GOOD, MAPPING)
        with pytest.raises(Http404):
            import_contacts(fw.world.user(name), fw.field, GOOD, MAPPING)


def test_it_keeps_an_existing_identity(fw):
    person = fw.contact("c-kept", identity=Identity(phone="+98 935 777 8888",
                                                    legal_name="Kept Name"))
    import_contacts(fw.secretary, fw.field, "alias,phone,legal_name\n"
                    "c-kept,+98 935 777 8888,Other Name\n",
                    {"alias": "alias", "phone": "phone", "legal_name": "legal_name"})
    person.refresh_from_db()
    assert person.unseal_identity().legal_name == "Kept Name"


def test_it_is_no_phone_oracle_for_an_organizer_without_identity_access(fw):
    # An upload of phones must not tell who has them: without the reveal right a known
    # member's phone matches nobody (before: "c-probe" was refused as that member).
    from access.actions import do_grant_role
    from accounts.models import User

    organizer = User.objects.create_user("organizer-no-identity")
    do_grant_role(acting_user=fw.secretary, user=organizer, unit=fw.field.unit,
                  kind="organizer")
    member_phone = fw.world.identities["alias-cella-1"].phone
    preview = preview_contacts_import(organizer, fw.field, f"alias,phone\nc-probe,{member_phone}\n",
                                      {"alias": "alias", "phone": "phone"})
    assert preview.errors == [] and [r.action for r in preview.rows] == ["create"]
    assert "alias-cella-1" not in repr(preview)
    # The cell secretary, who may reveal, is told: the row is that member.
    assert preview_contacts_import(fw.secretary, fw.field,
                                   f"alias,phone\nc-probe,{member_phone}\n",
                                   {"alias": "alias", "phone": "phone"}).errors


def test_it_matches_a_person_not_yet_re_sealed_by_a_rotation_under_way(fw, union, settings):
    import_contacts(fw.secretary, fw.field, GOOD, MAPPING)
    original = Person.objects.get(alias="c-imp1")
    # The key file of a rotation under way (vault/rotation.py): a new current key, the old
    # one kept; the person's indexes are still the old key's.
    settings.NUCLEUS_IDENTITY_KEY = get_keyring().with_new_key().to_json()
    text = "Name,Phone\nc-renamed,00989351112233\n"
    result = import_contacts(fw.secretary, fw.field, text, {"Name": "alias", "Phone": "phone"})
    assert (result.created, result.updated) == (0, 1)
    original.refresh_from_db()
    assert original.alias == "c-renamed"
    by_email = import_contacts(fw.secretary, fw.field, "alias,email\nc-x,IMP2@example.org\n",
                               {"alias": "alias", "email": "email"})
    assert (by_email.created, by_email.updated) == (0, 1)
