"""The digest as XLSX and CSV, written by the one spreadsheet writer (core.exports)."""

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from core.dates import local_minute
from core.exports import csv_bytes, sheet_title, xlsx_append, xlsx_bytes
from policies.digest import MeetingDigest, QuestionDigest
from policies.markdown import markdown_to_text
from policies.models import Comment

__all__ = ["digest_csv", "digest_xlsx", "export_filename"]


def _status(c: Comment) -> tuple[str, str]:
    if c.deleted_at is not None:
        return _("Deleted by its author"), ""
    if c.is_hidden:
        return _("Hidden"), c.hidden_reason
    return "", ""


def _comment_rows(qd: QuestionDigest) -> Iterator[list]:
    """One row per comment, replies right under their parent, numbered 1, 1-1, 1-2, 2 …"""
    for number, thread in enumerate(qd.threads, start=1):
        yield _row(qd, thread, str(number), "")
        for i, reply in enumerate(thread.digest_replies, start=1):
            yield _row(qd, reply, f"{number}-{i}", str(number))


def _row(qd: QuestionDigest, c: Comment, number: str, parent: str) -> list:
    status, reason = _status(c)
    q = qd.question
    # Cells hold plain text: the Markdown a member typed, without its markers.
    body = "" if c.deleted_at is not None else markdown_to_text(c.body)
    cited = c.cited_evidence.title if c.cited_evidence_id and c.deleted_at is None else ""
    return [
        q.code,
        q.title,
        number,
        parent,
        c.get_stance_display(),
        str(c.author),
        local_minute(c.created_at),
        status,
        reason,
        cited,
        body,
    ]


def comment_header() -> list[str]:
    return [
        _("Question no."),
        _("Question"),
        _("No."),
        _("Reply to"),
        _("Stance"),
        _("Author"),
        _("Posted at"),
        _("Status"),
        _("Reason for hiding"),
        _("Cited evidence"),
        _("Comment"),
    ]


def summary_header() -> list[str]:
    return [
        _("Perspective"),
        _("Question no."),
        _("Question"),
        *[s.label for s in Comment.Stance],
        _("Total"),
        _("Hidden"),
        _("Deleted"),
        _("Members yet to comment"),
    ]


def summary_rows(digest: MeetingDigest) -> Iterator[list]:
    for pd in digest.perspectives:
        for qd in pd.questions:
            q = qd.question
            yield [
                str(pd.perspective),
                q.code,
                q.title,
                *[qd.counts[s.value] for s in Comment.Stance],
                qd.total,
                qd.hidden_count,
                qd.deleted_count,
                len(qd.not_commented),
            ]


def digest_xlsx(digest: MeetingDigest) -> bytes:
    """The workbook: a summary sheet (counts per question × stance), then one sheet per
    perspective with every comment (hidden ones marked, with the reason)."""
    wb = Workbook()
    summary = wb.active
    taken: set[str] = set()
    summary.title = sheet_title(_("Counts by question"), taken)
    xlsx_append(summary, [str(digest.meeting)])
    summary["A1"].font = Font(bold=True, size=14)
    xlsx_append(summary, [_("Created at"), local_minute(timezone.now())])
    xlsx_append(summary, [])
    xlsx_append(summary, summary_header())
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    for row in summary_rows(digest):
        xlsx_append(summary, row)
    summary.column_dimensions["A"].width = 36
    summary.column_dimensions["C"].width = 36

    for pd in digest.perspectives:
        ws = wb.create_sheet(sheet_title(f"{pd.perspective.marker}{pd.perspective.label}", taken))
        xlsx_append(ws, [str(pd.perspective)])
        ws["A1"].font = Font(bold=True, size=13)
        xlsx_append(ws, comment_header())
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for qd in pd.questions:
            for row in _comment_rows(qd):
                xlsx_append(ws, row)
        widths = (8, 28, 6, 8, 8, 14, 17, 10, 24, 28, 80)
        for letter, width in zip("ABCDEFGHIJK", widths, strict=True):
            ws.column_dimensions[letter].width = width
        for (cell,) in ws.iter_rows(min_row=3, min_col=11, max_col=11):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return xlsx_bytes(wb)


def digest_csv(digest: MeetingDigest) -> bytes:
    """Every comment as CSV, UTF-8 with a BOM so Excel opens the Japanese correctly."""
    rows = (
        [str(pd.perspective), *row]
        for pd in digest.perspectives
        for qd in pd.questions
        for row in _comment_rows(qd)
    )
    return csv_bytes([_("Perspective"), *comment_header()], rows)


def export_filename(digest: MeetingDigest, extension: str) -> str:
    scope = f"-{digest.only.position}" if digest.only else ""
    return f"digest-meeting{digest.meeting.number}{scope}.{extension}"
