"""Lookups with permission: missing and forbidden give the same 404."""

from django.http import Http404

from accounts.roles import is_secretariat
from committee.models import AgendaItem, Hearing, Material, MaterialVersion, Meeting


def access_meeting(user, pk: int, *, for_write: bool = False) -> Meeting:
    """A meeting the user may see (secretariat: any; others: published only).

    for_write: only the secretariat and admins; everyone else gets 404.
    """
    if for_write and not is_secretariat(user):
        raise Http404
    try:
        return Meeting.objects.visible_to(user).get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def access_agenda_item(user, pk: int, *, for_write: bool = False) -> AgendaItem:
    """An agenda item of a visible meeting; drafts only for the secretariat (404 otherwise)."""
    if for_write and not is_secretariat(user):
        raise Http404
    items = AgendaItem.objects.select_related("meeting")
    if not is_secretariat(user):
        items = items.filter(is_published=True, meeting__is_published=True)
    try:
        return items.get(pk=pk)
    except AgendaItem.DoesNotExist:
        raise Http404 from None


def access_hearing(user, pk: int, *, for_write: bool = False) -> Hearing:
    """A hearing; only the secretariat changes hearings, everyone else gets 404."""
    if for_write and not is_secretariat(user):
        raise Http404
    hearings = Hearing.objects.select_related("agenda_item__meeting")
    if not is_secretariat(user):
        hearings = hearings.filter(
            is_published=True,
            agenda_item__is_published=True,
            agenda_item__meeting__is_published=True,
        )
    try:
        return hearings.get(pk=pk)
    except Hearing.DoesNotExist:
        raise Http404 from None


def access_material(user, pk: int, *, for_write: bool = False) -> Material:
    """A material; unpublished ones, or ones of unpublished meetings, only for the secretariat."""
    if for_write and not is_secretariat(user):
        raise Http404
    materials = Material.objects.select_related("meeting")
    if not is_secretariat(user):
        materials = materials.filter(is_published=True, meeting__is_published=True)
    try:
        return materials.get(pk=pk)
    except Material.DoesNotExist:
        raise Http404 from None


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
