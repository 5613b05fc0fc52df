"""Writes to meetings, agendas, hearings, materials and minutes; each one transaction, logged.

Callers are views that have already checked the secretariat role (access.py), and the Django
admin (admin_save / admin_delete, behind its own permissions); the services do not re-check
permissions, but every write records a ChangeLog row in the same transaction.
Edits carry the version the editor saw: a stale version raises StaleEdit and writes nothing.
"""

import hashlib
import unicodedata
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_publication
from committee.models import (
    AgendaItem,
    ChangeLog,
    Hearing,
    Material,
    MaterialVersion,
    Meeting,
    Minutes,
)

MEETING_FIELDS = [
    "number",
    "title",
    "starts_at",
    "ends_at",
    "period_start",
    "period_end",
    "place",
    "is_online",
    "status",
    "is_published",
    "internal_note",
]
ITEM_FIELDS = ["position", "title", "description", "is_published"]
HEARING_FIELDS = ["agenda_item_id", "speaker", "affiliation", "topic", "is_published"]
MATERIAL_FIELDS = ["number", "title", "is_published"]
MINUTES_FIELDS = ["body", "is_published"]


class StaleEdit(Exception):
    """Someone saved the object after the editor loaded it; `current` holds the saved values."""

    def __init__(self, current):
        super().__init__("stale version")
        self.current = current


def _snapshot(obj, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def _log(*, obj, meeting_id, action, by, before=None, after=None) -> ChangeLog:
    audit_publication(actor=by, obj=obj, before=before, after=after)
    return ChangeLog.objects.create(
        meeting_id=meeting_id,
        model_name=obj._meta.model_name,
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        action=action,
        actor=by,
        before=before,
        after=after,
    )


def _update_versioned(model, obj, *, version: int, fields: list[str], values: dict):
    """UPDATE ... WHERE pk = obj.pk AND version = n; raise StaleEdit when no row matched.

    Returns (before, after): the snapshot of the row as it was in the database (not of `obj`,
    which a bound ModelForm may already have changed in memory) and the updated row.
    """
    row = model.objects.select_for_update().filter(pk=obj.pk).first()
    if row is None:
        raise StaleEdit(None)
    before = _snapshot(row, fields)
    stamp = {"updated_at": timezone.now()} if hasattr(row, "updated_at") else {}
    changed = model.objects.filter(pk=obj.pk, version=version).update(
        version=F("version") + 1, **stamp, **values
    )
    if not changed:
        raise StaleEdit(row)
    row.refresh_from_db()
    return before, row


def _update_logged(model, obj, *, version: int, fields: list[str], values: dict, by):
    """_update_versioned, then the UPDATE entry with the row before and after."""
    before, row = _update_versioned(model, obj, version=version, fields=fields, values=values)
    _log(
        obj=row,
        meeting_id=_meeting_id_of(row),
        action=ChangeLog.Action.UPDATE,
        by=by,
        before=before,
        after=_snapshot(row, fields),
    )
    return row


# --- Meetings --------------------------------------------------------------------------


@transaction.atomic
def meeting_create(*, by, **values) -> Meeting:
    """Secretariat: create a meeting with the given MEETING_FIELDS values."""
    meeting = Meeting.objects.create(**{k: v for k, v in values.items() if k in MEETING_FIELDS})
    _log(
        obj=meeting,
        meeting_id=meeting.pk,
        action=ChangeLog.Action.CREATE,
        by=by,
        after=_snapshot(meeting, MEETING_FIELDS),
    )
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, version: int, by, **values) -> Meeting:
    """Secretariat: change a meeting if nobody saved it since `version`, else StaleEdit."""
    values = {k: v for k, v in values.items() if k in MEETING_FIELDS}
    return _update_logged(
        Meeting, meeting, version=version, fields=MEETING_FIELDS, values=values, by=by
    )


def _lock_meeting(meeting_id: int) -> Meeting:
    # Every agenda write locks the meeting row first, so concurrent writers queue up and
    # each sees the positions the previous one committed.
    return Meeting.objects.select_for_update().get(pk=meeting_id)


# --- Agenda items ----------------------------------------------------------------------


@transaction.atomic
def agenda_item_create(
    *, meeting: Meeting, title: str, description: str = "", is_published: bool = True, by
) -> AgendaItem:
    """Secretariat: append an agenda item at the end of the meeting's agenda."""
    _lock_meeting(meeting.pk)
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=last + 1,
        title=title,
        description=description,
        is_published=is_published,
    )
    _log(
        obj=item,
        meeting_id=meeting.pk,
        action=ChangeLog.Action.CREATE,
        by=by,
        after=_snapshot(item, ITEM_FIELDS),
    )
    return item


@transaction.atomic
def agenda_item_update(
    *, item: AgendaItem, version: int, title: str, description: str, is_published: bool, by
) -> AgendaItem:
    """Secretariat: change an item's text or publication if its version is current."""
    return _update_logged(
        AgendaItem,
        item,
        version=version,
        fields=ITEM_FIELDS,
        values={"title": title, "description": description, "is_published": is_published},
        by=by,
    )


def _renumber(meeting_id: int, ordered: list[AgendaItem], *, by, action) -> None:
    """Give `ordered` positions 1..n, logging each item whose position changed."""
    for position, item in enumerate(ordered, start=1):
        if item.position == position:
            continue
        before = _snapshot(item, ITEM_FIELDS)
        AgendaItem.objects.filter(pk=item.pk).update(
            position=position, version=F("version") + 1, updated_at=timezone.now()
        )
        item.position = position
        _log(
            obj=item,
            meeting_id=meeting_id,
            action=action,
            by=by,
            before=before,
            after=_snapshot(item, ITEM_FIELDS),
        )


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by) -> None:
    """Secretariat: delete an item (and its hearings) and close the gap in the numbering."""
    meeting_id = item.meeting_id
    _lock_meeting(meeting_id)
    before = _snapshot(item, ITEM_FIELDS)
    _log(obj=item, meeting_id=meeting_id, action=ChangeLog.Action.DELETE, by=by, before=before)
    AgendaItem.objects.filter(pk=item.pk).delete()
    rest = list(
        AgendaItem.objects.select_for_update().filter(meeting_id=meeting_id).order_by("position")
    )
    _renumber(meeting_id, rest, by=by, action=ChangeLog.Action.MOVE)


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, by) -> AgendaItem:
    """Secretariat: move an item one place "up" or "down"; positions stay 1..n.

    Works from the committed order (not the order the caller saw), so two people moving
    items at the same time both take effect one after the other, without gaps or duplicates.
    """
    if direction not in ("up", "down"):
        raise ValueError(direction)
    _lock_meeting(item.meeting_id)
    ordered = list(
        AgendaItem.objects.select_for_update()
        .filter(meeting_id=item.meeting_id)
        .order_by("position", "id")
    )
    index = next((i for i, other in enumerate(ordered) if other.pk == item.pk), None)
    if index is None:
        raise AgendaItem.DoesNotExist
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(item.meeting_id, ordered, by=by, action=ChangeLog.Action.MOVE)
    return AgendaItem.objects.get(pk=item.pk)


# --- Hearings --------------------------------------------------------------------------


@transaction.atomic
def hearing_create(
    *, item: AgendaItem, speaker: str, affiliation: str = "", topic: str = "", by
) -> Hearing:
    """Secretariat: record who is heard on an agenda item."""
    hearing = Hearing.objects.create(
        agenda_item=item, speaker=speaker, affiliation=affiliation, topic=topic, created_by=by
    )
    _log(
        obj=hearing,
        meeting_id=item.meeting_id,
        action=ChangeLog.Action.CREATE,
        by=by,
        after=_snapshot(hearing, HEARING_FIELDS),
    )
    return hearing


@transaction.atomic
def hearing_update(
    *, hearing: Hearing, version: int, speaker: str, affiliation: str, topic: str, by
) -> Hearing:
    """Secretariat: change who is heard and on what, if nobody saved the hearing meanwhile."""
    return _update_logged(
        Hearing,
        hearing,
        version=version,
        fields=HEARING_FIELDS,
        values={"speaker": speaker, "affiliation": affiliation, "topic": topic},
        by=by,
    )


@transaction.atomic
def hearing_delete(*, hearing: Hearing, by) -> None:
    """Secretariat: remove a hearing from its agenda item."""
    _log(
        obj=hearing,
        meeting_id=hearing.agenda_item.meeting_id,
        action=ChangeLog.Action.DELETE,
        by=by,
        before=_snapshot(hearing, HEARING_FIELDS),
    )
    hearing.delete()


# --- Materials -------------------------------------------------------------------------


def normalize_number(number: str) -> str:
    """「資料１－２」 → 「資料1-2」: full-width digits and dashes typed in Japanese input."""
    text = unicodedata.normalize("NFKC", number or "").strip()
    for dash in ("‐", "−", "–", "—", "ー"):
        text = text.replace(dash, "-")
    return text.replace(" ", "")


def number_taken_message(number: str) -> str:
    return _("%(number)s is already used in this meeting.") % {"number": normalize_number(number)}


@contextmanager
def _number_unique(number: str):
    """The unique (meeting, number) constraint as a form error: someone may take the number
    between a form's check and the write. A savepoint keeps the caller's transaction usable."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ValidationError({"number": number_taken_message(number)}) from None


def _add_version(*, material: Material, upload, content_type: str, by) -> MaterialVersion:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    version = MaterialVersion(
        material=material,
        original_name=upload.name[:255],
        size=upload.size,
        sha256=digest.hexdigest(),
        content_type=content_type,
        uploaded_by=by,
    )
    version.file.save(upload.name, upload, save=False)
    version.save()
    return version


def _material_snapshot(material: Material, version: MaterialVersion | None = None) -> dict:
    data = _snapshot(material, MATERIAL_FIELDS)
    if version is not None:
        data.update(file=version.original_name, size=version.size, sha256=version.sha256)
    return data


@transaction.atomic
def material_create(
    *,
    meeting: Meeting,
    number: str,
    title: str,
    is_published: bool,
    upload,
    content_type: str,
    by,
) -> Material:
    """Secretariat: add a numbered material with its first file (type already checked).
    A number taken meanwhile (after the form's check) is a ValidationError on "number"."""
    with _number_unique(number):
        material = Material.objects.create(
            meeting=meeting,
            number=normalize_number(number),
            title=title,
            is_published=is_published,
        )
    version = _add_version(material=material, upload=upload, content_type=content_type, by=by)
    _log(
        obj=material,
        meeting_id=meeting.pk,
        action=ChangeLog.Action.CREATE,
        by=by,
        after=_material_snapshot(material, version),
    )
    return material


@transaction.atomic
def material_update(
    *,
    material: Material,
    version: int,
    number: str,
    title: str,
    is_published: bool,
    upload=None,
    content_type: str = "",
    by,
) -> Material:
    """Secretariat: change a material's number, title or publication, and optionally add a new
    file version (the old files stay). Refused with StaleEdit if the material changed meanwhile."""
    previous = material.versions.first()
    with _number_unique(number):
        before, material = _update_versioned(
            Material,
            material,
            version=version,
            fields=MATERIAL_FIELDS,
            values={
                "number": normalize_number(number),
                "title": title,
                "is_published": is_published,
            },
        )
    if previous is not None:
        before.update(file=previous.original_name, size=previous.size, sha256=previous.sha256)
    latest = previous
    if upload is not None:
        latest = _add_version(material=material, upload=upload, content_type=content_type, by=by)
    _log(
        obj=material,
        meeting_id=material.meeting_id,
        action=ChangeLog.Action.UPDATE,
        by=by,
        before=before,
        after=_material_snapshot(material, latest),
    )
    return material


@transaction.atomic
def material_delete(*, material: Material, by) -> None:
    """Secretariat: delete a material; its files are kept on disk for the record."""
    _log(
        obj=material,
        meeting_id=material.meeting_id,
        action=ChangeLog.Action.DELETE,
        by=by,
        before=_material_snapshot(material, material.versions.first()),
    )
    material.delete()


# --- Minutes ---------------------------------------------------------------------------


@transaction.atomic
def minutes_save(
    *, meeting: Meeting, version: int | None, body: str, is_published: bool, by
) -> Minutes:
    """Secretariat: write the minutes; publishing them marks the meeting "minutes published".

    `version` is the minutes version the editor saw (None when there were no minutes yet).
    """
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None:
        if version not in (None, 0):
            raise StaleEdit(None)
        minutes = Minutes.objects.create(
            meeting=meeting,
            body=body,
            is_published=is_published,
            published_at=timezone.now() if is_published else None,
            updated_by=by,
        )
        before = None
        action = ChangeLog.Action.CREATE
    else:
        if version != minutes.version:
            raise StaleEdit(minutes)
        published_at = minutes.published_at
        if is_published and not minutes.is_published:
            published_at = timezone.now()
        before, minutes = _update_versioned(
            Minutes,
            minutes,
            version=version,
            fields=MINUTES_FIELDS,
            values={
                "body": body,
                "is_published": is_published,
                "published_at": published_at if is_published else None,
                "updated_by": by,
            },
        )
        action = ChangeLog.Action.UPDATE
    _log(
        obj=minutes,
        meeting_id=meeting.pk,
        action=action,
        by=by,
        before=before,
        after=_snapshot(minutes, MINUTES_FIELDS),
    )
    if is_published:
        _mark_minutes_published(meeting.pk, by=by)
    return minutes


def _mark_minutes_published(meeting_id: int, *, by) -> None:
    """Published minutes make the meeting "minutes published" (logged like any meeting edit)."""
    fresh = Meeting.objects.get(pk=meeting_id)
    if fresh.status != Meeting.Status.MINUTES_PUBLISHED:
        meeting_update(
            meeting=fresh,
            version=fresh.version,
            by=by,
            status=Meeting.Status.MINUTES_PUBLISHED,
        )


# --- Admin repairs ---------------------------------------------------------------------
#
# The Django admin is for repairs. Its saves and deletes come here, so they are logged like
# the meeting pages' edits and move `version`: a meeting-page form opened before the repair
# is then refused as stale instead of silently overwriting it.

ADMIN_FIELDS = {
    Meeting: MEETING_FIELDS,
    AgendaItem: ITEM_FIELDS,
    Hearing: HEARING_FIELDS,
    Material: MATERIAL_FIELDS,
    Minutes: MINUTES_FIELDS,
}


def _meeting_id_of(obj) -> int:
    if isinstance(obj, Meeting):
        return obj.pk
    if isinstance(obj, Hearing):
        return obj.agenda_item.meeting_id
    return obj.meeting_id


def _admin_snapshot(obj) -> dict[str, Any]:
    if isinstance(obj, Material):
        return _material_snapshot(obj, obj.versions.first() if obj.pk else None)
    return _snapshot(obj, ADMIN_FIELDS[type(obj)])


def _lock_item_meeting(item_pk: int) -> bool:
    """Lock the meeting of an agenda item before the item itself: the same order as the agenda
    services (meeting, then items), so an admin repair and a move on the meeting page queue up
    instead of deadlocking. False if the item is gone."""
    meeting_id = AgendaItem.objects.filter(pk=item_pk).values_list("meeting_id", flat=True).first()
    if meeting_id is None:
        return False
    _lock_meeting(meeting_id)
    return True


@transaction.atomic
def admin_save(*, obj, by, version: int | None = None):
    """Admin: save a Meeting, AgendaItem, Hearing, Material or Minutes that an admin form has
    changed in memory, bump its version and log CREATE or UPDATE (before from the database row).

    `version` is the one the admin form was opened with: if the row moved since, StaleEdit and
    nothing is written (StaleEdit(None) if it was deleted). A new agenda item goes to the end
    of its meeting's agenda; an existing one keeps its meeting and position, which only the
    agenda services change, so positions stay 1..n.
    """
    model = type(obj)
    if model not in ADMIN_FIELDS:
        raise TypeError(f"no admin save for {model.__name__}")
    if isinstance(obj, Material):
        obj.number = normalize_number(obj.number)
    if isinstance(obj, Minutes):
        obj.updated_by = by
        # As on the meeting page: publishing stamps the time, withdrawing clears it.
        was_published = (
            obj.pk is not None and Minutes.objects.filter(pk=obj.pk, is_published=True).exists()
        )
        if not obj.is_published:
            obj.published_at = None
        elif not was_published or obj.published_at is None:
            obj.published_at = timezone.now()

    if obj.pk is None:
        if isinstance(obj, AgendaItem):
            _lock_meeting(obj.meeting_id)
            last = AgendaItem.objects.filter(meeting_id=obj.meeting_id).aggregate(
                m=Max("position")
            )["m"]
            obj.position = (last or 0) + 1
        if isinstance(obj, Hearing) and obj.created_by_id is None:
            obj.created_by = by
        obj.version = 1
        obj.save()
        _log(
            obj=obj,
            meeting_id=_meeting_id_of(obj),
            action=ChangeLog.Action.CREATE,
            by=by,
            after=_admin_snapshot(obj),
        )
        if isinstance(obj, Minutes) and obj.is_published:
            _mark_minutes_published(obj.meeting_id, by=by)
        return obj

    if isinstance(obj, AgendaItem) and not _lock_item_meeting(obj.pk):
        raise StaleEdit(None)
    row = model.objects.select_for_update().filter(pk=obj.pk).first()
    if row is None:
        raise StaleEdit(None)
    if version is not None and version != row.version:
        raise StaleEdit(row)
    before = _admin_snapshot(row)
    if isinstance(obj, AgendaItem):
        obj.meeting_id, obj.position = row.meeting_id, row.position
    obj.version = row.version + 1
    obj.save()
    after = _admin_snapshot(obj)
    # A hearing moved to another meeting's agenda item shows in both meetings' histories.
    for meeting_id in dict.fromkeys([_meeting_id_of(row), _meeting_id_of(obj)]):
        _log(
            obj=obj,
            meeting_id=meeting_id,
            action=ChangeLog.Action.UPDATE,
            by=by,
            before=before,
            after=after,
        )
    if isinstance(obj, Minutes) and obj.is_published:
        _mark_minutes_published(obj.meeting_id, by=by)
    return obj


@transaction.atomic
def admin_delete(*, obj, by) -> None:
    """Admin: delete a Meeting, AgendaItem, Hearing, Material or Minutes, logged like the
    meeting pages' deletes (an agenda item's meeting is renumbered 1..n). Works from the row
    as it is in the database now; a row already gone is left alone."""
    model = type(obj)
    if model not in ADMIN_FIELDS:
        raise TypeError(f"no admin delete for {model.__name__}")
    if isinstance(obj, AgendaItem) and not _lock_item_meeting(obj.pk):
        return
    row = model.objects.select_for_update().filter(pk=obj.pk).first()
    if row is None:
        return
    if isinstance(row, AgendaItem):
        agenda_item_delete(item=row, by=by)
    elif isinstance(row, Hearing):
        hearing_delete(hearing=row, by=by)
    elif isinstance(row, Material):
        material_delete(material=row, by=by)
    else:
        # A meeting's own log row loses its meeting (SET_NULL) with it; the entry stays.
        _log(
            obj=row,
            meeting_id=_meeting_id_of(row),
            action=ChangeLog.Action.DELETE,
            by=by,
            before=_admin_snapshot(row),
        )
        row.delete()
