"""Files as MEXT and Excel really produce them import unedited: an official workbook, Shift_JIS,
UTF-16 (Excel's "Unicode text") and tab-separated CSV without a 出典 column (source named on the
form); the reader names what it detected and CSV messages speak of the file's 行/列."""

import io

import pytest
from django.urls import reverse

from dispatch_stats import services
from dispatch_stats.importing import files
from dispatch_stats.models import ImportLog, Source, YearlyFigure
from tests.dispatch_stats.helpers import (
    delimited_bytes,
    long_rows,
    official_workbook,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

OFFICIAL_SOURCE = {
    "name": "国際研究交流の概況",
    "edition": "令和5年度",
    "url": "https://www.mext.go.jp/a_menu/kagaku/kokusai/",
    "priority": 1,
}


@pytest.mark.parametrize(
    ("encoding", "delimiter", "named"),
    [
        ("utf-8", ",", "CSV · UTF-8 · カンマ区切り"),
        ("utf-8-sig", ",", "CSV · UTF-8 (BOM) · カンマ区切り"),
        ("cp932", ",", "CSV · Shift_JIS (cp932) · カンマ区切り"),
        ("cp932", "\t", "CSV · Shift_JIS (cp932) · タブ区切り"),
        ("utf-16", "\t", "CSV · UTF-16 · タブ区切り"),
    ],
)
def test_encodings_and_separators_are_detected_and_named(encoding, delimiter, named):
    data = delimited_bytes(long_rows(), encoding, delimiter)
    preview = services.import_preview(
        kind="yearly", user=None, file_name="概況.csv", data=data, source=OFFICIAL_SOURCE
    )
    assert preview.file_format == named
    assert len(preview.new) == 5 * 6
    assert {row["source"] for row in preview.new} == {"国際研究交流の概況"}
    assert ImportLog.objects.get().file_format == named


def test_cp932_csv_without_source_needs_the_form_and_then_imports_unedited():
    data = delimited_bytes(long_rows(), "cp932")
    with pytest.raises(services.ImportRefused) as refused:
        services.import_preview(kind="yearly", user=None, file_name="gaikyo.csv", data=data)
    message = refused.value.messages[0]
    assert message.startswith("ファイル「gaikyo.csv」：出典がありません。")
    assert "シート" not in message and "フォームで出典を指定" in message
    log = services.import_file(
        kind="yearly", user=None, file_name="gaikyo.csv", data=data, source=OFFICIAL_SOURCE
    )
    source = Source.objects.get(name="国際研究交流の概況")
    assert (source.edition, source.priority, source.label) == (
        "令和5年度",
        1,
        "国際研究交流の概況 (令和5年度)",
    )
    assert log.source == source and log.rows_new == 30
    assert (
        YearlyFigure.objects.get(
            fiscal_year=2023, direction="outbound", term="mid_long"
        ).researchers
        == 3623
    )


def test_csv_cell_errors_name_file_line_and_column_not_a_sheet():
    rows = long_rows(years=[2023])
    rows[2][3] = "多数"
    with pytest.raises(services.ImportRefused) as refused:
        services.import_preview(
            kind="yearly",
            user=None,
            file_name="gaikyo.tsv",
            data=delimited_bytes(rows, "utf-16", "\t"),
            source=OFFICIAL_SOURCE,
        )
    assert refused.value.messages[0].startswith("ファイル「gaikyo.tsv」3行目 D列（人数）：")


def test_official_workbook_with_title_rows_wareki_full_width_digits_and_notes():
    log = services.import_file(
        kind="yearly", user=None, file_name="概況.xlsx", data=official_workbook()
    )
    assert log.rows_new == 31 * 6 and log.file_format == "Excel (.xlsx)"
    figure = YearlyFigure.objects.get(fiscal_year=2000, direction="outbound", term="mid_long")
    assert figure.researchers == 7674
    # NFKC: the note's full-width brackets are stored as ASCII ones.
    assert figure.source.name == "文部科学省「国際研究交流の概況」(令和5年度の状況)"


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f"])
def test_control_characters_are_refused_naming_the_cell(control):
    rows = long_rows(years=[2023])
    rows[3][1] = "派遣" + control
    with pytest.raises(services.ImportRefused) as refused:
        services.import_preview(
            kind="yearly",
            user=None,
            file_name="c.csv",
            data=delimited_bytes(rows, "utf-8-sig"),
            source=OFFICIAL_SOURCE,
        )
    message = refused.value.messages[0]
    assert message.startswith("ファイル「c.csv」4行目 B列：") and "制御文字" in message
    assert f"U+{ord(control):04X}" in message
    assert YearlyFigure.objects.count() == 0


def test_control_character_in_an_xlsx_cell_is_refused():
    # XML cannot carry most C0 characters (openpyxl refuses to write them); DEL it can.
    data = xlsx_bytes({"派遣": [["年度", "短期", "出典"], ["H30", 5, "概況\x7f"]]})
    with pytest.raises(services.ImportRefused) as refused:
        services.import_preview(kind="yearly", user=None, file_name="c.xlsx", data=data)
    assert refused.value.messages[0].startswith("シート「派遣」2行目 C列：")


def test_tab_and_newline_inside_cells_are_kept_out_of_the_refusal():
    sheets = files.read_upload(
        delimited_bytes([["年度", "備考"], ["H30", "a\tb\nc"]], "utf-8"), "ok.csv"
    )
    assert sheets[0].rows[1][1] == "a\tb\nc"


def test_the_upload_form_names_a_new_source_and_the_preview_shows_labels(admin_client_role):
    upload = io.BytesIO(delimited_bytes(long_rows(years=[2023]), "cp932"))
    upload.name = "gaikyo.csv"
    response = admin_client_role.post(
        reverse("dispatch_stats:import"),
        {
            "kind": "yearly",
            "file": upload,
            "source_name": "国際研究交流の概況",
            "source_edition": "令和5年度",
            "source_url": "https://www.mext.go.jp/",
            "source_priority": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "読み込み形式：CSV · Shift_JIS (cp932) · カンマ区切り" in html
    assert (
        "フォームで指定した出典（ファイルに出典がない行に使用）：国際研究交流の概況、版 令和5年度"
        in html
    )
    assert "<td>派遣（outbound）</td>" not in html
    assert "<td>派遣</td>" in html and "<td>中・長期（30日超）</td>" in html
    assert ">outbound<" not in html and ">mid_long<" not in html


def test_the_upload_form_refuses_both_an_existing_and_a_new_source(admin_client_role):
    source = Source.objects.create(name="既存", priority=2)
    upload = io.BytesIO(delimited_bytes(long_rows(years=[2023]), "cp932"))
    upload.name = "gaikyo.csv"
    response = admin_client_role.post(
        reverse("dispatch_stats:import"),
        {"kind": "yearly", "file": upload, "source": source.pk, "source_name": "新しい出典"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="新しい出典"' in html  # what the admin typed comes back
    assert YearlyFigure.objects.count() == 0
