"""Pages of meetings: agendas, hearings, materials, minutes; the secretariat's edits.

One module per object; committee/urls.py names each view as `views.<name>`.
"""

from committee.views.agenda import (
    agenda_item_create,
    agenda_item_delete,
    agenda_item_edit,
    agenda_item_move,
)
from committee.views.hearings import hearing_create, hearing_delete, hearing_edit
from committee.views.materials import (
    material_create,
    material_delete,
    material_download,
    material_edit,
)
from committee.views.meetings import (
    home,
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_ics,
    meeting_list,
)
from committee.views.minutes import minutes_edit

__all__ = [
    "agenda_item_create",
    "agenda_item_delete",
    "agenda_item_edit",
    "agenda_item_move",
    "hearing_create",
    "hearing_delete",
    "hearing_edit",
    "home",
    "material_create",
    "material_delete",
    "material_download",
    "material_edit",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_ics",
    "meeting_list",
    "minutes_edit",
]
