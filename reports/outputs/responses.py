"""「委員意見への対応（考え方）」: one row per comment with a disposition in the edition, as the
page, XLSX and CSV read it. Every cell goes through the project's export neutraliser
(core.exports: the one writer, formula-safe, numbers kept as numbers)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle

from core.choices import choice_labels
from core.exports import csv_bytes, sheet_title, xlsx_bytes, xlsx_cells
from policies.markdown import render_markdown
from reports.access import visible_dispositions
from reports.models import Disposition, Edition, ParagraphReview
from reports.outputs.plain import html_to_text
from reports.selectors import paragraph_labels


@dataclass
class ResponseRow:
    number: int
    question: str
    member: str
    comment: str
    kind: str
    reasoning: str
    place: str
    comment_id: int

    def cells(self) -> list:
        return [
            self.number,
            self.question,
            self.member,
            self.comment,
            self.kind,
            self.reasoning,
            self.place,
        ]


def header() -> list[str]:
    return [
        pgettext("responses table", "No."),
        _("Question"),
        _("Member"),
        _("Comment"),
        _("Disposition"),
        _("Reasoning"),
        _("Where reflected"),
    ]


def _reasoning(d) -> str:
    text = d.reasoning
    if d.answer_material_id:
        material = d.answer_material
        text += f"（{material.meeting} {material.number}）"
    return text


# What a row reads (a thousand rows: no timestamps, search vectors or moderation fields);
# the answer's material and meeting are read whole, for their labels.
ROW_FIELDS = [
    "kind",
    "reasoning",
    "paragraph_id",
    "comment__body",
    "comment__body_html",
    "comment__author__username",
    "comment__author__display_name",
    "comment__author__first_name",
    "comment__author__last_name",
    "comment__question__title",
    "comment__question__position",
    "comment__question__perspective__position",
    "answer_material",
]


def response_rows(user, edition: Edition) -> list[ResponseRow]:
    """The rows the user may see, by question then comment, then the review's suggestions.
    Four queries."""
    labels = paragraph_labels([edition.pk])
    kinds = choice_labels(Disposition.Kind.choices)  # translated once, not per row
    dispositions = (
        visible_dispositions(user)
        .filter(edition=edition)
        .select_related(
            "comment__author", "comment__question__perspective", "answer_material__meeting"
        )
        .only(*ROW_FIELDS)
        .order_by(
            "comment__question__perspective__position",
            "comment__question__position",
            "comment__created_at",
            "comment_id",
        )
    )
    rows = []
    for n, d in enumerate(dispositions, start=1):
        c, q = d.comment, d.comment.question
        rows.append(
            ResponseRow(
                number=n,
                question=q.label,
                member=str(c.author),
                comment=html_to_text(c.body_html or render_markdown(c.body)),
                kind=kinds.get(d.kind, d.kind),
                reasoning=_reasoning(d),
                place=labels.get(d.paragraph_id, "") if d.kind in ("reflected", "partial") else "",
                comment_id=c.pk,
            )
        )
    return rows + suggestion_rows(edition, labels, len(rows) + 1)


def suggestion_rows(edition: Edition, labels: dict[int, str], start: int) -> list[ResponseRow]:
    """The wording suggestions (修文案) of the edition's review with a disposition, after the
    comments: the paragraph, the member, the suggested wording and reason, 採用 / 一部採用 /
    不採用 and the reasoning. Hidden or withdrawn ones are left out. One query."""
    reviews = (
        ParagraphReview.objects.shown()
        .filter(paragraph__edition=edition, kind=ParagraphReview.Kind.SUGGESTION)
        .exclude(disposition="")
        .select_related("author")
        .order_by("paragraph__number", "created_at", "id")
    )
    rows = []
    for n, r in enumerate(reviews, start=start):
        label = labels.get(r.paragraph_id, "")
        rows.append(
            ResponseRow(
                number=n,
                question=_("Wording suggestion on %(paragraph)s") % {"paragraph": label},
                member=str(r.author),
                comment=f"{r.suggested_text}\n（{_('Reason')}）{html_to_text(r.body_html)}",
                kind=r.get_disposition_display(),
                reasoning=r.reasoning,
                place=label if r.applied_to_id else "",
                comment_id=0,
            )
        )
    return rows


def title(edition: Edition) -> str:
    return _("Responses to members' comments (reasoning)") + f"（{edition}）"


def _styled(sheet, values, style: str) -> list:
    cells = xlsx_cells(sheet, values)
    for cell in cells:
        cell.style = style  # a named style: one lookup, not an Alignment per cell
    return cells


def responses_xlsx(edition: Edition, rows: list[ResponseRow]) -> bytes:
    """Streamed (write-only), every cell styled by name: building a style object per cell was
    most of the time for a thousand comments."""
    wb = Workbook(write_only=True)
    for style in (
        NamedStyle("response title", font=Font(bold=True, size=13)),
        NamedStyle("response header", font=Font(bold=True)),
        NamedStyle("response cell", alignment=Alignment(wrap_text=True, vertical="top")),
    ):
        wb.add_named_style(style)
    ws = wb.create_sheet(sheet_title(_("Responses"), set()))
    for letter, width in zip("ABCDEFG", (6, 30, 14, 60, 14, 60, 12), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append(_styled(ws, [title(edition)], "response title"))
    ws.append(_styled(ws, header(), "response header"))
    for row in rows:
        ws.append(_styled(ws, row.cells(), "response cell"))
    return xlsx_bytes(wb)


def responses_csv(rows: list[ResponseRow]) -> bytes:
    """UTF-8 with a BOM so Excel opens the Japanese correctly."""
    return csv_bytes(header(), (row.cells() for row in rows))
