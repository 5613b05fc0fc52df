"""What the site search finds in the committee app: agenda items and materials."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from committee.access import visible_agenda_items, visible_materials
from core.search import highlight
from core.searchables import Hit, SearchKind, register

SNIPPET_CHARS = 120
AGENDA_FIELDS = ("title", "description")
MATERIAL_FIELDS = ("title", "number")


def _draft_badges(obj) -> list:
    return [] if obj.is_published and obj.meeting.is_published else [_("Draft")]


def _agenda_hit(item, q: str) -> Hit:
    meeting = item.meeting
    return Hit(
        url=reverse("committee:meeting-detail", args=[meeting.pk]) + f"#item-{item.pk}",
        title=highlight(item.title, q),
        snippet=highlight(item.description, q, width=SNIPPET_CHARS),
        context=meeting.title,
        badges=_draft_badges(item),
    )


def _material_hit(material, q: str) -> Hit:
    meeting = material.meeting
    return Hit(
        url=reverse("committee:meeting-detail", args=[meeting.pk]) + f"#material-{material.pk}",
        title=highlight(f"{material.number} {material.title}", q),
        context=meeting.title,
        badges=_draft_badges(material),
    )


def _agenda_items(user):
    return visible_agenda_items(user).select_related("meeting")


def _materials(user):
    return visible_materials(user).select_related("meeting")


# Key, label, place on the results page, the rows the user may find, hit, the fields shown.
register(SearchKind("agenda", _("Agenda items"), 30, _agenda_items, _agenda_hit, AGENDA_FIELDS))
register(SearchKind("materials", _("Materials"), 40, _materials, _material_hit, MATERIAL_FIELDS))
