"""Writes to hearings (who is heard on an agenda item)."""

from django.db import transaction

from committee.models import AgendaItem, Hearing
from committee.services.history import editable, log_create, log_delete, snapshot, update_logged

HEARING_FIELDS = ["agenda_item_id", "speaker", "affiliation", "topic", "is_published"]


@transaction.atomic
def hearing_create(
    *, item: AgendaItem, speaker: str, affiliation: str = "", topic: str = "", by
) -> Hearing:
    """Secretariat: record who is heard on an agenda item."""
    hearing = Hearing.objects.create(
        agenda_item=item, speaker=speaker, affiliation=affiliation, topic=topic, created_by=by
    )
    log_create(hearing, fields=HEARING_FIELDS, by=by, meeting_id=item.meeting_id)
    return hearing


@transaction.atomic
def hearing_delete(*, hearing: Hearing, by) -> None:
    """Secretariat: remove a hearing from its agenda item."""
    log_delete(hearing, before=snapshot(hearing, HEARING_FIELDS), by=by)
    hearing.delete()


@transaction.atomic
def hearing_update(*, hearing: Hearing, version: int, by, **values) -> Hearing:
    """Secretariat: change who is heard and on what, if nobody saved the hearing meanwhile."""
    values = editable(values, "speaker", "affiliation", "topic")
    return update_logged(hearing, version=version, fields=HEARING_FIELDS, values=values, by=by)
