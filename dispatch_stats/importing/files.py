"""Turn an uploaded file into sheets of cell rows, refusing anything that is not a safe spreadsheet.

Every refusal is an ImportFileError whose message says, in the user's language, what is wrong
and what to do. Nothing here touches the database.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

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


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class Sheet:
    name: str
    rows: list[list] = field(default_factory=list)  # rows[i] is spreadsheet row i + 1


def read_upload(data: bytes, file_name: str) -> list[Sheet]:
    """Sheets of the uploaded file (CSV or XLSX) after every safety check."""
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


def decode_text(data: bytes) -> str:
    """CSV text from UTF-8 (with or without BOM) or Shift_JIS/cp932, as Japanese Excel saves it."""
    if b"\x00" in data[:65536]:
        raise ImportFileError(_not_a_spreadsheet())
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_not_a_spreadsheet())


def _not_a_spreadsheet() -> str:
    return _(
        "This is not a spreadsheet we can read. Upload an .xlsx workbook or a CSV file "
        "(UTF-8 or Shift_JIS)."
    )


def _read_csv(data: bytes, file_name: str) -> Sheet:
    text = decode_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = []
    empty_run = 0
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(_too_many_rows())
            cells = [cell.strip() for cell in row[:MAX_COLUMNS]]
            if not any(cells):
                empty_run += 1
                if empty_run > MAX_CONSECUTIVE_EMPTY_ROWS:
                    break
            else:
                empty_run = 0
            rows.append(cells)
    except csv.Error as exc:
        raise ImportFileError(_not_a_spreadsheet()) from exc
    name = file_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return Sheet(name=name, rows=rows)


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
    try:
        for ws in workbook.worksheets:
            sheet = Sheet(name=str(ws.title))
            empty_run = 0
            for row in ws.iter_rows(values_only=True):
                if len(sheet.rows) >= MAX_ROWS:
                    raise ImportFileError(_too_many_rows())
                cells = ["" if v is None else v for v in row[:MAX_COLUMNS]]
                if not any(c.strip() if isinstance(c, str) else c != "" for c in cells):
                    empty_run += 1
                    if empty_run > MAX_CONSECUTIVE_EMPTY_ROWS:
                        break
                    sheet.rows.append([])
                    continue
                empty_run = 0
                sheet.rows.append(cells)
            sheets.append(sheet)
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(_corrupt()) from exc
    finally:
        workbook.close()
    return sheets
