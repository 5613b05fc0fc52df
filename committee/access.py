"""Who may see which meetings, agenda items, hearings and materials, written once.

The `visible_*` querysets are the rule (the secretariat sees drafts; everyone else sees what is
published, inside a published meeting); the `access_*` lookups, the selectors and every app's
search declaration build on them. Missing and forbidden give the same 404.
"""

from django.http import Http404

from accounts.roles import is_secretariat
from committee.models import AgendaItem, Hearing, Material, MaterialVersion, Meeting


def visible_meetings(user):
    """Meetings the user may see: all for the secretariat, published ones for others."""
    meetings = Meeting.objects.all()
    return meetings if is_secretariat(user) else meetings.filter(is_published=True)


def visible_agenda_items(user):
    """Agenda items the user may see: drafts, and items of draft meetings, secretariat only."""
    items = AgendaItem.objects.all()
    if is_secretariat(user):
        return items
    return items.filter(is_published=True, meeting__is_published=True)


def visible_hearings(user):
    """Hearings the user may see: published, on a published item of a published meeting."""
    hearings = Hearing.objects.all()
    if is_secretariat(user):
        return hearings
    return hearings.filter(
        is_published=True,
        agenda_item__is_published=True,
        agenda_item__meeting__is_published=True,
    )


def visible_materials(user):
    """Materials the user may see: unpublished ones, or ones of draft meetings, only for the
    secretariat."""
    materials = Material.objects.all()
    if is_secretariat(user):
        return materials
    return materials.filter(is_published=True, meeting__is_published=True)


def _get(queryset, pk: int, *, user, for_write: bool):
    # for_write: only the secretariat (and admins) change committee objects; everyone else 404.
    if for_write and not is_secretariat(user):
        raise Http404
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None


def access_meeting(user, pk: int, *, for_write: bool = False) -> Meeting:
    """A meeting the user may see; for_write: secretariat only."""
    return _get(visible_meetings(user), pk, user=user, for_write=for_write)


def access_agenda_item(user, pk: int, *, for_write: bool = False) -> AgendaItem:
    """An agenda item the user may see, with its meeting; for_write: secretariat only."""
    items = visible_agenda_items(user).select_related("meeting")
    return _get(items, pk, user=user, for_write=for_write)


def access_hearing(user, pk: int, *, for_write: bool = False) -> Hearing:
    """A hearing the user may see, with its item and meeting; for_write: secretariat only."""
    hearings = visible_hearings(user).select_related("agenda_item__meeting")
    return _get(hearings, pk, user=user, for_write=for_write)


def access_material(user, pk: int, *, for_write: bool = False) -> Material:
    """A material the user may see, with its meeting; for_write: secretariat only."""
    materials = visible_materials(user).select_related("meeting")
    return _get(materials, pk, user=user, for_write=for_write)


def access_material_file(user, pk: int, version_pk: int | None = None) -> MaterialVersion:
    """The file to download: the current version for anyone who may see the material;
    older versions (kept for the record) only for the secretariat."""
    material = access_material(user, pk)
    versions = material.versions.all()
    if version_pk is None:
        version = versions.first()
    elif is_secretariat(user):
        version = versions.filter(pk=version_pk).first()
    else:
        version = None
    if version is None:
        raise Http404
    return version
