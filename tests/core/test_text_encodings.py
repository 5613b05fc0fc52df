"""Uploaded text: decoded correctly, or refused with a message that names the encoding; an
ISO-2022-JP file is never stored as "ASCII" full of escape characters."""

import pytest
from django.urls import reverse

from committee.models import Material
from core.text import UndecodableText, decode_upload
from tests import factories
from tests.committee.factories import upload

TEXT = '年度,派遣研究者数\n平成12年度,"7,674"\n令和５年度,１２\n'


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8"),
        (TEXT.encode("cp932"), "Shift_JIS"),
        (TEXT.encode("iso2022_jp"), "ISO-2022-JP"),
    ],
)
def test_each_encoding_is_read_as_what_it_is(data, name):
    assert decode_upload(data) == (TEXT, name)


def test_an_encoding_a_caller_refuses_is_named():
    with pytest.raises(UndecodableText, match="ISO-2022-JP"):
        decode_upload(TEXT.encode("iso2022_jp"), accept=frozenset({"UTF-8", "Shift_JIS"}))


def test_control_characters_are_named_with_the_encoding():
    with pytest.raises(UndecodableText) as refused:
        decode_upload("年度\x0b派遣\x1b".encode("cp932"))
    assert "Shift_JIS" in str(refused.value) and "U+000B, U+001B" in str(refused.value)


def test_bytes_of_no_known_encoding_are_refused():
    with pytest.raises(UndecodableText, match="UTF-8"):
        decode_upload(b"\xff\xfe\x00\x81\xff")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("encoding", "accepted"), [("utf-8", True), ("cp932", True), ("iso2022_jp", False)]
)
def test_a_csv_material_in_iso_2022_jp_is_refused_naming_it(
    secretariat_client, settings, tmp_path, encoding, accepted
):
    settings.MEDIA_ROOT = tmp_path
    meeting = factories.MeetingFactory(number=9)
    response = secretariat_client.post(
        reverse("committee:material-create", args=[meeting.pk]),
        {
            "number": "参考資料1",
            "title": "統計",
            "file": upload("figures.csv", TEXT.encode(encoding)),
        },
    )
    assert Material.objects.filter(meeting=meeting).exists() is accepted
    if not accepted:
        assert response.status_code in (400, 422)
        html = response.content.decode()
        assert "ISO-2022-JP" in html and "UTF-8で保存して" in html
