"""A paragraph's questions and source comments, and each comment's disposition (対応)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from committee.services import StaleEdit
from policies.access import visible_comments, visible_questions
from policies.models import Comment
from reports.models import Disposition, ParagraphComment, ReportChange
from reports.services.history import lock_edition, log, log_values, snapshot

DISPOSITION_FIELDS = ["kind", "paragraph_id", "reasoning", "answer_material_id"]


@transaction.atomic
def paragraph_questions_set(*, paragraph, questions, by) -> None:
    """Secretariat: the questions (論点) a paragraph answers, replacing the previous set.
    Source comments of a question no longer answered are unlinked too."""
    lock_edition(paragraph.edition_id)
    allowed = set(visible_questions(by).values_list("pk", flat=True))
    ids = sorted({q.pk for q in questions})
    if any(pk not in allowed for pk in ids):
        raise ValidationError({"questions": _("Choose questions from the list.")})
    before = sorted(paragraph.questions.values_list("pk", flat=True))
    paragraph.questions.set(ids)
    ParagraphComment.objects.filter(paragraph=paragraph).exclude(
        comment__question_id__in=ids
    ).delete()
    log(
        obj=paragraph,
        edition_id=paragraph.edition_id,
        action=ReportChange.Action.UPDATE,
        by=by,
        before={"questions": before},
        after={"questions": ids},
    )


def _check_open(comment: Comment, by) -> None:
    """A disposition or a link needs a comment `by` can see, neither hidden nor deleted."""
    if not visible_comments(by).filter(pk=comment.pk).exists():
        raise ValidationError({"comment": _("This comment cannot be linked.")})
    if comment.is_hidden or comment.deleted_at is not None:
        raise ValidationError({"comment": _("A hidden or deleted comment cannot be linked.")})


def check_linkable(*, paragraph, comment: Comment, by) -> None:
    """A comment may be linked only if `by` can see it, it is neither hidden nor deleted, and
    its question is one the paragraph answers."""
    _check_open(comment, by)
    if not paragraph.questions.filter(pk=comment.question_id).exists():
        raise ValidationError(
            {"comment": _("This comment is on a question the paragraph does not answer.")}
        )


def _log_link(link, paragraph, action: str, by) -> None:
    """A source link's history names the paragraph by its number, and the comment."""
    values = {"paragraph": paragraph.number, "comment": link.comment_id}
    before, after = (values, None) if action == ReportChange.Action.DELETE else (None, values)
    log(obj=link, edition_id=paragraph.edition_id, action=action, by=by, before=before, after=after)


def _link(paragraph, comment, by) -> None:
    link, created = ParagraphComment.objects.get_or_create(paragraph=paragraph, comment=comment)
    if created:
        _log_link(link, paragraph, ReportChange.Action.CREATE, by)


@transaction.atomic
def paragraph_link_comment(
    *, paragraph, comment: Comment, kind: str, reasoning: str = "", by
) -> Disposition:
    """Secretariat: link a comment to the paragraph as a source and record its disposition
    in the paragraph's edition (反映 by default) in one step."""
    lock_edition(paragraph.edition_id)
    check_linkable(paragraph=paragraph, comment=comment, by=by)
    _link(paragraph, comment, by)
    return _disposition_write(
        edition=paragraph.edition,
        comment=comment,
        kind=kind,
        reasoning=reasoning,
        paragraph=paragraph,
        answer_material=None,
        version=None,
        by=by,
    )


@transaction.atomic
def paragraph_unlink_comment(*, paragraph, comment: Comment, by) -> None:
    """Secretariat: the paragraph no longer reflects the comment (its disposition stays, and
    loses the paragraph if it pointed here)."""
    lock_edition(paragraph.edition_id)
    link = ParagraphComment.objects.filter(paragraph=paragraph, comment=comment).first()
    if link is None:
        return
    _log_link(link, paragraph, ReportChange.Action.DELETE, by)
    link.delete()


def _validate(*, edition, comment, kind, reasoning, paragraph, answer_material) -> str:
    reasoning = (reasoning or "").strip()
    errors = {}
    if kind not in Disposition.Kind.values:
        errors["kind"] = _("Choose a disposition.")
    elif kind != Disposition.Kind.REFLECTED and not reasoning:
        errors["reasoning"] = _("Write the reasoning (required unless the comment is reflected).")
    if kind == Disposition.Kind.REFLECTED and paragraph is None:
        errors["paragraph"] = _("Choose the paragraph that reflects the comment.")
    if paragraph is not None and paragraph.edition_id != edition.pk:
        errors["paragraph"] = _("Choose a paragraph of this edition.")
    if kind == Disposition.Kind.ANSWERED and comment.stance != Comment.Stance.QUESTION:
        errors["kind"] = _("Only a question (質問) can be answered.")
    if answer_material is not None:
        asked_at = comment.question.agenda_item.meeting if comment.question.agenda_item else None
        if kind != Disposition.Kind.ANSWERED:
            errors["answer_material"] = _("A material is pointed at only by an answer.")
        elif asked_at is not None and answer_material.meeting.number <= asked_at.number:
            errors["answer_material"] = _("Choose a material of a later meeting.")
    if len(reasoning) > Disposition.REASONING_MAX_LENGTH:
        errors["reasoning"] = _("At most %(n)s characters.") % {
            "n": Disposition.REASONING_MAX_LENGTH
        }
    if errors:
        raise ValidationError(errors)
    return reasoning


def _disposition_write(*, edition, comment, version, by, **fields) -> Disposition:
    """`fields`: kind, reasoning, paragraph and answer_material, checked by _validate."""
    reasoning = _validate(edition=edition, comment=comment, **fields)
    values = {**fields, "reasoning": reasoning, "updated_by": by}
    row = Disposition.objects.select_for_update().filter(edition=edition, comment=comment).first()
    if row is None:
        if version:
            raise StaleEdit(None)
        row = Disposition.objects.create(edition=edition, comment=comment, **values)
        log_values(row, ReportChange.Action.CREATE, DISPOSITION_FIELDS, by=by)
        return row
    if version is not None and version != row.version:
        raise StaleEdit(row)
    before = snapshot(row, DISPOSITION_FIELDS)
    for key, value in values.items():
        setattr(row, key, value)
    row.version += 1
    row.save()
    log_values(row, ReportChange.Action.UPDATE, DISPOSITION_FIELDS, by=by, before=before)
    return row


@transaction.atomic
def disposition_set(
    *,
    edition,
    comment: Comment,
    kind: str,
    reasoning: str = "",
    paragraph=None,
    answer_material=None,
    version: int | None = None,
    by,
) -> Disposition:
    """Secretariat: record or revise a comment's disposition in an edition. `version` is the
    one the editor saw (None/0 for a new one); stale: StaleEdit. The comment must be one `by`
    can see, not hidden or deleted."""
    lock_edition(edition.pk)
    _check_open(comment, by)
    if paragraph is not None and kind in (Disposition.Kind.REFLECTED, Disposition.Kind.PARTIAL):
        # Reflected in a paragraph: the paragraph lists the comment among its sources.
        try:
            check_linkable(paragraph=paragraph, comment=comment, by=by)
        except ValidationError as error:
            raise ValidationError({"paragraph": error.message_dict["comment"]}) from None
        _link(paragraph, comment, by)
    return _disposition_write(
        edition=edition,
        comment=comment,
        kind=kind,
        reasoning=reasoning,
        paragraph=paragraph,
        answer_material=answer_material,
        version=version,
        by=by,
    )
