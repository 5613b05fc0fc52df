"""Reports and editions: create (a new edition copies the previous one), share, publish."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from committee.services.history import update_versioned as _update_versioned
from reports.models import (
    Disposition,
    Edition,
    Paragraph,
    ParagraphComment,
    Report,
    ReportChange,
    Section,
)
from reports.selectors import comments_without_disposition, hidden_sources
from reports.services.history import log, snapshot
from reports.services.suggestions import apply_to_next

EDITION_FIELDS = ["kind", "meeting_id", "status"]


class NeedsConfirmation(Exception):
    """The status change is allowed only on purpose: `missing` comments have no disposition
    (sharing), or `hidden` source comments were hidden or deleted since (publishing)."""

    def __init__(self, *, missing=(), hidden=()):
        super().__init__("needs confirmation")
        self.missing = list(missing)
        self.hidden = list(hidden)


@transaction.atomic
def report_create(*, title: str, by) -> Report:
    """Secretariat: start a report (とりまとめ); its editions follow."""
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Write the report's title.")})
    report = Report.objects.create(title=title[:200])
    # A new report has no edition yet: its row is filed under none.
    action = ReportChange.Action.CREATE
    log(obj=report, edition_id=None, action=action, by=by, after={"title": title})
    return report


def _copy_outline(source: Edition, target: Edition) -> None:
    """Sections, paragraphs (same stable numbers), their links and the dispositions."""
    sections = list(source.sections.order_by("position"))
    new_sections = Section.objects.bulk_create(
        [
            Section(edition=target, position=s.position, level=s.level, title=s.title)
            for s in sections
        ]
    )
    section_map = {old.pk: new.pk for old, new in zip(sections, new_sections, strict=True)}
    paragraphs = list(source.paragraphs.order_by("pk"))
    new_paragraphs = Paragraph.objects.bulk_create(
        [
            Paragraph(
                edition=target,
                section_id=section_map[p.section_id],
                position=p.position,
                number=p.number,
                body=p.body,
                body_html=p.body_html,
            )
            for p in paragraphs
        ]
    )
    paragraph_map = {old.pk: new.pk for old, new in zip(paragraphs, new_paragraphs, strict=True)}
    through = Paragraph.questions.through
    through.objects.bulk_create(
        [
            through(paragraph_id=paragraph_map[row.paragraph_id], question_id=row.question_id)
            for row in through.objects.filter(paragraph__edition=source)
        ]
    )
    ParagraphComment.objects.bulk_create(
        [
            ParagraphComment(
                paragraph_id=paragraph_map[row.paragraph_id], comment_id=row.comment_id
            )
            for row in ParagraphComment.objects.filter(paragraph__edition=source)
        ]
    )
    Disposition.objects.bulk_create(
        [
            Disposition(
                edition=target,
                comment_id=d.comment_id,
                kind=d.kind,
                paragraph_id=paragraph_map.get(d.paragraph_id),
                reasoning=d.reasoning,
                answer_material_id=d.answer_material_id,
                updated_by_id=d.updated_by_id,
            )
            for d in source.dispositions.all()
        ]
    )


@transaction.atomic
def edition_create(*, report: Report, kind: str, meeting, by) -> Edition:
    """Secretariat: add an edition for a meeting. It starts as a copy of the report's latest
    edition (outline, paragraphs, links, dispositions), and as a draft."""
    Report.objects.select_for_update().get(pk=report.pk)
    if kind not in Edition.Kind.values:
        raise ValidationError({"kind": _("Choose an edition.")})
    previous = Edition.objects.filter(report=report).order_by("-id").first()
    try:
        with transaction.atomic():
            edition = Edition.objects.create(
                report=report, kind=kind, meeting=meeting, previous=previous
            )
    except IntegrityError:
        raise ValidationError({"kind": _("This report already has this edition.")}) from None
    if previous is not None:
        _copy_outline(previous, edition)
        # Suggestions adopted in the review of the previous edition (issue 16).
        apply_to_next(source_edition_id=previous.pk, target=edition, by=by)
    after = snapshot(edition, EDITION_FIELDS)
    after["copied_from"] = previous.pk if previous else None
    log(obj=edition, edition_id=edition.pk, action=ReportChange.Action.CREATE, by=by, after=after)
    return edition


@transaction.atomic
def edition_set_status(
    *, edition: Edition, status: str, version: int, by, confirm: bool = False
) -> Edition:
    """Secretariat: share, publish or withdraw an edition. Sharing while comments lack a
    disposition, or publishing while a source comment is hidden or deleted, raises
    NeedsConfirmation unless `confirm` says it is on purpose. Stale `version`: StaleEdit."""
    if status not in Edition.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    if not confirm:
        if status == Edition.Status.SHARED:
            missing = comments_without_disposition(edition)
            if missing:
                raise NeedsConfirmation(missing=missing)
        if status == Edition.Status.PUBLISHED:
            hidden = hidden_sources(edition)
            if hidden:
                raise NeedsConfirmation(hidden=hidden)
    before, row = _update_versioned(
        Edition, edition, version=version, fields=EDITION_FIELDS, values={"status": status}
    )
    after = {**snapshot(row, EDITION_FIELDS), "confirmed": confirm}
    action = ReportChange.Action.UPDATE
    log(obj=row, edition_id=row.pk, action=action, by=by, before=before, after=after)
    return row
