"""The Django admin's import of schemes, amounts and rates (CSV only) has the same limits as the
statistics import: size cap, row cap, text only, no control characters; hostile files get a
message on the form and nothing is written."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from schemes.models import ExchangeRate

pytestmark = pytest.mark.django_db

YAML_ALIAS_BOMB = b"""a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
"""


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (20 * 1024 * 1024))
    return out.getvalue()


@pytest.fixture
def admin_client(admin_user, client):
    admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    return client


def post(client, name: str, data: bytes):
    upload = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(
        reverse("admin:schemes_exchangerate_import"),
        {"resource": "0", "import_file": upload, "format": "0"},
    )


def test_only_csv_is_offered(admin_client):
    response = admin_client.get(reverse("admin:schemes_exchangerate_import"))
    choices = response.context["form"].fields["format"].choices
    assert [label for _value, label in choices] == ["csv"]


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("bomb.xlsx", zip_bomb, "UTF-8"),
        ("bomb.yaml", lambda: YAML_ALIAS_BOMB, "1行目に currency, date の列名"),
        ("big.csv", lambda: b"KRW,2026-03-30,0.1,x,\n" * (50 * 1024 * 1024 // 22 + 1), "上限"),
        ("rows.csv", lambda: b"K\n" * 1_000_000, "行を超えて"),
        (
            "control.csv",
            lambda: b"currency,date,jpy_per_unit,source,note\nKRW,2026-03-30,0.1,x\x07,\n",
            "制御文字 U+0007",
        ),
    ],
)
def test_hostile_files_on_the_admin_import(admin_client, name, make, says):
    response = post(admin_client, name, make())
    html = response.content.decode()
    assert response.status_code == 200  # the admin re-shows its form with the message
    assert says in html
    assert "Traceback" not in html and "UnicodeDecodeError" not in html
    assert ExchangeRate.objects.count() == 0
