"""Hostile or broken files are refused with a clear message, and nothing is written."""

import io
import re
import zipfile

import openpyxl
import pytest
from django.urls import reverse
from openpyxl import Workbook

from dispatch_stats import services
from dispatch_stats.importing import files
from dispatch_stats.models import ImportLog, PendingImport, YearlyFigure
from tests.dispatch_stats.helpers import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

GOOD_HEADER = ["年度", "方向", "期間", "人数", "出典"]


def refuse(data: bytes, name: str = "upload.xlsx") -> list[str]:
    with pytest.raises(services.ImportRefused) as info:
        services.import_preview(kind="yearly", user=None, file_name=name, data=data)
    assert YearlyFigure.objects.count() == 0
    assert PendingImport.objects.count() == 0
    assert ImportLog.objects.count() == 0
    return info.value.messages


def good_xlsx() -> bytes:
    return xlsx_bytes({"派遣": [GOOD_HEADER, ["H30", "派遣", "短期", 10, "概況"]]})


def rewrite_part(data: bytes, part: str, transform) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                content = transform(content)
            target.writestr(info.filename, content)
    return out.getvalue()


def test_not_a_spreadsheet():
    messages = refuse(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "photo.png")
    assert "表計算ファイルではありません" in messages[0]


def test_corrupt_xlsx():
    messages = refuse(b"PK\x03\x04" + b"garbage" * 100)
    assert "破損" in messages[0]


def test_truncated_xlsx():
    messages = refuse(good_xlsx()[:-200])
    assert "破損" in messages[0]


def test_encrypted_xlsx_is_an_ole2_container():
    messages = refuse(files.OLE2_MAGIC + b"\x00" * 2048)
    assert "パスワード" in messages[0]


def test_zip_bomb_refused_from_declared_sizes_before_opening():
    data = rewrite_part(
        good_xlsx(), "xl/worksheets/sheet1.xml", lambda content: content + b" " * (8 * 1024 * 1024)
    )
    assert len(data) < 200_000  # tiny on disk, 8 MB inside
    messages = refuse(data)
    assert "zip" in messages[0].lower()


def test_external_entities_and_dtd_refused():
    def add_entity(content: bytes) -> bytes:
        doctype = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        declaration = b'<?xml version="1.0" encoding="UTF-8"?>'
        return declaration + doctype + re.sub(rb"^<\?xml[^>]*\?>", b"", content)

    data = rewrite_part(good_xlsx(), "xl/worksheets/sheet1.xml", add_entity)
    assert b"ENTITY" in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    messages = refuse(data)
    assert "DTD" in messages[0]


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_file_over_the_size_limit(settings):
    settings.MAX_UPLOAD_SIZE = 1000
    messages = refuse(csv_bytes([GOOD_HEADER] + [["H30", "派遣", "短期", 1, "s"]] * 100), "a.csv")
    assert "上限" in messages[0]


def test_million_empty_rows_stop_early():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "派遣"
    sheet.append(GOOD_HEADER)
    sheet.cell(row=1_000_000, column=1, value=" ")
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheets = files.read_upload(buffer.getvalue(), "empty.xlsx")
    assert len(sheets[0].rows) <= files.MAX_CONSECUTIVE_EMPTY_ROWS + 2
    messages = refuse(buffer.getvalue())
    assert "データがありません" in messages[0]


def test_row_cap(monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 10)
    rows = [GOOD_HEADER] + [[str(2000 + i), "派遣", "短期", 1, "s"] for i in range(20)]
    messages = refuse(csv_bytes(rows), "many.csv")
    assert "行を超えて" in messages[0]


def test_missing_columns_named():
    messages = refuse(xlsx_bytes({"派遣": [["年度", "方向", "出典"], ["H30", "派遣", "s"]]}))
    assert "人数" in messages[0] and "期間" in messages[0] and "1行目" in messages[0]


def test_text_and_negative_counts_name_row_column_and_fix():
    data = xlsx_bytes(
        {
            "派遣": [
                ["派遣研究者数"],
                GOOD_HEADER,
                ["H30", "派遣", "短期", "多数", "s"],
                ["H29", "派遣", "短期", -3, "s"],
                ["H28", "派遣", "短期", 5, "s"],
            ]
        }
    )
    messages = refuse(data)
    assert messages[0] == (
        "シート「派遣」3行目 D列（人数）：「多数」は数値ではありません。"
        "研究者の人数を整数で入力してください（例：7674）。"
    )
    assert "4行目 D列（人数）" in messages[1] and "負の数" in messages[1]


def test_unknown_era():
    messages = refuse(xlsx_bytes({"派遣": [GOOD_HEADER, ["天平5年度", "派遣", "短期", 1, "s"]]}))
    assert "2行目 A列（年度）" in messages[0] and "元号" in messages[0]


def test_same_year_twice_in_one_file():
    data = xlsx_bytes({"派遣": [["年度", "短期", "出典"], ["H30", 1, "s"], ["2018", 2, "s"]]})
    messages = refuse(data)
    assert "3行目" in messages[0] and "2回" in messages[0] and "派遣!2" in messages[0]


def test_one_bad_row_among_good_ones_writes_nothing():
    rows = [GOOD_HEADER] + [[str(1993 + i), "派遣", "短期", 100 + i, "s"] for i in range(30)]
    rows[20][3] = "N/A"
    refuse(csv_bytes(rows), "one-bad.csv")


# --- The same limits on the import path a person uses (the site's import page; the Django
# admin has no import), each answered by the page with a clear refusal, never a traceback. ---

YAML_ALIAS_BOMB = b"""a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
"""


def upload_page(client, name: str, data: bytes):
    handle = io.BytesIO(data)
    handle.name = name
    response = client.post(reverse("dispatch_stats:import"), {"kind": "yearly", "file": handle})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Traceback" not in html and "UnicodeDecodeError" not in html
    assert YearlyFigure.objects.count() == 0 and PendingImport.objects.count() == 0
    return html


def zip_bomb() -> bytes:
    return rewrite_part(
        good_xlsx(), "xl/worksheets/sheet1.xml", lambda content: content + b" " * (8 * 1024 * 1024)
    )


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        ("bomb.xlsx", zip_bomb, "zip"),
        ("bomb.yaml", lambda: YAML_ALIAS_BOMB, "表計算ファイルではありません"),
        ("bomb.csv", lambda: YAML_ALIAS_BOMB, "見出し行が見つかりません"),
        ("big.csv", lambda: b"2018,1\n" * (50 * 1024 * 1024 // 7 + 1), "上限"),
        ("rows.csv", lambda: b"H30,1\n" * 1_000_000, "行を超えて"),
    ],
)
def test_hostile_files_on_the_site_import_page(admin_client_role, settings, name, make, says):
    # The dry run in the request (a large file's check as a task: test_import_check_task.py).
    settings.IMPORT_CHECK_TASK_MIN_BYTES = settings.MAX_UPLOAD_SIZE + 1
    html = upload_page(admin_client_role, name, make())
    assert says in html
    assert 'role="alert"' in html or 'id="id_file_error"' in html
