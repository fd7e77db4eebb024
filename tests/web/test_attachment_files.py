"""Uploaded photos and scans are served only to users who may see their case."""
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from agencies.choices import Role
from seizures.models import Attachment
from tests.factories import AgencyFactory, CaseFactory, make_member

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def attachment(kg):
    case = CaseFactory(agency=AgencyFactory(code="KG-CUS", country=kg))
    item = Attachment(case=case, kind="photo", description="horns")
    item.file.save("horns.png", ContentFile(PNG), save=False)
    item.save()
    return item


def test_owner_agency_gets_the_file(client, attachment):
    client.force_login(make_member(attachment.case.agency, Role.OFFICER))
    response = client.get(reverse("seizures:attachment_file", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Cache-Control"].startswith("private")


def test_other_agency_gets_404_and_anonymous_is_sent_to_sign_in(client, attachment, kg):
    url = reverse("seizures:attachment_file", args=[attachment.pk])
    assert client.get(url).status_code == 302
    client.force_login(make_member(AgencyFactory(code="KG-BGS", country=kg), Role.OFFICER))
    assert client.get(url).status_code == 404


def test_media_folder_is_not_served_directly(client, attachment):
    client.force_login(make_member(attachment.case.agency, Role.OFFICER))
    assert client.get("/media/" + attachment.file.name).status_code == 404
