"""The default scale and demands (fieldwork/defaults.py) are stored in English and shown in
the reader's language while unchanged; a renamed level is the organization's own text."""

import pytest
from django.urls import reverse
from django.utils import translation

from fieldwork.actions import do_update_assessment_level
from fieldwork.metrics import wall_chart
from fieldwork.models import AssessmentLevel, Demand

pytestmark = pytest.mark.django_db


def test_defaults_are_stored_in_english_and_shown_in_persian(fw):
    leader = AssessmentLevel.objects.get(organization=fw.field.unit.organization, value=1)
    wages = Demand.objects.get(organization=fw.field.unit.organization, kind="wages")
    assert (leader.label, wages.name) == ("Committed leader", "Wages")
    with translation.override("fa"):
        assert (leader.shown_label, wages.shown_name) == ("رهبر متعهد", "دستمزد")
        assert str(leader) == "1 رهبر متعهد"
        assert wall_chart(fw.secretary, fw.field).levels[0].label == "رهبر متعهد"
    assert str(leader) == "1 Committed leader"


def test_a_renamed_level_is_shown_as_written(fw):
    leader = AssessmentLevel.objects.get(organization=fw.field.unit.organization, value=1)
    do_update_assessment_level(acting_user=None, level=leader, data={"label": "Organizer"})
    with translation.override("fa"):
        assert leader.shown_label == "Organizer"


def test_the_assess_page_offers_the_levels_in_persian(fw, login):
    contact = fw.contact("c-1")
    url = reverse("fieldwork:assess", kwargs={"uid": contact.uid})
    page = login(fw.secretary).get(url, headers={"Accept-Language": "fa"}).content.decode()
    assert "رهبر متعهد" in page and "Committed leader" not in page
