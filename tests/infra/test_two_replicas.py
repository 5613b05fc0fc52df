"""Two app servers (separate gunicorn processes, different ports, `make serve`) on one PostgreSQL,
one Redis (a redis-server started here, else the machine's) and an S3 server (moto, started
here): what one replica writes the other shows at once, with no stale fragment, and two task
workers send each due notification once."""

import datetime as dt
import re
import time
import urllib.request
import uuid

import boto3
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import NotificationLog
from policies.models import Comment
from tests import factories
from tests.committee.factories import PDF_BYTES
from tests.infra import servers
from tests.infra.test_make_run_load import _session_for

pytestmark = pytest.mark.django_db(transaction=True)
BUCKET = "replica-materials"
HX_POLL = {"HX-Request": "true", "HX-Target": "comment-list"}


@pytest.fixture(scope="module")
def shared_services():
    with servers.redis_server() as redis_url, servers.s3_server() as s3:
        boto3.client(
            "s3", endpoint_url=s3, region_name="us-east-1",
            aws_access_key_id="testing", aws_secret_access_key="testing",
        ).create_bucket(Bucket=BUCKET)  # fmt: skip
        yield {
            "REDIS_URL": redis_url,
            "DJANGO_S3_BUCKET": BUCKET,
            "DJANGO_S3_ENDPOINT_URL": s3,
            "DJANGO_S3_REGION": "us-east-1",
            "DJANGO_S3_ACCESS_KEY_ID": "testing",
            "DJANGO_S3_SECRET_ACCESS_KEY": "testing",
        }


class Reader:
    """One person's browser: a session cookie, the CSRF cookie, plain HTTP."""

    def __init__(self, user=None):
        self.opener = servers.opener(_session_for(user) if user else None, follow=False)
        self.jar = next(
            h.cookiejar for h in self.opener.handlers if hasattr(h, "cookiejar")
        )  # fmt: skip

    def get(self, url, headers=None):
        request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - local
        status, _headers, body = servers.fetch(self.opener, request)
        return status, body.decode("utf-8", "replace")

    def post(self, url, fields, files=None):
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in {**fields, "csrfmiddlewaretoken": token}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content, ctype) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'.encode()
                + content + b"\r\n"
            )  # fmt: skip
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        content_type = f"multipart/form-data; boundary={boundary}"
        request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})  # noqa: S310
        status, headers, _body = servers.fetch(self.opener, request)
        self.last_location = headers.get("Location", "")
        return status


def test_two_replicas_share_database_cache_and_storage(shared_services):
    author = factories.member(username="iin_a", display_name="A委員")
    reader_user = factories.member(username="iin_b", display_name="B委員")
    staff = factories.secretariat(username="jimukyoku")
    now = timezone.now()
    perspective = factories.PerspectiveFactory(
        position=1,
        comment_opens_at=now - dt.timedelta(hours=1),
        comment_closes_at=now + dt.timedelta(days=3),
    )
    question = factories.QuestionFactory(perspective=perspective, position=1)
    meeting = factories.MeetingFactory(number=6)
    detail = reverse("policies:question-detail", args=[question.pk])
    with (
        servers.app_server(**shared_services) as a,
        servers.app_server(**shared_services) as b,
    ):
        writer, reader = Reader(author), Reader(reader_user)
        assert writer.get(a + detail)[0] == 200  # the form, and the CSRF cookie
        status = writer.post(
            a + reverse("policies:comment-create", args=[question.pk]),
            {"stance": "support", "body": "短期派遣の枠を広げるべき。", "idempotency_token": uuid.uuid4()},  # noqa: E501
        )  # fmt: skip
        assert status in (302, 303), status
        assert Comment.objects.filter(author=author).count() == 1, writer.last_location
        # The other member's next poll, on the other replica, shows it.
        status, html = reader.get(b + detail, HX_POLL)
        assert status == 200 and "短期派遣の枠を広げるべき。" in html
        # Rendered (and cached in Redis) on A too, then edited on B: A shows the edit.
        assert "短期派遣の枠を広げるべき。" in reader.get(a + detail)[1]
        comment = Comment.objects.get()
        assert writer.get(b + detail)[0] == 200
        status = writer.post(
            b + reverse("policies:comment-update", args=[comment.pk]),
            {"stance": "concern", "body": "中長期派遣こそ広げるべき。"},
        )
        assert status in (302, 303), status
        html = reader.get(a + detail)[1]
        assert "中長期派遣こそ広げるべき。" in html and "短期派遣の枠を広げるべき。" not in html

        # A material uploaded on A is stored in the bucket and downloads on B.
        secretariat = Reader(staff)
        create = reverse("committee:material-create", args=[meeting.pk])
        assert secretariat.get(a + create)[0] == 200
        status = secretariat.post(
            a + create,
            {"number": "資料1", "title": "海外派遣の現状", "is_published": "on"},
            files={"file": ("genjo.pdf", PDF_BYTES, "application/pdf")},
        )
        assert status in (302, 303), status
        material = meeting.materials.get()
        download = reverse("committee:material-download", args=[material.pk])
        status, headers, body = servers.fetch(servers.opener(), b + download)
        assert status == 200 and body == PDF_BYTES
        assert headers["Cache-Control"] == "private, no-store"


def test_two_workers_on_the_shared_setup_send_each_due_notification_once(shared_services, tmp_path):
    for name in ("iin_a", "iin_b"):
        factories.member(username=name, email=f"{name}@example.go.jp")
    now = timezone.now()
    perspective = factories.PerspectiveFactory(
        position=1,
        comment_opens_at=now - dt.timedelta(hours=1),
        comment_closes_at=now + dt.timedelta(days=3),
    )
    factories.QuestionFactory(perspective=perspective, position=1)
    env = {
        **shared_services,
        "NOTIFICATIONS_CRON": "* * * * * */1",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "DJANGO_EMAIL_FILE_PATH": str(tmp_path),
    }
    with servers.task_worker(**env), servers.task_worker(**env):
        deadline = time.monotonic() + 60
        while NotificationLog.objects.count() < 2 and time.monotonic() < deadline:
            time.sleep(0.3)
        time.sleep(3)  # more ticks: none sends again
    sent = re.findall(r"^To: (.+)$", "".join(p.read_text() for p in tmp_path.iterdir()), re.M)
    assert sorted(sent) == ["iin_a@example.go.jp", "iin_b@example.go.jp"]
