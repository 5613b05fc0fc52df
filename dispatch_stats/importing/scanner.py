"""The sheet scanner every table kind shares: find the header row, map its columns, and split the
rows below it into data rows and notes (※…, 出典：…).

A table may have title and units rows above the header and notes below the data. Errors name
the sheet (or CSV file), row, column letter and header, and say what to change; parsing keeps
going so the user sees every problem at once (up to MAX_ERRORS).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.task_progress import PROGRESS_EVERY, report_progress
from dispatch_stats.importing.files import Sheet
from dispatch_stats.importing.values import direction_from_label, header_key, norm

MAX_ERRORS = 50
HEADER_SCAN_ROWS = 30
IGNORED_HEADERS = {"fiscalyearwareki", "和暦", "和暦年度", "年度和暦"}
NOTE_PREFIX = re.compile(r"^(※|\*|注|\(注|出典|出所|資料|source|note)", re.I)
SOURCE_NOTE = re.compile(r"^(出典|出所|資料|source)\s*[:：]\s*(.+)$", re.I)
# Source links end up as <a href> on public pages: only web addresses, never javascript: or data:.
SAFE_URL = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
CHECKING = gettext_noop("Checking the rows")


class RowProgress:
    """The data rows of every table, reporting how many were checked (as a task: the progress
    bar, and the cancel) every PROGRESS_EVERY rows."""

    def __init__(self, tables: list["Table"]):
        self.total = sum(len(table.data_rows) for table in tables)
        self.done = 0
        report_progress(0, self.total, CHECKING, force=True)

    def rows(self, table: "Table"):
        for item in table.data_rows:
            if self.done % PROGRESS_EVERY == 0:
                report_progress(self.done, self.total, CHECKING)
            self.done += 1
            yield item


class Errors:
    """Every problem found in a file, up to MAX_ERRORS, each naming where it is."""

    def __init__(self):
        self.items: list[str] = []

    def add(self, message: str) -> None:
        if len(self.items) < MAX_ERRORS:
            self.items.append(message)

    def cell(self, table: "Table", row: int, col: int, problem: str) -> None:
        header = table.header_row[col] if col < len(table.header_row) else ""
        self.add(
            _("%(place)s (%(header)s): %(problem)s")
            % {
                "place": table.sheet.cell_place(row, col),
                "header": norm(header),
                "problem": problem,
            }
        )


@dataclass
class Table:
    """One sheet's table: where its header is, which column holds which field, its data rows."""

    sheet: Sheet
    header_index: int
    fields: dict[str, int]
    extra: dict[str, int]  # columns the kind recognises beyond its fields (e.g. wide terms)
    data_rows: list[tuple[int, list]] = field(default_factory=list)  # (row number, cells)
    note_source: str = ""  # 出典：… written below the table
    title_direction: str | None = None  # 派遣 / 受入れ named in a title row or the sheet name

    @property
    def header_row(self) -> list:
        return self.sheet.rows[self.header_index]

    def value(self, row: list, name: str):
        return cell(row, self.fields.get(name))


def cell(row: list, index: int | None):
    if index is None or index >= len(row):
        return ""
    return row[index]


def is_blank(row: list) -> bool:
    for value in row:
        if value is None or value == "":
            continue
        if not isinstance(value, str) or norm(value):
            return False
    return True


def url_problem(value: str) -> str:
    return _(
        '"%(value)s" is not a web address. Write a URL that starts with https:// or http://.'
    ) % {"value": value[:80]}


def map_header(row: list, aliases: dict, extra_column) -> tuple[dict, dict]:
    """Column index per field, and per extra key (extra_column(header key) -> key or None)."""
    fields, extra = {}, {}
    for index, value in enumerate(row):
        key = header_key(value)
        if not key or key in IGNORED_HEADERS:
            continue
        for name, names in aliases.items():
            if key in names and name not in fields:
                fields[name] = index
                break
        else:
            found = extra_column(key) if extra_column else None
            if found and found not in extra:
                extra[found] = index
    return fields, extra


def find_table(sheet: Sheet, spec) -> Table | None:
    """The first row (of the first HEADER_SCAN_ROWS) naming the spec's anchor column and one
    more recognised column is the header; None when the sheet has no such row."""
    for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        fields, extra = map_header(row, spec.headers, spec.extra_column)
        if spec.anchor in fields and (len(fields) + len(extra)) >= 2:
            table = Table(sheet=sheet, header_index=index, fields=fields, extra=extra)
            _split_rows(table, spec)
            return table
    return None


def _split_rows(table: Table, spec) -> None:
    """Data rows, and the notes below them (a note may name the source)."""
    sheet = table.sheet
    for row in sheet.rows[: table.header_index]:
        for value in row:
            table.title_direction = table.title_direction or direction_from_label(norm(value))
    in_notes = False
    for offset, row in enumerate(sheet.rows[table.header_index + 1 :]):
        number = table.header_index + 2 + offset
        if is_blank(row):
            continue
        first = next((norm(c) for c in row if norm(c)), "")
        if in_notes or (NOTE_PREFIX.match(first) and spec.is_note(table, row)):
            in_notes = spec.notes_end_table
            match = SOURCE_NOTE.match(first)
            if match and not table.note_source:
                table.note_source = match.group(2).strip()
            continue
        if not table.data_rows and spec.is_preamble(table, row):
            continue  # a units row such as （単位：人）
        table.data_rows.append((number, row))


def scan(
    sheets: list[Sheet], spec, errors: Errors, default_source: str = ""
) -> tuple[list[Table], bool]:
    """The usable tables of the spec's kind in the file, and whether any header was found at
    all; a table missing a required column is an error (and not used)."""
    tables, found = [], False
    for sheet in sheets:
        table = find_table(sheet, spec)
        if table is None:
            continue
        found = True
        missing = spec.missing_columns(table, default_source)
        if missing:
            errors.add(
                _("%(place)s: the header row (row %(row)s) has no column for %(columns)s. %(fix)s")
                % {
                    "place": sheet.place(),
                    "row": table.header_index + 1,
                    "columns": "、".join(missing),
                    "fix": spec.missing_fix(),
                }
            )
            continue
        tables.append(table)
    return tables, found
