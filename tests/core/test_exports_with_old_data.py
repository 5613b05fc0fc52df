"""Old rows holding every C0 control character (written before the forms refused them, or by an
import) cannot break a download: every export answers 200 and reads back with openpyxl/csv,
the characters removed and the rest of the text kept."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from import_export.formats.base_formats import CSV, XLSX
from openpyxl import load_workbook

from committee.models import Material, Meeting
from core.text import CONTROL_CHARACTERS
from dispatch_stats.models import ReferenceFigure, Source, YearlyFigure
from policies.models import Comment, Perspective, Question
from schemes.models import Scheme
from schemes.resources import SchemeResource
from tests import factories
from tests.dispatch_stats.factories import (
    ReferenceFigureFactory,
    SourceFactory,
    YearlyFigureFactory,
)
from tests.policies.factories import CommentFactory
from tests.schemes.factories import SchemeFactory

pytestmark = pytest.mark.django_db

# Every C0 control character PostgreSQL can store (it refuses NUL in text itself).
C0 = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r")
DIRTY = f"ZQ{C0}汚れ"  # what old data holds
CLEAN = "ZQ汚れ"  # what a download shows


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def meeting(member_user, other_member_user):
    meeting = factories.MeetingFactory(number=6)
    item = factories.AgendaItemFactory(meeting=meeting, position=1)
    perspective = factories.PerspectiveFactory(position=1, label="個人の観点")
    question = factories.QuestionFactory(perspective=perspective, agenda_item=item, position=1)
    top = CommentFactory(question=question, author=member_user, stance="support", body="賛成")
    CommentFactory(question=question, author=other_member_user, parent=top, stance="concern")
    # Bypassing the forms, as old data and imports did.
    Comment.objects.filter(pk=top.pk).update(body=DIRTY, hidden_reason=DIRTY)
    get_user_model().objects.filter(pk=member_user.pk).update(display_name=DIRTY)
    Question.objects.filter(pk=question.pk).update(title=DIRTY)
    Perspective.objects.filter(pk=perspective.pk).update(label=DIRTY, title=DIRTY)
    Meeting.objects.filter(pk=meeting.pk).update(title=DIRTY)
    return meeting


def _texts_of_workbook(content: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(content))
    texts = list(workbook.sheetnames)
    for sheet in workbook.worksheets:
        texts += [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    return texts


def _texts_of_csv(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def _assert_clean(texts: list[str]) -> None:
    assert not [t for t in texts if CONTROL_CHARACTERS.search(t)]
    assert any(CLEAN in t for t in texts), "the dirty row should be in the download"


def test_digest_downloads_and_attach(meeting, secretariat_client):
    xlsx = secretariat_client.get(reverse("digest:meeting-xlsx", args=[meeting.pk]))
    assert xlsx.status_code == 200
    _assert_clean(_texts_of_workbook(xlsx.content))
    response = secretariat_client.get(reverse("digest:meeting-csv", args=[meeting.pk]))
    assert response.status_code == 200
    _assert_clean(_texts_of_csv(response.content))
    page = secretariat_client.get(reverse("digest:meeting", args=[meeting.pk]))
    assert page.status_code == 200
    url = reverse("digest:meeting-attach", args=[meeting.pk])
    response = secretariat_client.post(url, {"number": "資料3", "title": "論点整理"})
    assert response.status_code == 302
    version = Material.objects.get(meeting=meeting).versions.get()
    with version.file.open("rb") as f:
        _assert_clean(_texts_of_workbook(f.read()))


@pytest.fixture
def figures():
    source = SourceFactory()
    for year in (2000, 2001, 2002):
        for term in ("short", "mid_long"):
            YearlyFigureFactory(fiscal_year=year, term=term, source=source)
    refs = [
        ReferenceFigureFactory(country_or_pair=f"Japan -> C{i}", source=source) for i in range(3)
    ]
    ReferenceFigure.objects.filter(pk__in=[r.pk for r in refs]).update(
        metric=refs[0].metric, unit=refs[0].unit
    )
    ReferenceFigure.objects.filter(pk=refs[0].pk).update(country_or_pair=DIRTY, note=DIRTY)
    YearlyFigure.objects.filter(source=source).update(note=DIRTY)
    Source.objects.filter(pk=source.pk).update(name=DIRTY)
    return source


@pytest.mark.parametrize("dataset", ["yearly", "reference"])
def test_statistics_exports(figures, dataset):
    client = Client()
    xlsx = client.get(reverse("dispatch_stats:export", args=[dataset, "xlsx"]))
    assert xlsx.status_code == 200
    _assert_clean(_texts_of_workbook(xlsx.content))
    response = client.get(reverse("dispatch_stats:export", args=[dataset, "csv"]))
    assert response.status_code == 200
    _assert_clean(_texts_of_csv(response.content))


def test_statistics_page_and_chart_downloads(figures):
    client = Client()
    assert client.get(reverse("dispatch_stats:index")).status_code == 200
    for slug in ("outbound", "inbound-outbound", "reference-1"):
        response = client.get(reverse("dispatch_stats:chart-csv", args=[slug]))
        assert response.status_code == 200, slug
        assert not CONTROL_CHARACTERS.search(response.content.decode("utf-8-sig"))
    reference = client.get(reverse("dispatch_stats:chart-csv", args=["reference-1"]))
    assert CLEAN in reference.content.decode("utf-8-sig")


def test_scheme_exports():
    scheme = SchemeFactory()
    Scheme.objects.filter(pk=scheme.pk).update(name_ja=DIRTY, obligation="=1+1")
    dataset = SchemeResource().export()
    workbook = XLSX().export_data(dataset)
    _assert_clean(_texts_of_workbook(workbook))
    text = CSV().export_data(SchemeResource().export())
    _assert_clean(_texts_of_csv(text.encode("utf-8") if isinstance(text, str) else text))
