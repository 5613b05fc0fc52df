"""Outputs: DOCX read back with python-docx, the 対応 table as XLSX/CSV (formula-safe), the
新旧対照表 with insertions, deletions, moved and new paragraphs, and attaching to the meeting."""

import csv
import io

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from committee.models import Material
from reports import services
from reports.outputs.compare import compare_editions
from tests import factories
from tests.reports.factories import drafted, logged_in, rendered_comment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _two_editions():
    s = drafted()
    services.paragraph_link_comment(
        paragraph=s.p1, comment=s.c1, kind="reflected", by=s.secretariat
    )
    s.draft = services.edition_create(
        report=s.report, kind="draft", meeting=factories.MeetingFactory(number=8), by=s.secretariat
    )
    new_p1 = s.draft.paragraphs.get(number=1)
    new_p2 = s.draft.paragraphs.get(number=2)
    services.paragraph_update(
        paragraph=new_p1, version=1, body="最初の段落を改めた。", by=s.secretariat
    )
    services.paragraph_move(paragraph=new_p2, direction="up", by=s.secretariat)
    services.paragraph_create(
        section=s.draft.sections.get(), body="追加した段落。", by=s.secretariat
    )
    return s


def test_edition_docx_has_headings_numbers_east_asian_font_and_page_numbers():
    s = drafted()
    services.section_create(edition=s.edition, title="支援スキーム", level=2, by=s.secretariat)
    response = logged_in(s.secretariat).get(reverse("reports:edition-docx", args=[s.edition.pk]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    texts = [(p.style.name, p.text) for p in doc.paragraphs]
    assert ("Heading 1", "第1章　はじめに") in texts
    assert ("Heading 2", "1.1　支援スキーム") in texts
    body = [t for style, t in texts if style == "Normal" and t[:1].isdigit()]
    assert body == ["1　第一段落。", "2　第二段落。"]
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "ＭＳ 明朝"
    assert doc.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "ＭＳ 明朝"
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "fldChar" in footer
    assert round(doc.sections[0].page_width.mm) == 210


def test_responses_table_xlsx_and_csv_are_formula_safe():
    s = drafted()
    evil = rendered_comment(question=s.q1, author=s.a, body='=HYPERLINK("http://example.com")')
    services.paragraph_questions_set(paragraph=s.p2, questions=[s.q1], by=s.secretariat)
    services.paragraph_link_comment(
        paragraph=s.p2, comment=s.c1, kind="reflected", by=s.secretariat
    )
    services.disposition_set(
        edition=s.edition,
        comment=evil,
        kind="not_reflected",
        reasoning="=1+1 は採用しない",
        by=s.secretariat,
    )
    client = logged_in(s.secretariat)
    xlsx = client.get(reverse("reports:responses-xlsx", args=[s.edition.pk]))
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == ("No.", "論点", "委員", "意見", "対応区分", "考え方", "反映箇所")
    assert (
        rows[2][2:5] == ("A委員", "短期の派遣を増やすべきです。", "反映")
        and rows[2][6] == "第1章 2"
    )
    # In XLSX, formula-looking text is a text cell holding exactly what was typed.
    assert rows[3][3].startswith("=") and rows[3][5].startswith("=")
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    text = client.get(reverse("reports:responses-csv", args=[s.edition.pk])).content.decode(
        "utf-8-sig"
    )
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][0] == "No." and lines[2][3].startswith("'=")
    page = client.get(reverse("reports:responses", args=[s.edition.pk])).content.decode()
    assert "委員意見への対応（考え方）" in page and "第1章 2" in page


def test_comparison_marks_insertions_deletions_moves_and_new_paragraphs():
    s = _two_editions()
    comparison = compare_editions(s.edition, s.draft)
    states = [(r.number, r.state, r.moved) for r in comparison.rows]
    # ¶2 was moved above ¶1; ¶1 kept its place and was changed; ¶3 is new.
    assert states == [(2, "same", True), (1, "changed", False), (3, "new", False)]
    changed = next(r for r in comparison.rows if r.number == 1)
    assert any(op == 1 for op, _t in changed.new_parts) and any(
        op == -1 for op, _t in changed.old_parts
    )
    client = logged_in(s.secretariat)
    page = client.get(reverse("reports:compare", args=[s.draft.pk])).content.decode()
    assert "<ins>" in page and "<del>" in page and "移動" in page and "新" in page
    word = client.get(reverse("reports:compare-docx", args=[s.draft.pk]))
    doc = Document(io.BytesIO(word.content))
    table = doc.tables[0]
    runs = [r for row in table.rows for p in row.cells[0].paragraphs for r in p.runs]
    assert any(r.underline for r in runs)
    struck = [
        r for row in table.rows for p in row.cells[1].paragraphs for r in p.runs if r.font.strike
    ]
    assert struck


def test_a_deleted_paragraph_is_listed_where_it_was():
    s = _two_editions()
    services.paragraph_delete(paragraph=s.draft.paragraphs.get(number=2), by=s.secretariat)
    rows = compare_editions(s.edition, s.draft).rows
    assert [(r.number, r.state) for r in rows][:2] == [(1, "changed"), (2, "deleted")]


def test_attach_the_edition_as_a_numbered_material():
    s = _two_editions()
    client = logged_in(s.secretariat)
    url = reverse("reports:edition-attach", args=[s.draft.pk])
    for what, number, suffix in (
        ("edition", "資料1", ".docx"),
        ("responses", "資料2", ".xlsx"),
        ("compare", "資料3", ".docx"),
    ):
        response = client.post(url, {"what": what, "number": number, "title": "とりまとめ案"})
        assert response.status_code == 302, response.content.decode()[:500]
        material = Material.objects.get(meeting=s.draft.meeting, number=number)
        assert not material.is_published
        assert material.versions.get().original_name.endswith(suffix)
    taken = client.post(url, {"what": "edition", "number": "資料1", "title": "重複"})
    assert taken.status_code == 422
