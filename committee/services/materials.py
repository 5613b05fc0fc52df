"""Writes to numbered materials (資料) and their file versions; old files are kept."""

import hashlib
import unicodedata
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from committee.models import ChangeLog, Material, MaterialVersion, Meeting
from committee.services.history import log, log_delete, log_update, snapshot, update_versioned

MATERIAL_FIELDS = ["number", "title", "is_published"]


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


def material_snapshot(material: Material, version: MaterialVersion | None = None) -> dict:
    """The logged values of a material, with its file when it has one."""
    data = snapshot(material, MATERIAL_FIELDS)
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
    log(
        obj=material,
        action=ChangeLog.Action.CREATE,
        by=by,
        after=material_snapshot(material, version),
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
        before, material = update_versioned(
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
    log_update(material, before=before, after=material_snapshot(material, latest), by=by)
    return material


@transaction.atomic
def material_delete(*, material: Material, by) -> None:
    """Secretariat: delete a material; its files are kept on disk for the record."""
    log_delete(material, before=material_snapshot(material, material.versions.first()), by=by)
    material.delete()
