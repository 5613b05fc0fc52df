"""Turn an uploaded file into sheets of cell rows, refusing anything that is not a safe spreadsheet.

Every refusal is an ImportFileError whose message says, in the user's language, what is wrong
and what to do. Nothing here touches the database.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl.utils import get_column_letter

from core.task_progress import PROGRESS_EVERY, TaskCancelled, report_progress

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Limits for xlsx containers: a real survey workbook is far below all of them.
MAX_ZIP_MEMBERS = 500
MAX_UNCOMPRESSED_TOTAL = 200 * 1024 * 1024
MAX_MEMBER_RATIO = 200
RATIO_CHECK_FLOOR = 1024 * 1024  # tiny parts compress wildly (runs of spaces); only judge big ones
# Rows: stop a sheet after this many empty rows in a row, refuse past this many rows.
MAX_CONSECUTIVE_EMPTY_ROWS = 50
MAX_ROWS = 250_000
MAX_COLUMNS = 100
ALLOWED_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")
# C0 control characters other than tab, LF and CR (and DEL) have no place in a survey cell.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
READING = gettext_noop("Reading the file")


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class Sheet:
    name: str
    rows: list[list] = field(default_factory=list)  # rows[i] is spreadsheet row i + 1
    is_csv: bool = False  # messages say 行/列 of the file, not シート
    file_format: str = ""  # what the reader detected, shown in the preview

    def place(self) -> str:
        """The sheet (or CSV file) as messages name it."""
        if self.is_csv:
            return _('File "%(file)s"') % {"file": self.name}
        return _('Sheet "%(sheet)s"') % {"sheet": self.name}

    def cell_place(self, row: int, col: int) -> str:
        """Sheet or file, row and column letter (Excel shows a CSV with letters too)."""
        column = get_column_letter(col + 1)
        if self.is_csv:
            return _('File "%(file)s", line %(row)s, column %(column)s') % {
                "file": self.name,
                "row": row,
                "column": column,
            }
        return _('Sheet "%(sheet)s", row %(row)s, column %(column)s') % {
            "sheet": self.name,
            "row": row,
            "column": column,
        }


def _control_problem(sheet: Sheet, row: int, col: int, text: str) -> str:
    found = CONTROL.search(text).group()
    return _(
        "%(place)s: the cell contains the control character U+%(code)04X, which a survey table "
        "never holds. Delete it (retype the cell) and upload the file again."
    ) % {"place": sheet.cell_place(row, col), "code": ord(found)}


def read_upload(data: bytes, file_name: str) -> list[Sheet]:
    """Sheets of the uploaded file (CSV or XLSX) after every safety check."""
    report_progress(0, 0, READING, force=True)  # as a task: the page says it has begun
    if len(data) > settings.MAX_UPLOAD_SIZE:
        raise ImportFileError(
            _("The file is %(size)s; the limit is %(limit)s. Split it or remove extra sheets.")
            % {
                "size": filesizeformat(len(data)),
                "limit": filesizeformat(settings.MAX_UPLOAD_SIZE),
            }
        )
    if not data:
        raise ImportFileError(_("The file is empty."))
    if not file_name.lower().endswith(ALLOWED_SUFFIXES):
        raise ImportFileError(_not_a_spreadsheet())
    if data.startswith(OLE2_MAGIC):
        raise ImportFileError(
            _(
                "This file is password-protected (encrypted) or an old .xls workbook. "
                "Remove the password and save it as .xlsx or CSV (UTF-8), then upload it again."
            )
        )
    if data.startswith(ZIP_MAGIC):
        return _read_xlsx(data)
    return [_read_csv(data, file_name)]


def decode_text(data: bytes) -> tuple[str, str]:
    """CSV text and the encoding's name: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode
    text", with a BOM) or Shift_JIS/cp932, as Japanese Excel saves them."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = [("utf-8-sig", "UTF-8 (BOM)")]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = [("utf-16", "UTF-16")]
    elif b"\x00" in data[:65536]:
        raise ImportFileError(_not_a_spreadsheet())
    else:
        candidates = [("utf-8", "UTF-8"), ("cp932", "Shift_JIS (cp932)")]
    for encoding, label in candidates:
        try:
            return data.decode(encoding), label
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_not_a_spreadsheet())


def sniff_delimiter(text: str) -> str:
    """The first line holding a tab, comma or semicolon decides (title rows end in empty cells,
    numbers such as 7,674 are quoted in a comma file); a tab wins over a comma in that line."""
    for line in text[:65536].splitlines():
        if "\t" in line:
            return "\t"
        if "," in line:
            return ","
        if ";" in line:
            return ";"
    return ","


def _delimiter_label(delimiter: str) -> str:
    labels = {"\t": _("tab-separated"), ",": _("comma-separated"), ";": _("semicolon-separated")}
    return labels[delimiter]


def _not_a_spreadsheet() -> str:
    return _(
        "This is not a spreadsheet we can read. Upload an .xlsx workbook or a CSV file "
        "(UTF-8, Shift_JIS or UTF-16; comma or tab separated)."
    )


def _read_csv(data: bytes, file_name: str) -> Sheet:
    text, encoding = decode_text(data)
    delimiter = sniff_delimiter(text)
    name = file_name.rsplit("/", 1)[-1]
    sheet = Sheet(
        name=name,
        is_csv=True,
        file_format=f"CSV · {encoding} · {_delimiter_label(delimiter)}",
    )
    check_controls = CONTROL.search(text) is not None
    empty_run = 0
    lines = text.count("\n") + 1  # about the rows: the bar's end while reading
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            if len(sheet.rows) >= MAX_ROWS:
                raise ImportFileError(_too_many_rows())
            _report_reading(len(sheet.rows), lines)
            cells = [cell.strip() for cell in row[:MAX_COLUMNS]]
            if check_controls:
                _refuse_controls(sheet, len(sheet.rows) + 1, cells)
            if not any(cells):
                empty_run += 1
                if empty_run > MAX_CONSECUTIVE_EMPTY_ROWS:
                    break
            else:
                empty_run = 0
            sheet.rows.append(cells)
    except csv.Error as exc:
        raise ImportFileError(_not_a_spreadsheet()) from exc
    return sheet


def _report_reading(done: int, expected: int) -> None:
    if done % PROGRESS_EVERY == 0:
        # expected 0: the workbook declares no size (openpyxl's write-only files); the page
        # then shows the rows read so far.
        report_progress(done, max(done, expected) if expected else 0, READING, force=done == 0)


def _refuse_controls(sheet: Sheet, number: int, cells: list) -> None:
    for col, cell in enumerate(cells):
        if isinstance(cell, str) and CONTROL.search(cell):
            raise ImportFileError(_control_problem(sheet, number, col, cell))


def _too_many_rows() -> str:
    return _("The sheet has more than %(max)s rows. Split the file into smaller ones.") % {
        "max": f"{MAX_ROWS:,}"
    }


def check_xlsx_container(data: bytes) -> None:
    """Refuse zip bombs, corrupt archives and XML parts that declare a DTD or entities."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportFileError(_corrupt()) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise ImportFileError(_zip_bomb())
        total = 0
        for info in members:
            total += info.file_size
            if total > MAX_UNCOMPRESSED_TOTAL:
                raise ImportFileError(_zip_bomb())
            if info.file_size > RATIO_CHECK_FLOOR and info.file_size > MAX_MEMBER_RATIO * max(
                info.compress_size, 1
            ):
                raise ImportFileError(_zip_bomb())
        names = {info.filename for info in members}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise ImportFileError(_corrupt())
        for info in members:
            if info.filename.endswith((".xml", ".rels", ".vml")):
                _scan_xml_part(archive, info)


def _scan_xml_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    # Read no more than the declared size (+1 to catch a lying header), in chunks.
    tail = b""
    read = 0
    try:
        with archive.open(info) as part:
            while True:
                chunk = part.read(65536)
                if not chunk:
                    break
                read += len(chunk)
                if read > info.file_size:
                    raise ImportFileError(_zip_bomb())
                window = tail + chunk
                if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                    raise ImportFileError(
                        _(
                            "The workbook contains an XML document type declaration (DTD) or "
                            "external entities, which we refuse for safety. Open it in Excel, "
                            "save it as a new .xlsx and upload that."
                        )
                    )
                tail = chunk[-16:]
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        raise ImportFileError(_corrupt()) from exc


def _corrupt() -> str:
    return _(
        "The .xlsx file is damaged and cannot be opened. Open it in Excel, save it again "
        "and upload the new file."
    )


def _zip_bomb() -> str:
    return _(
        "The .xlsx file expands to far more data than a survey table holds (possible zip bomb); "
        "it was refused. Save only the needed sheets in a new workbook."
    )


def _read_xlsx(data: bytes) -> list[Sheet]:
    check_xlsx_container(data)
    import openpyxl  # defusedxml is installed, so openpyxl parses with it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken parts
        raise ImportFileError(_corrupt()) from exc
    sheets = []
    # The sheets' declared dimensions: the bar's end while reading (0 when a sheet has none).
    expected = sum(ws.max_row or 0 for ws in workbook.worksheets)
    try:
        for ws in workbook.worksheets:
            sheet = Sheet(name=str(ws.title), file_format="Excel (.xlsx)")
            empty_run = 0
            before = sum(len(s.rows) for s in sheets)
            for row in ws.iter_rows(values_only=True):
                if len(sheet.rows) >= MAX_ROWS:
                    raise ImportFileError(_too_many_rows())
                _report_reading(before + len(sheet.rows), expected)
                cells = ["" if v is None else v for v in row[:MAX_COLUMNS]]
                _refuse_controls(sheet, len(sheet.rows) + 1, cells)
                if not any(c.strip() if isinstance(c, str) else c != "" for c in cells):
                    empty_run += 1
                    if empty_run > MAX_CONSECUTIVE_EMPTY_ROWS:
                        break
                    sheet.rows.append([])
                    continue
                empty_run = 0
                sheet.rows.append(cells)
            sheets.append(sheet)
    except (ImportFileError, TaskCancelled):  # a cancel is no damaged file
        raise
    except Exception as exc:
        raise ImportFileError(_corrupt()) from exc
    finally:
        workbook.close()
    return sheets
