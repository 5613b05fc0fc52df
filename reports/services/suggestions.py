"""Adopted suggestions (採用) written into the next edition's paragraph, with attribution."""

from reports.models import Edition, Paragraph
from reports.review.models import ParagraphReview
from reports.services.outline import paragraph_update


def apply_to_next(*, source_edition_id: int, target: Edition, by) -> int:
    """Write each adopted, not yet applied suggestion of the source edition into the target's
    paragraph of the same stable number, when that paragraph still reads as the text the
    suggestion replaced (a paragraph the secretariat already rewrote is left to them). Marks
    the suggestion applied_to that paragraph: the 新旧対照表 and the 対応 table name its author.
    Runs inside the caller's transaction. Returns how many were applied."""
    adopted = list(
        ParagraphReview.objects.select_for_update()
        .filter(
            paragraph__edition_id=source_edition_id,
            disposition=ParagraphReview.Disposition.ADOPTED,
            applied_to__isnull=True,
            deleted_at__isnull=True,
        )
        .select_related("paragraph")
        .order_by("disposed_at", "id")
    )
    if not adopted:
        return 0
    numbers = {r.paragraph.number for r in adopted}
    targets = {
        p.number: p
        for p in Paragraph.objects.select_for_update().filter(edition=target, number__in=numbers)
    }
    applied = 0
    for review in adopted:
        paragraph = targets.get(review.paragraph.number)
        if paragraph is None or paragraph.body.strip() != review.base_text.strip():
            continue
        paragraph = paragraph_update(
            paragraph=paragraph, version=paragraph.version, body=review.suggested_text, by=by
        )
        targets[paragraph.number] = paragraph
        ParagraphReview.objects.filter(pk=review.pk).update(applied_to=paragraph)
        applied += 1
    return applied
