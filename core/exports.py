"""The one spreadsheet writer: every CSV and XLSX download (statistics, digest, schemes), and
the one attachment response (download) that serves them and the Word files.

Two dangers, handled here once:
- formula injection: text that a spreadsheet would run ("=HYPERLINK(…)", "@SUM", full-width
  "＝…") is made inert. In CSV it gets a leading apostrophe (the only way CSV has); in XLSX it is
  written as a text cell (data_type "s"), so it reads back exactly as typed. Numbers are never
  touched: -3.5 stays the number -3.5 in both formats, and a plain number typed as text ("-3.5")
  is not a formula either.
- characters XML cannot hold: C0 control characters other than tab, LF and CR (forms refuse them,
  see core.text, but old rows and imported cells may still hold them) are removed, so one pasted
  vertical tab can never turn a download into a 500.
"""

import csv
import io
import re
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from core.text import strip_control_characters

# A cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice or
# Numbers; Japanese Excel reads the full-width forms as their ASCII twins.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# A plain number written as text (-3.5, +1, 7,674, 12.5%) is data, not a formula.
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?%?")

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Word files (python-docx) leave through download() too; nothing in them is a formula.
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Sheet names may not contain these, and are at most 31 characters.
SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def cell_value(value):
    """What a cell holds: text cleaned of illegal characters, everything else as it is."""
    if isinstance(value, Promise):  # lazy translations (choice labels)
        value = str(value)
    if isinstance(value, str):
        return strip_control_characters(value)
    return value


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES) and not PLAIN_NUMBER.fullmatch(text)


def neutralise(value):
    """A CSV cell (or a django-import-export field): formula-looking text gets a leading
    apostrophe; numbers, dates and None pass through unchanged."""
    value = cell_value(value)
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def unneutralise(value):
    """The inverse of neutralise, for imports: an exported file imports unchanged."""
    if isinstance(value, str) and value.startswith("'") and looks_like_formula(value[1:]):
        return value[1:]
    return value


def csv_bytes(header: Iterable, rows: Iterable[Iterable]) -> bytes:
    """UTF-8 with a BOM so Japanese Excel opens it correctly; CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(v) for v in header])
    for row in rows:
        writer.writerow(["" if v is None else neutralise(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_cells(sheet, values: Iterable) -> list:
    """One row of cells for `sheet` (normal or write-only): formula-looking text is a text cell."""
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=cell_value(value))
        if cell.data_type == "f":  # openpyxl guessed a formula from a leading "="
            cell.data_type = "s"
        cells.append(cell)
    return cells


def xlsx_append(sheet, values: Iterable) -> None:
    sheet.append(xlsx_cells(sheet, values))


def sheet_title(text: str, taken: set[str]) -> str:
    """A legal, unique sheet name (31 characters at most) for `text`; records it in `taken`."""
    base = cell_value(str(text)).translate(SHEET_FORBIDDEN).strip("'")[:31] or "Sheet"
    title, n = base, 2
    while title in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def xlsx_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def single_sheet_xlsx(sheet_name: str, header: Iterable, rows: Iterable[Iterable]) -> bytes:
    """A streaming (write-only) workbook of one sheet: the header, then the rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(sheet_name, set()))
    xlsx_append(sheet, header)
    for row in rows:
        xlsx_append(sheet, row)
    return xlsx_bytes(workbook)


def download(content: bytes, file_name: str, content_type: str) -> HttpResponse:
    """An attachment response; file_name is ours (ASCII), never user text."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def csv_response(file_name: str, headers: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """`file_name` without extension."""
    return download(csv_bytes(headers, rows), f"{file_name}.csv", CSV_CONTENT_TYPE)


def xlsx_response(
    file_name: str, sheet_name: str, headers: Iterable, rows: Iterable[Iterable]
) -> HttpResponse:
    """`file_name` without extension; one sheet."""
    content = single_sheet_xlsx(sheet_name, headers, rows)
    return download(content, f"{file_name}.xlsx", XLSX_CONTENT_TYPE)
