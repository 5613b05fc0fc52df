"""Materials: upload with a real type check and size limit, numbering, versions, downloads."""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from committee import filetypes
from committee.models import ChangeLog, Material, MaterialVersion
from committee.selectors import suggest_material_numbers
from tests import factories
from tests.committee.factories import (
    PDF_BYTES,
    MaterialFactory,
    MaterialVersionFactory,
    ooxml_bytes,
    pdf,
    upload,
)

pytestmark = pytest.mark.django_db

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504


@pytest.fixture
def meeting():
    return factories.MeetingFactory(number=9)


def _create(c, meeting, file, number="資料1", title="海外派遣の現状", published=True, **headers):
    data = {"number": number, "title": title, "file": file}
    if published:
        data["is_published"] = "on"
    return c.post(reverse("committee:material-create", args=[meeting.pk]), data, **headers)


def test_upload_pdf_stores_a_version_under_media_root(secretariat_client, meeting, media_root):
    response = _create(secretariat_client, meeting, pdf("現状資料.pdf"))
    assert response.status_code == 302
    material = Material.objects.get()
    version = material.versions.get()
    assert (material.number, version.original_name, version.size) == (
        "資料1",
        "現状資料.pdf",
        len(PDF_BYTES),
    )
    assert version.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert version.content_type == "application/pdf"
    assert version.uploaded_by.username == "secretariat"
    path = media_root / version.file.name
    assert path.read_bytes() == PDF_BYTES
    assert "現状資料" not in version.file.name  # stored names never reuse the uploaded name
    assert ChangeLog.objects.filter(model_name="material", action="create").count() == 1


def test_full_width_number_is_normalised(secretariat_client, meeting):
    _create(secretariat_client, meeting, pdf(), number="資料２－１")
    assert Material.objects.get().number == "資料2-1"


@pytest.mark.parametrize(
    "name, content",
    [
        ("a.docx", ooxml_bytes("word/document.xml")),
        ("a.xlsx", ooxml_bytes("xl/workbook.xml")),
        ("a.pptx", ooxml_bytes("ppt/presentation.xml")),
        ("a.doc", OLE2),
        ("a.xls", OLE2),
        ("a.ppt", OLE2),
        ("a.csv", "年度,派遣者数\n2024,1200\n".encode()),
        ("a.csv", "年度,派遣者数\n2024,1200\n".encode("cp932")),
        ("A.PDF", PDF_BYTES),
    ],
)
def test_accepted_types(name, content):
    detected = filetypes.detect(upload(name, content))
    assert detected.extension == "." + name.rsplit(".", 1)[1].lower()


@pytest.mark.parametrize(
    "name, content",
    [
        ("evil.pdf", b"<html><script>alert(1)</script></html>"),
        ("a.docx", ooxml_bytes("xl/workbook.xml")),  # an Excel file named .docx
        ("a.xlsx", b"PK\x03\x04not really a zip"),
        ("a.doc", PDF_BYTES),
        ("a.csv", b"a,b\x00c"),
        ("a.csv", b"\x81\x00\xff\xfe"),
        ("a.csv", b""),
        ("a.exe", b"MZ\x90\x00"),
        ("a.html", b"<html></html>"),
        ("noextension", PDF_BYTES),
    ],
)
def test_refused_types(name, content):
    with pytest.raises(filetypes.FileTypeError):
        filetypes.detect(upload(name, content))


@pytest.mark.parametrize("hx", [False, True])
def test_wrong_type_is_refused_next_to_the_field(
    secretariat_client, meeting, media_root, hx, htmx_headers
):
    response = _create(
        secretariat_client,
        meeting,
        upload("資料1.pdf", b"MZ\x90\x00 not a pdf"),
        **(htmx_headers if hx else {}),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_file_error"' in html
    assert not Material.objects.exists() and not MaterialVersion.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_over_size_file_is_refused(secretariat_client, meeting, settings):
    settings.MAX_UPLOAD_SIZE = 100
    response = _create(secretariat_client, meeting, pdf(content=PDF_BYTES + b"0" * 200))
    assert response.status_code == 422
    assert 'id="id_file_error"' in response.content.decode()
    assert not Material.objects.exists()


def test_duplicate_number_is_refused(secretariat_client, meeting):
    MaterialFactory(meeting=meeting, number="資料1")
    response = _create(secretariat_client, meeting, pdf(), number="資料１")
    assert response.status_code == 422
    assert 'id="id_number_error"' in response.content.decode()
    assert Material.objects.count() == 1
    # The same number in another meeting is fine.
    other = factories.MeetingFactory(number=10)
    assert _create(secretariat_client, other, pdf(), number="資料1").status_code == 302


@pytest.mark.parametrize("number", ["", "資料", "Document 1", "資料1-", "参考1"])
def test_badly_formed_number_is_refused(secretariat_client, meeting, number):
    response = _create(secretariat_client, meeting, pdf(), number=number)
    assert response.status_code == 422
    assert not Material.objects.exists()


def test_empty_title_is_refused(secretariat_client, meeting):
    response = _create(secretariat_client, meeting, pdf(), title=" ")
    assert response.status_code == 422
    assert 'id="id_title_error"' in response.content.decode()


def test_suggested_numbers(meeting, secretariat_client):
    assert suggest_material_numbers(meeting) == ["資料1", "参考資料1"]
    for number in ["資料1", "資料2-1", "資料2-2", "参考資料1"]:
        MaterialFactory(meeting=meeting, number=number)
    assert suggest_material_numbers(meeting) == ["資料3", "資料2-3", "参考資料2"]
    page = secretariat_client.get(reverse("committee:material-create", args=[meeting.pk]))
    assert 'value="資料3"' in page.content.decode()


def test_replace_keeps_old_versions(secretariat_client, meeting):
    _create(secretariat_client, meeting, pdf("v1.pdf"))
    material = Material.objects.get()
    response = secretariat_client.post(
        reverse("committee:material-edit", args=[material.pk]),
        {
            "number": "資料1",
            "title": "改訂版",
            "is_published": "on",
            "version": material.version,
            "file": upload("v2.csv", b"a,b\n1,2\n"),
        },
    )
    assert response.status_code == 302
    names = list(material.versions.values_list("original_name", flat=True))
    assert names == ["v2.csv", "v1.pdf"]
    # The public download is the newest; the old one stays downloadable for the secretariat.
    current = Client().get(reverse("committee:material-download", args=[material.pk]))
    assert b"".join(current.streaming_content) == b"a,b\n1,2\n"
    old = material.versions.last()
    old_url = reverse("committee:material-version-download", args=[material.pk, old.pk])
    assert Client().get(old_url).status_code == 404
    assert b"".join(secretariat_client.get(old_url).streaming_content) == PDF_BYTES
    log = ChangeLog.objects.filter(model_name="material", action="update").get()
    assert (log.before["file"], log.after["file"], log.after["title"]) == (
        "v1.pdf",
        "v2.csv",
        "改訂版",
    )


def test_stale_material_edit_is_refused(secretariat_client, meeting):
    material = MaterialFactory(meeting=meeting, number="資料1", title="元")
    MaterialVersionFactory(material=material)
    url = reverse("committee:material-edit", args=[material.pk])
    data = {"number": "資料1", "title": "一人目", "version": 1}
    assert secretariat_client.post(url, data).status_code == 302
    response = secretariat_client.post(url, {**data, "title": "二人目"})
    assert response.status_code == 409
    material.refresh_from_db()
    assert material.title == "一人目"
    assert "一人目" in response.content.decode()


def test_download_headers(client, meeting):
    version = MaterialVersionFactory(
        material=MaterialFactory(meeting=meeting, number="資料1"), original_name="資料1 現状.pdf"
    )
    response = client.get(reverse("committee:material-download", args=[version.material.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%E8%B3%87%E6%96%991%20%E7%8F%BE%E7%8A%B6.pdf" in disposition
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize("who", ["anonymous", "observer", "member"])
@pytest.mark.parametrize("hx", [False, True])
def test_unpublished_material_is_404(who, hx, request, meeting, htmx_headers):
    c = {
        "anonymous": Client(),
        "observer": request.getfixturevalue("observer_client"),
        "member": request.getfixturevalue("member_client"),
    }[who]
    hidden = MaterialVersionFactory(
        material=MaterialFactory(
            meeting=meeting, number="資料1", title="未公開", is_published=False
        )
    ).material
    draft_meeting = factories.MeetingFactory(number=11, is_published=False)
    in_draft = MaterialVersionFactory(material=MaterialFactory(meeting=draft_meeting)).material
    headers = htmx_headers if hx else {}
    for material in (hidden, in_draft):
        url = reverse("committee:material-download", args=[material.pk])
        assert c.get(url, **headers).status_code == 404
    page = c.get(reverse("committee:meeting-detail", args=[meeting.pk]), **headers)
    assert "未公開" not in page.content.decode()


def test_member_cannot_upload_or_edit(member_client, meeting, htmx_headers):
    material = MaterialVersionFactory(material=MaterialFactory(meeting=meeting)).material
    for headers in ({}, htmx_headers):
        assert _create(member_client, meeting, pdf(), number="資料9", **headers).status_code == 403
        edit = reverse("committee:material-edit", args=[material.pk])
        assert member_client.get(edit, **headers).status_code == 403
        delete = reverse("committee:material-delete", args=[material.pk])
        assert member_client.post(delete, **headers).status_code == 403
    assert Material.objects.count() == 1


def test_secretariat_sees_unpublished_and_deletes(secretariat_client, meeting):
    material = MaterialVersionFactory(
        material=MaterialFactory(
            meeting=meeting, number="資料1", title="未公開", is_published=False
        )
    ).material
    page = secretariat_client.get(reverse("committee:meeting-detail", args=[meeting.pk]))
    assert "未公開" in page.content.decode()
    url = reverse("committee:material-download", args=[material.pk])
    assert secretariat_client.get(url).status_code == 200
    secretariat_client.post(reverse("committee:material-delete", args=[material.pk]))
    assert not Material.objects.exists()
    assert ChangeLog.objects.filter(model_name="material", action="delete").exists()


def test_files_are_not_served_from_a_public_media_url(client, meeting, settings):
    version = MaterialVersionFactory(material=MaterialFactory(meeting=meeting))
    assert client.get(f"{settings.MEDIA_URL}{version.file.name}").status_code == 404
    assert client.get(f"/media/{version.file.name}").status_code == 404


def test_a_number_taken_after_the_forms_check_is_a_number_error_not_a_crash(
    meeting, secretariat_user
):
    """The form checks the number, but someone may take it before the write: the services say
    so on the "number" field, for a new material and for a renumbered one, and write nothing."""
    from django.core.exceptions import ValidationError

    from committee import services

    MaterialFactory(meeting=meeting, number="資料1")
    other = MaterialFactory(meeting=meeting, number="資料2")
    with pytest.raises(ValidationError) as created:
        services.material_create(
            meeting=meeting,
            number="資料１",
            title="重複",
            is_published=True,
            upload=pdf(),
            content_type="application/pdf",
            by=secretariat_user,
        )
    assert "資料1" in created.value.message_dict["number"][0]
    with pytest.raises(ValidationError) as renumbered:
        services.material_update(
            material=other,
            version=other.version,
            number="資料1",
            title=other.title,
            is_published=True,
            by=secretariat_user,
        )
    assert "資料1" in renumbered.value.message_dict["number"][0]
    assert Material.objects.filter(meeting=meeting).count() == 2
    assert not ChangeLog.objects.filter(model_name="material").exists()
