"""Writes to meetings, agendas, hearings, materials and minutes; each one transaction, logged.

Callers are views that have already checked the secretariat role (access.py), and the Django
admin (admin_save / admin_delete, behind its own permissions); the services do not re-check
permissions, but every write records a ChangeLog row in the same transaction.
Edits carry the version the editor saw: a stale version raises StaleEdit and writes nothing.

One module per object; `from committee import services` then `services.meeting_update(...)`.
"""

from committee.services.agenda import (
    ITEM_FIELDS,
    agenda_item_create,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
)
from committee.services.hearings import (
    HEARING_FIELDS,
    hearing_create,
    hearing_delete,
    hearing_update,
)
from committee.services.history import StaleEdit
from committee.services.materials import (
    MATERIAL_FIELDS,
    material_create,
    material_delete,
    material_update,
    normalize_number,
    number_taken_message,
)
from committee.services.meetings import MEETING_FIELDS, meeting_create, meeting_update
from committee.services.minutes import MINUTES_FIELDS, minutes_save
from committee.services.repairs import ADMIN_FIELDS, admin_delete, admin_save

__all__ = [
    "ADMIN_FIELDS",
    "HEARING_FIELDS",
    "ITEM_FIELDS",
    "MATERIAL_FIELDS",
    "MEETING_FIELDS",
    "MINUTES_FIELDS",
    "StaleEdit",
    "admin_delete",
    "admin_save",
    "agenda_item_create",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_update",
    "hearing_create",
    "hearing_delete",
    "hearing_update",
    "material_create",
    "material_delete",
    "material_update",
    "meeting_create",
    "meeting_update",
    "minutes_save",
    "normalize_number",
    "number_taken_message",
]
