"""Word (DOCX) files with python-docx: the edition and the 新旧対照表, A4, a Japanese font for
East Asian text (w:eastAsia), page numbers in the footer. Paragraph numbers are written as
text ("3　…"): they must match the labels the 対応 table and the site cite, whatever Word's
list numbering would do after the ministry edits the file."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reports.models import Edition, Section
from reports.outputs.compare import CHANGED, DELETED, NEW, Comparison
from reports.outputs.plain import html_to_text
from reports.selectors import SectionView

EAST_ASIAN_FONT = "ＭＳ 明朝"
LATIN_FONT = "Century"
STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Table Grid")


def _fonts(style) -> None:
    style.font.name = LATIN_FONT
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _page_number(section) -> None:
    """A centred PAGE field in the footer."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _document(*, landscape: bool = False) -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    for name in STYLES:
        _fonts(doc.styles[name])
    doc.styles["Normal"].font.size = Pt(10.5)
    _page_number(section)
    return doc


def _save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def edition_docx(edition: Edition, outline: list[SectionView], *, material_number="") -> bytes:
    """The edition: title, chapters and sections as headings, numbered paragraphs."""
    doc = _document()
    if material_number:
        doc.add_paragraph(material_number).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_heading(str(edition), level=0)
    doc.add_paragraph(str(edition.meeting)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for view in outline:
        level = 1 if view.section.level == Section.Level.CHAPTER else 2
        doc.add_heading(f"{view.number}　{view.section.title}", level=level)
        for p in view.paragraphs:
            doc.add_paragraph(f"{p.ordinal}　{html_to_text(p.body_html)}")
    return _save(doc)


def _cell(cell, parts, *, label: str, mark: str) -> None:
    paragraph = cell.paragraphs[0]
    if label:
        paragraph.add_run(label + "\n").bold = True
    for op, text in parts:
        run = paragraph.add_run(text)
        if op == 1 and mark == "insert":
            run.underline = True
        if op == -1 and mark == "delete":
            run.font.strike = True


def _state(row) -> str:
    labels = {
        NEW: pgettext("comparison", "New"),
        DELETED: pgettext("comparison", "Deleted"),
        CHANGED: pgettext("comparison", "Changed"),
    }
    text = labels.get(row.state, "")
    if row.moved:
        text = (text + " " if text else "") + pgettext("comparison", "Moved")
    if row.suggested_by:
        names = "、".join(row.suggested_by)
        text = (text + "\n" if text else "") + _("Wording suggested by %(names)s") % {
            "names": names
        }
    return text


def compare_docx(comparison: Comparison) -> bytes:
    """The 新旧対照表, landscape: 新 (insertions underlined) | 旧 (deletions struck) | note."""
    doc = _document(landscape=True)
    doc.add_heading(_("Comparison of editions") + f"（{comparison.new} / {comparison.old}）", 0)
    table = doc.add_table(rows=1, cols=3)
    table.style = doc.styles["Table Grid"]
    head = table.rows[0].cells
    head[0].text = pgettext("comparison", "New") + f"（{comparison.new.get_kind_display()}）"
    head[1].text = pgettext("comparison", "Old") + f"（{comparison.old.get_kind_display()}）"
    head[2].text = pgettext("comparison", "Note")
    for row in comparison.rows:
        cells = table.add_row().cells
        _cell(cells[0], row.new_parts, label=row.new_label, mark="insert")
        _cell(cells[1], row.old_parts, label=row.old_label, mark="delete")
        cells[2].text = _state(row)
    return _save(doc)
