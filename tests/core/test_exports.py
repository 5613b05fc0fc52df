"""The one spreadsheet writer: formulas made inert, numbers left alone, illegal characters gone."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from core.exports import (
    csv_bytes,
    csv_response,
    neutralise,
    sheet_title,
    single_sheet_xlsx,
    unneutralise,
    xlsx_response,
)

FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1+1", "＠A1"]
NUMBERS = [-3.5, 0, 7674, Decimal("-0.25"), 1e-05]
NUMBER_TEXT = ["-3.5", "+1", "7,674", "12.5%", "-1e3"]
C0 = [chr(c) for c in range(32) if chr(c) not in "\t\n\r"]


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_text_gets_an_apostrophe_in_csv_and_comes_back_on_import(text):
    assert neutralise(text) == "'" + text
    assert unneutralise(neutralise(text)) == text


@pytest.mark.parametrize("value", NUMBERS + NUMBER_TEXT + ["a=1", "論点", "'quoted", None])
def test_numbers_and_plain_text_are_untouched(value):
    assert neutralise(value) == value
    assert unneutralise(value) == value


def test_csv_numbers_stay_numbers():
    rows = read_csv(csv_bytes(["n", "t"], [[-3.5, "-3.5"], [Decimal("-0.25"), "=1"], [None, ""]]))
    assert rows == [["n", "t"], ["-3.5", "-3.5"], ["-0.25", "'=1"], ["", ""]]


def test_xlsx_formula_text_is_a_text_cell_and_numbers_are_numbers():
    rows = [[text, -3.5] for text in FORMULAS] + [["-3.5", Decimal("-0.25")]]
    sheet = load_workbook(io.BytesIO(single_sheet_xlsx("s", ["text", "number"], rows))).active
    read = list(sheet.iter_rows(min_row=2))
    for (text_cell, _cell), (text, _number) in zip(read, rows, strict=True):
        assert text_cell.data_type == "s"
        assert text_cell.value == text.replace("\r", "\n") or text_cell.value == text
    assert all(row[1].data_type == "n" for row in read)
    assert read[0][1].value == -3.5
    assert read[-1][0].value == "-3.5" and read[-1][1].value == -0.25


def test_every_c0_character_is_removed_from_both_formats():
    texts = [f"a{c}b" for c in C0]
    csv_rows = read_csv(csv_bytes(["t"], [[t] for t in texts]))
    assert [row[0] for row in csv_rows[1:]] == ["ab"] * len(C0)
    sheet = load_workbook(
        io.BytesIO(single_sheet_xlsx("s\x0b", ["t"], [[t] for t in texts]))
    ).active
    assert [c.value for (c,) in sheet.iter_rows(min_row=2)] == ["ab"] * len(C0)
    assert sheet.title == "s"


def test_tab_and_newlines_survive_inside_text():
    sheet = load_workbook(io.BytesIO(single_sheet_xlsx("s", ["t"], [["a\tb\nc"]]))).active
    assert sheet["A2"].value == "a\tb\nc"


def test_sheet_titles_are_legal_and_unique():
    taken: set[str] = set()
    assert sheet_title("a[b]:c", taken) == "a_b__c"
    assert sheet_title("a[b]:c", taken) == "a_b__c (2)"
    assert len(sheet_title("x" * 40, taken)) == 31


def test_responses_are_attachments():
    response = csv_response("f", ["a"], [[1]])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="f.csv"'
    response = xlsx_response("f", "s", ["a"], [[1]])
    assert response["Content-Disposition"] == 'attachment; filename="f.xlsx"'
    assert load_workbook(io.BytesIO(response.content)).active["A2"].value == 1
