"""The digest as XLSX and CSV (formula injection neutralised), and attached as a material."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from committee.models import Material
from core.exports import looks_like_formula
from policies import services
from policies.digest import digest_for_meeting
from policies.digest_exports import digest_csv, digest_xlsx
from policies.models import Evidence, Measure, Pillar
from tests import factories
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db

DANGEROUS = ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def meeting(secretariat_user, member_user, other_member_user):
    meeting = factories.MeetingFactory(number=6)
    item = factories.AgendaItemFactory(meeting=meeting, position=1)
    p1 = factories.PerspectiveFactory(position=1, label="個人の観点")
    p2 = factories.PerspectiveFactory(position=2, label="システム:の[観点]")
    q1 = factories.QuestionFactory(perspective=p1, position=1, agenda_item=item, title="=論点")
    q2 = factories.QuestionFactory(perspective=p2, position=1, agenda_item=item)
    top = CommentFactory(question=q1, author=member_user, stance="support", body="賛成")
    CommentFactory(question=q1, author=other_member_user, parent=top, stance="concern")
    for body in DANGEROUS:
        CommentFactory(question=q1, author=other_member_user, stance="proposal", body=body)
    hidden = CommentFactory(question=q2, author=member_user, stance="question", body="隠す")
    services.comment_hide(comment=hidden, by=secretariat_user, reason="重複")
    return meeting


def test_xlsx_has_a_summary_and_one_sheet_per_perspective(meeting, secretariat_user):
    digest = digest_for_meeting(secretariat_user, meeting)
    wb = load_workbook(io.BytesIO(digest_xlsx(digest)))
    assert wb.sheetnames[0] == "集計"
    assert len(wb.sheetnames) == 3
    assert "[" not in wb.sheetnames[2] and ":" not in wb.sheetnames[2]
    summary = list(wb["集計"].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(summary) if row[0] == "観点")
    rows = summary[header + 1 :]
    # Stance columns: support, concern, proposal, question; then total, hidden, deleted.
    assert rows[0][3:10] == (1, 1, len(DANGEROUS), 0, 2 + len(DANGEROUS), 0, 0)
    assert rows[1][3:10] == (0, 0, 0, 0, 0, 1, 0)
    sheet = list(wb[wb.sheetnames[1]].iter_rows(values_only=True))
    comments = [row for row in sheet[2:] if row[2]]
    assert len(comments) == 2 + len(DANGEROUS)
    assert any(row[2] == "1-1" and row[3] == "1" for row in comments)  # reply under its parent
    hidden_sheet = list(wb[wb.sheetnames[2]].iter_rows(values_only=True))
    assert any(row[7] == "非表示" and row[8] == "重複" for row in hidden_sheet[2:])
    # Formula-looking text is a text cell holding exactly what was typed (core.exports).
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
    assert '=HYPERLINK("http://x")' in [row[10] for row in comments]


def test_csv_has_a_bom_and_neutralised_cells(meeting, secretariat_user):
    data = digest_csv(digest_for_meeting(secretariat_user, meeting))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "観点"
    assert len(rows) == 1 + 2 + len(DANGEROUS) + 1
    for row in rows:
        for value in row:
            assert not looks_like_formula(value)
    assert '\'=HYPERLINK("http://x")' in [r[-1] for r in rows]


def test_download_views(meeting, secretariat_client):
    response = secretariat_client.get(reverse("digest:meeting-xlsx", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in response["Content-Disposition"]
    load_workbook(io.BytesIO(response.content))
    response = secretariat_client.get(reverse("digest:meeting-csv", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")


def test_attach_as_material_unpublished_by_default(meeting, secretariat_client):
    url = reverse("digest:meeting-attach", args=[meeting.pk])
    response = secretariat_client.post(url, {"number": "資料３", "title": "論点整理"})
    assert response.status_code == 302
    material = Material.objects.get(meeting=meeting)
    assert material.number == "資料3" and not material.is_published
    version = material.versions.get()
    assert version.original_name.endswith(".xlsx")
    assert version.content_type.startswith("application/vnd.openxmlformats")
    with version.file.open("rb") as f:
        wb = load_workbook(f)
    assert wb.sheetnames[0] == "集計"


def test_attach_with_a_taken_number_shows_the_error_next_to_the_field(
    meeting, secretariat_client, htmx_headers
):
    url = reverse("digest:meeting-attach", args=[meeting.pk])
    secretariat_client.post(url, {"number": "資料3", "title": "論点整理"})
    response = secretariat_client.post(url, {"number": "資料3", "title": "論点整理 再"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_number_error"' in html and "資料3はこの会議で既に使われています" in html
    assert 'value="論点整理 再"' in html  # typed values kept
    response = secretariat_client.post(url, {"number": "資料X", "title": "t"}, **htmx_headers)
    assert response.status_code == 400  # a refusal is 4xx; htmx-config swaps it in place
    assert response.content.decode().lstrip().startswith('<section id="attach-panel"')
    assert 'id="id_number_error"' in response.content.decode()
    assert Material.objects.filter(meeting=meeting).count() == 1


def test_attach_suggests_the_next_free_number(meeting, secretariat_client):
    url = reverse("digest:meeting-attach", args=[meeting.pk])
    secretariat_client.post(url, {"number": "資料1", "title": "a"})
    page = secretariat_client.get(reverse("digest:meeting", args=[meeting.pk])).content.decode()
    assert 'value="資料2"' in page


def test_attach_with_htmx_returns_the_panel(meeting, secretariat_client, htmx_headers):
    url = reverse("digest:meeting-attach", args=[meeting.pk])
    response = secretariat_client.post(url, {"number": "資料3", "title": "t"}, **htmx_headers)
    assert response.status_code == 200
    assert "資料3として会議資料に登録しました" in response.content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_only_the_secretariat_attaches(meeting, htmx, member_client, observer_client):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = reverse("digest:meeting-attach", args=[meeting.pk])
    for c in (member_client, observer_client):
        assert c.post(url, {"number": "資料3", "title": "t"}, **headers).status_code == 403
    assert not Material.objects.exists()


def test_cells_hold_plain_text_and_the_cited_evidence(secretariat_user, member_user):
    meeting = factories.MeetingFactory(number=7)
    item = factories.AgendaItemFactory(meeting=meeting, position=1)
    question = factories.QuestionFactory(agenda_item=item)
    measure = Measure.objects.create(
        pillar=Pillar.objects.create(position=1, title="柱"),
        name="先端国際共同研究推進事業",
        abbreviation="ASPIRE",
    )
    evidence = Evidence.objects.create(question=question, measure=measure)
    CommentFactory(
        question=question,
        author=member_user,
        stance="support",
        body="渡航費は**不十分**です。\n\n- 住居\n- *生活費*\n\n[資料](https://example.org/a)",
        cited_evidence=evidence,
    )
    digest = digest_for_meeting(secretariat_user, meeting)
    rows = list(csv.reader(io.StringIO(digest_csv(digest).decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    assert header[-2:] == ["引用した資料", "意見"]
    assert row[-2] == "ASPIRE（先端国際共同研究推進事業）"
    assert row[-1] == "渡航費は不十分です。\n\n・住居\n・生活費\n\n資料 (https://example.org/a)"
    wb = load_workbook(io.BytesIO(digest_xlsx(digest)))
    sheet = list(wb.worksheets[1].iter_rows(values_only=True))
    assert sheet[2][-2:] == (row[-2], row[-1])
    for value in (row[-1], sheet[2][-1]):
        assert "**" not in value and "*" not in value and "](" not in value
