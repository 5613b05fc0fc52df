"""What became of comments in the report, read for pages other apps own (the question page,
the digest): each comment's disposition in the latest edition the reader may see.

One query serves a whole page: the comment's question and every question on the agenda of
the same meeting, each with its visible dispositions as a JSON array (ArraySubquery, core
PostgreSQL), so the count does not grow with comments or questions. Paragraph labels
("第2章 3") cost two more queries, only when a shown disposition points at a paragraph.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import JSONObject

from committee.models import Material, Meeting
from policies.models import Question
from reports.access import visible_dispositions
from reports.models import Disposition, Edition
from reports.selectors import paragraph_labels


def _rows(user, question_id: int):
    meeting = Question.objects.filter(pk=question_id).values("agenda_item__meeting_id")
    dispositions = (
        visible_dispositions(user)
        .filter(comment__question_id=OuterRef("pk"))
        .order_by("comment_id", "-edition_id")
        .values(
            json=JSONObject(
                id="id",
                comment_id="comment_id",
                kind="kind",
                reasoning="reasoning",
                paragraph_id="paragraph_id",
                edition_id="edition_id",
                edition_kind=F("edition__kind"),
                material_id="answer_material_id",
                material_number=F("answer_material__number"),
                material_published=F("answer_material__is_published"),
                meeting_id=F("answer_material__meeting_id"),
                meeting_title=F("answer_material__meeting__title"),
            )
        )
    )
    return (
        Question.objects.filter(Q(pk=question_id) | Q(agenda_item__meeting_id=Subquery(meeting)))
        .annotate(traces=ArraySubquery(dispositions))
        .values_list("pk", "traces")
    )


def _disposition(row: dict) -> Disposition:
    d = Disposition(
        id=row["id"],
        comment_id=row["comment_id"],
        kind=row["kind"],
        reasoning=row["reasoning"],
        paragraph_id=row["paragraph_id"],
        edition_id=row["edition_id"],
        answer_material_id=row["material_id"],
    )
    d.edition = Edition(id=row["edition_id"], kind=row["edition_kind"])
    if row["material_id"]:
        d.answer_material = Material(
            id=row["material_id"],
            number=row["material_number"],
            is_published=row["material_published"],
            meeting=Meeting(id=row["meeting_id"], title=row["meeting_title"]),
        )
    return d


def meeting_traces(user, question_id: int) -> tuple[set[int], dict[int, Disposition]]:
    """(the question ids covered, {comment pk: latest visible disposition}) for the question's
    meeting; each disposition has `.paragraph_label`."""
    covered, latest = {question_id}, {}
    for pk, rows in _rows(user, question_id):
        covered.add(pk)
        for row in rows or []:
            if row["comment_id"] not in latest:  # newest edition first
                latest[row["comment_id"]] = _disposition(row)
    labels = paragraph_labels({d.edition_id for d in latest.values() if d.paragraph_id})
    for d in latest.values():
        d.paragraph_label = labels.get(d.paragraph_id, "")
    return covered, latest
