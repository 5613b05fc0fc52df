"""Factories and sample files for the committee tests."""

import datetime as dt
import io
import zipfile

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from committee.models import AgendaItem, Hearing, Material, MaterialVersion, Meeting


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.LazyAttribute(lambda m: f"第{m.number}回国際戦略委員会")
    period_start = dt.date(2026, 4, 1)
    period_end = dt.date(2026, 5, 31)
    is_published = True


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"議題{n}")


class HearingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hearing

    agenda_item = factory.SubFactory(AgendaItemFactory)
    speaker = "有識者"


PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf(name: str = "shiryo1.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def ooxml_bytes(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<root/>")
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: f"資料{n + 1}")
    title = factory.Sequence(lambda n: f"資料タイトル{n}")
    is_published = True


class MaterialVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaterialVersion

    material = factory.SubFactory(MaterialFactory)
    file = factory.django.FileField(filename="shiryo.pdf", data=PDF_BYTES)
    original_name = "資料1.pdf"
    size = len(PDF_BYTES)
    sha256 = "0" * 64
    content_type = "application/pdf"
