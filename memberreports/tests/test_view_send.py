import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from memberreports.models import MemberReport, SentReport
from memberreports.tests.conftest import face_png, gps_jpeg


def _post(client, campaign, world, **files):
    return client.post(reverse("memberreports:send", kwargs={"uid": campaign.uid}), {
        "organization": world.orgs["rp"].uid, "component": campaign.components.first().uid,
        "text": "Leaflets at the gate", "date": "2022-12-02", "city": "Nowhere City",
        "country": "Nowhere", **files})


def test_it_sends_a_report_with_photos_stripped_and_blurred(client, login, world, campaign,
                                                             sender):
    login(sender)
    response = _post(client, campaign, world, uploads=[
        SimpleUploadedFile("gate.jpg", gps_jpeg()), SimpleUploadedFile("crowd.png", face_png())])

    report = SentReport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"{report.uid}/")
    assert report.media.count() == 2 and report.media.filter(faces=1).count() == 1
    assert MemberReport.objects.get().sent_copy == report
    photo = report.media.get(faces=0)
    served = client.get(reverse("memberreports:media", kwargs={"uid": photo.uid}))
    assert not Image.open(io.BytesIO(served.content)).getexif()


def test_it_refuses_a_file_of_the_wrong_type_and_saves_nothing(client, login, world, campaign,
                                                               sender):
    login(sender)
    response = _post(client, campaign, world, uploads=[
        SimpleUploadedFile("photo.jpg", b"this is not a photo")])

    assert response.status_code == 200
    assert "Only photos (JPEG, PNG, WebP) and videos" in response.content.decode()
    assert not SentReport.objects.exists() and not MemberReport.objects.exists()


def test_it_tells_a_user_who_acts_for_no_member_organization(client, login, world, campaign):
    login(world.user("cell_member"))
    response = client.get(reverse("memberreports:send", kwargs={"uid": campaign.uid}))

    assert "You do not act for a member organization" in response.content.decode()
    assert _post(client, campaign, world).status_code == 200
    assert not SentReport.objects.exists()
