"""Word (DOCX) files of the published record and of a 議決記録, built with python-docx."""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Mm, Pt

from proceedings.models import Attendance


def _document(title: str) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    style = doc.styles["Normal"]
    style.font.size = Pt(10.5)
    doc.core_properties.title = title
    doc.add_heading(title, level=1)
    return doc


def _attendance(doc, summary) -> None:
    if summary is None or not summary.rows:
        return
    doc.add_heading(_("Attendance"), level=2)
    for row in summary.rows:
        doc.add_paragraph(
            f"{row.name}{'（' + _('chair') + '）' if row.is_chair else ''}: "
            f"{attendance_label(row)}",
            style="List Bullet",
        )
    doc.add_paragraph(quorum_sentence(summary))


def attendance_label(row: Attendance) -> str:
    label = str(row.get_status_display())
    if row.arrived_at:
        label += "・" + _("arrived late at %(time)s") % {"time": row.arrived_at.strftime("%H:%M")}
    if row.left_at:
        label += "・" + _("left early at %(time)s") % {"time": row.left_at.strftime("%H:%M")}
    return label


def quorum_sentence(summary) -> str:
    text = _("%(present)s of %(members)s members present (quorum: %(needed)s).") % {
        "present": summary.present,
        "members": summary.members,
        "needed": summary.needed,
    }
    return text + " " + (_("Quorum met.") if summary.quorum else _("No quorum."))


def record_docx(record, sections, summary) -> bytes:
    """The published 議事要旨 or 議事録: attendance, then statements per agenda item."""
    doc = _document(f"{record.meeting} {record.get_kind_display()}")
    meta = doc.add_paragraph()
    if record.published_at:
        meta.add_run(
            _("Published")
            + ": "
            + formats.date_format(timezone.localtime(record.published_at), "DATE_FORMAT")
        )
    _attendance(doc, summary)
    for section in sections:
        doc.add_heading(section.item.title if section.item else _("Other"), level=2)
        for statement in section.statements:
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"【{statement.speaker_label}】").bold = True
            paragraph.add_run(statement.text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def resolution_docx(d, *, names: list[tuple[str, str]] | None) -> bytes:
    """The 議決記録 of a 書面審議: proposal, counts against the rules, outcome; names of who
    voted how only when the rules publish them (names=None otherwise)."""
    tally = d.tally or {}
    doc = _document(_("Record of decision in writing") + f"：{d.title}")
    doc.add_paragraph(d.body)
    doc.add_heading(_("Result"), level=2)
    counts = tally.get("counts", {})
    for label, value in (
        (_("Members"), tally.get("members")),
        (_("Recused (conflict of interest)"), tally.get("recused")),
        (_("Votes cast"), tally.get("cast")),
        (_("Quorum"), tally.get("needed")),
        (_("In favour"), counts.get("for")),
        (_("Against"), counts.get("against")),
        (_("With an opinion"), counts.get("opinion")),
    ):
        doc.add_paragraph(f"{label}: {value}", style="List Bullet")
    doc.add_paragraph(_("Outcome") + ": " + str(d.get_outcome_display()))
    if names:
        doc.add_heading(_("Votes"), level=2)
        for name, choice in names:
            doc.add_paragraph(f"{name}: {choice}", style="List Bullet")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
