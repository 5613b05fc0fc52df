"""Sections and paragraphs of an edition: create, edit (versioned), move, delete."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from committee.services.history import StaleEdit
from committee.services.history import update_versioned as _update_versioned
from policies.markdown import render_markdown
from reports.models import Paragraph, ReportChange, Section
from reports.services.history import lock_edition, log_values, snapshot

CREATE, UPDATE, MOVE, DELETE = (
    ReportChange.Action.CREATE,
    ReportChange.Action.UPDATE,
    ReportChange.Action.MOVE,
    ReportChange.Action.DELETE,
)
SECTION_FIELDS = ["position", "level", "title"]
PARAGRAPH_FIELDS = ["section_id", "position", "number", "body"]


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the paragraph's text.")})
    if len(body) > Paragraph.BODY_MAX_LENGTH:
        raise ValidationError(
            {"body": _("At most %(n)s characters.") % {"n": Paragraph.BODY_MAX_LENGTH}}
        )
    return body


def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Write the heading.")})
    return title[:200]


def _renumber(model, ordered: list, *, fields, by, **extra) -> None:
    """Give `ordered` positions 1..n (and `extra` values), logging each row that moved."""
    for position, row in enumerate(ordered, start=1):
        changes = {k: v for k, v in extra.items() if getattr(row, k) != v}
        if row.position == position and not changes:
            continue
        before = snapshot(row, fields)
        model.objects.filter(pk=row.pk).update(
            position=position, version=F("version") + 1, updated_at=timezone.now(), **changes
        )
        row.position = position
        for key, value in changes.items():
            setattr(row, key, value)
        log_values(row, MOVE, fields, by=by, before=before)


def _update(model, obj, *, version: int, fields: list[str], values: dict, by):
    """The versioned UPDATE (StaleEdit when someone saved since `version`), logged."""
    before, row = _update_versioned(model, obj, version=version, fields=fields, values=values)
    log_values(row, UPDATE, fields, by=by, before=before)
    return row


def _swap(ordered: list, pk: int, direction: str) -> tuple[int, bool]:
    """Swap the row `pk` with its neighbour; (index, moved inside the list)."""
    if direction not in ("up", "down"):
        raise ValueError(direction)
    index = next((i for i, row in enumerate(ordered) if row.pk == pk), None)
    if index is None:
        raise StaleEdit(None)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
        return target, True
    return index, False


# --- Sections --------------------------------------------------------------------------


@transaction.atomic
def section_create(*, edition, title: str, level: int = Section.Level.CHAPTER, by) -> Section:
    """Secretariat: append a chapter or section at the end of the edition's outline."""
    title = _check_title(title)
    lock_edition(edition.pk)
    last = Section.objects.filter(edition=edition).aggregate(m=Max("position"))["m"] or 0
    section = Section.objects.create(edition=edition, position=last + 1, level=level, title=title)
    log_values(section, CREATE, SECTION_FIELDS, by=by)
    return section


@transaction.atomic
def section_update(*, section, version: int, title: str, level: int, by) -> Section:
    """Secretariat: rename a section or change its level, if nobody saved it since `version`."""
    values = {"title": _check_title(title), "level": level}
    return _update(Section, section, version=version, fields=SECTION_FIELDS, values=values, by=by)


@transaction.atomic
def section_move(*, section, direction: str, by) -> Section:
    """Secretariat: move a section one place up or down (its paragraphs go with it), from the
    committed order, as committee's agenda_item_move does."""
    lock_edition(section.edition_id)
    ordered = list(
        Section.objects.select_for_update()
        .filter(edition_id=section.edition_id)
        .order_by("position", "id")
    )
    _swap(ordered, section.pk, direction)
    _renumber(Section, ordered, fields=SECTION_FIELDS, by=by)
    return Section.objects.get(pk=section.pk)


@transaction.atomic
def section_delete(*, section, by) -> None:
    """Secretariat: delete a section with its paragraphs; the outline is renumbered 1..n."""
    edition_id = section.edition_id
    lock_edition(edition_id)
    for paragraph in section.paragraphs.all():
        log_values(paragraph, DELETE, PARAGRAPH_FIELDS, by=by)
    log_values(section, DELETE, SECTION_FIELDS, by=by)
    Section.objects.filter(pk=section.pk).delete()
    rest = list(Section.objects.filter(edition_id=edition_id).order_by("position", "id"))
    _renumber(Section, rest, fields=SECTION_FIELDS, by=by)


# --- Paragraphs ------------------------------------------------------------------------


def next_number(report_id: int) -> int:
    """A paragraph number never used in the report (any edition): numbers stay stable."""
    last = Paragraph.objects.filter(edition__report_id=report_id).aggregate(m=Max("number"))["m"]
    return (last or 0) + 1


@transaction.atomic
def paragraph_create(*, section, body: str, by) -> Paragraph:
    """Secretariat: append a paragraph to a section, with a new stable number."""
    body = _check_body(body)
    edition = lock_edition(section.edition_id)
    last = Paragraph.objects.filter(section=section).aggregate(m=Max("position"))["m"] or 0
    paragraph = Paragraph.objects.create(
        edition_id=section.edition_id,
        section=section,
        position=last + 1,
        number=next_number(edition.report_id),
        body=body,
        body_html=render_markdown(body),
    )
    log_values(paragraph, CREATE, PARAGRAPH_FIELDS, by=by)
    return paragraph


@transaction.atomic
def paragraph_update(*, paragraph, version: int, body: str, by) -> Paragraph:
    """Secretariat: change a paragraph's text if nobody saved it since `version` (else
    StaleEdit with the saved row)."""
    body = _check_body(body)
    values = {"body": body, "body_html": render_markdown(body)}
    return _update(
        Paragraph, paragraph, version=version, fields=PARAGRAPH_FIELDS, values=values, by=by
    )


def _in_section(section_id: int) -> list[Paragraph]:
    return list(
        Paragraph.objects.select_for_update()
        .filter(section_id=section_id)
        .order_by("position", "id")
    )


@transaction.atomic
def paragraph_move(*, paragraph, direction: str, by) -> Paragraph:
    """Secretariat: move a paragraph one place up or down; past the first or last place of
    its section it goes to the end of the previous (start of the next) section."""
    edition_id = paragraph.edition_id
    lock_edition(edition_id)
    ordered = _in_section(paragraph.section_id)
    _index, moved = _swap(ordered, paragraph.pk, direction)
    if moved:
        _renumber(Paragraph, ordered, fields=PARAGRAPH_FIELDS, by=by)
        return Paragraph.objects.get(pk=paragraph.pk)
    sections = list(
        Section.objects.filter(edition_id=edition_id)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    here = sections.index(paragraph.section_id)
    there = here - 1 if direction == "up" else here + 1
    if not 0 <= there < len(sections):
        return Paragraph.objects.get(pk=paragraph.pk)
    row = next(p for p in ordered if p.pk == paragraph.pk)
    ordered.remove(row)
    _renumber(Paragraph, ordered, fields=PARAGRAPH_FIELDS, by=by)
    target = _in_section(sections[there])
    target = target + [row] if direction == "up" else [row, *target]
    _renumber(Paragraph, target, fields=PARAGRAPH_FIELDS, by=by, section_id=sections[there])
    return Paragraph.objects.get(pk=paragraph.pk)


@transaction.atomic
def paragraph_delete(*, paragraph, by) -> None:
    """Secretariat: delete a paragraph (its links go with it; dispositions pointing at it
    keep their reasoning and lose the paragraph); its section is renumbered."""
    edition_id = paragraph.edition_id
    lock_edition(edition_id)
    log_values(paragraph, DELETE, PARAGRAPH_FIELDS, by=by)
    section_id = paragraph.section_id
    Paragraph.objects.filter(pk=paragraph.pk).delete()
    _renumber(Paragraph, _in_section(section_id), fields=PARAGRAPH_FIELDS, by=by)
