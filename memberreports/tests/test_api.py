from django.urls import reverse
from rest_framework.test import APIClient

from memberreports.models import ReportMedia, SentReport
from memberreports.tests.conftest import face_png, gps_jpeg


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_it_creates_a_report_from_a_multipart_post(world, campaign, sender):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _api(sender).post(reverse("member-report-list"), {
        "campaign": str(campaign.uid), "organization": str(world.orgs["rp"].uid),
        "text": "Leaflets", "date": "2022-12-02", "city": "Nowhere City",
        "country": "Nowhere",
        "files": [SimpleUploadedFile("a.jpg", gps_jpeg()), SimpleUploadedFile("b.png", face_png())],
    }, format="multipart")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["organization"] == str(world.orgs["rp"].uid) and "id" not in body
    assert sorted(m["faces"] for m in body["media"]) == [0, 1]
    assert SentReport.objects.get().uid.hex == body["uid"].replace("-", "")


def test_it_refuses_a_wrong_file_with_a_message_and_saves_nothing(world, campaign, sender):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _api(sender).post(reverse("member-report-list"), {
        "campaign": str(campaign.uid), "organization": str(world.orgs["rp"].uid),
        "text": "Leaflets", "date": "2022-12-02", "city": "C", "country": "N",
        "files": [SimpleUploadedFile("a.jpg", b"not a photo")]}, format="multipart")

    assert response.status_code == 400 and "Only photos" in response.content.decode()
    assert not SentReport.objects.exists()


def test_it_lets_the_office_review_publish_and_decide(world, sent_report):
    office = _api(world.user("coalition_office"))
    item = sent_report.media.get(faces=1)
    url = reverse("member-report-review", kwargs={"uid": sent_report.uid})

    assert office.post(url, {"status": "accepted"}, format="json").status_code == 200
    faces = office.post(reverse("report-media-faces", kwargs={"uid": item.uid}),
                        {"keep": False}, format="json")
    published = office.post(reverse("member-report-publish", kwargs={"uid": sent_report.uid}),
                            {"published": True}, format="json")

    assert faces.json()["face_decision"] == ReportMedia.Faces.BLURRED
    assert published.status_code == 200 and published.json()["published_at"]


def test_it_refuses_the_review_to_a_member(world, sent_report):
    member = _api(world.user("cell_secretary"))
    url = reverse("member-report-review", kwargs={"uid": sent_report.uid})

    assert member.post(url, {"status": "accepted"}, format="json").status_code == 404


def test_it_answers_a_report_being_processed_and_refuses_its_review_meanwhile(world, campaign,
                                                                              sender, queued):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = _api(sender).post(reverse("member-report-list"), {
        "campaign": str(campaign.uid), "organization": str(world.orgs["rp"].uid),
        "text": "Leaflets", "date": "2022-12-02", "city": "C", "country": "N",
        "files": [SimpleUploadedFile("a.jpg", gps_jpeg())]}, format="multipart")

    body = response.json()
    assert response.status_code == 201 and body["media_state"] == "processing"
    assert body["media"] == []
    review = _api(world.user("coalition_office")).post(
        reverse("member-report-review", kwargs={"uid": body["uid"]}), {"status": "accepted"},
        format="json")
    assert review.status_code == 400 and "still being processed" in review.content.decode()
