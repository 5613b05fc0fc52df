"""Uploaded materials on S3-compatible storage (moto's S3 server, started here): stored in the
bucket with the SHA-256 and real-type checks as on disk, downloaded only through the
permission-checked view, never from a public bucket URL."""

import contextlib
import hashlib
import time
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from botocore.exceptions import ClientError
from django.test import Client
from django.urls import reverse

from committee.models import Material
from tests import factories
from tests.committee.factories import PDF_BYTES, pdf
from tests.infra import servers

pytestmark = pytest.mark.django_db
BUCKET = "committee-materials"


@pytest.fixture(scope="module")
def s3_endpoint():
    with servers.s3_server() as endpoint:
        yield endpoint


def s3_storages(endpoint: str, bucket: str = BUCKET) -> dict:
    """STORAGES as config.settings builds them for DJANGO_S3_BUCKET and friends."""
    from django.conf import settings

    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": "testing",
                "secret_key": "testing",
                "location": "media",
                "default_acl": None,
                "file_overwrite": False,
                "querystring_expire": 60,
            },
        },
    }


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = s3_client(s3_endpoint)
    with contextlib.suppress(ClientError):  # made by an earlier test
        client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = s3_storages(s3_endpoint)
    return client


def _upload(c, meeting, file, published=True):
    data = {"number": "資料1", "title": "海外派遣の現状", "file": file}
    if published:
        data["is_published"] = "on"
    return c.post(reverse("committee:material-create", args=[meeting.pk]), data)


def test_upload_goes_to_the_bucket_and_downloads_through_the_app(bucket, secretariat_client):
    meeting = factories.MeetingFactory(number=9)
    assert _upload(secretariat_client, meeting, pdf("現状資料.pdf")).status_code == 302
    version = Material.objects.get().versions.get()
    assert version.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    stored = bucket.get_object(Bucket=BUCKET, Key=f"media/{version.file.name}")["Body"].read()
    assert stored == PDF_BYTES
    response = Client().get(reverse("committee:material-download", args=[version.material.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Cache-Control"] == "private, no-store"


def test_a_file_url_is_signed_and_short_lived(bucket, secretariat_client):
    meeting = factories.MeetingFactory(number=9)
    _upload(secretariat_client, meeting, pdf())
    version = Material.objects.get().versions.get()
    signed = version.file.url  # a signed URL, short-lived (querystring_expire)
    query = parse_qs(urlsplit(signed).query)
    assert query["Signature"] and query["AWSAccessKeyId"] == ["testing"]
    assert 0 < int(query["Expires"][0]) - time.time() <= 61


def test_a_wrong_type_is_refused_and_nothing_reaches_the_bucket(bucket, secretariat_client):
    meeting = factories.MeetingFactory(number=9)
    before = bucket.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0)
    response = _upload(secretariat_client, meeting, pdf("偽物.pdf", b"MZ\x90\x00 not a pdf"))
    assert response.status_code == 422
    assert not Material.objects.exists()
    assert bucket.list_objects_v2(Bucket=BUCKET).get("KeyCount", 0) == before


def test_an_unpublished_material_in_the_bucket_is_404(bucket, secretariat_client):
    meeting = factories.MeetingFactory(number=9)
    _upload(secretariat_client, meeting, pdf(), published=False)
    material = Material.objects.get()
    url = reverse("committee:material-download", args=[material.pk])
    assert Client().get(url).status_code == 404
    assert secretariat_client.get(url).status_code == 200
