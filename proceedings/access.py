"""Lookups with permission: missing and forbidden give the same 404."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.roles import is_member, is_secretariat
from committee.access import visible_meetings
from proceedings.models import Attendance, Confirmation, Correction, Deliberation, Record, Statement


def _secretariat_only(user, queryset, pk: int):
    if not is_secretariat(user):
        raise Http404
    return get_object_or_404(queryset, pk=pk)


def _visible_one(user, visible, pk: int, *, for_write: bool):
    """Row `pk` of `visible(user)`, 404 when missing or not visible; for_write: the secretariat."""
    if for_write and not is_secretariat(user):
        raise Http404
    row = visible(user).filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def access_attendance(user, pk: int) -> Attendance:
    """A roster row; only the secretariat records attendance."""
    return _secretariat_only(user, Attendance.objects.select_related("meeting"), pk)


def visible_records(user):
    """Records the user may read: drafts and records out for confirmation only for the
    secretariat; published ones of published meetings for everyone."""
    records = Record.objects.select_related("meeting")
    if is_secretariat(user):
        return records
    return records.filter(status=Record.Status.PUBLISHED, meeting__in=visible_meetings(user))


def access_record(user, pk: int, *, for_write: bool = False) -> Record:
    """A record the user may read (visible_records); for_write: the secretariat."""
    return _visible_one(user, visible_records, pk, for_write=for_write)


def access_confirmation(user, pk: int) -> Record:
    """A record out for confirmation, for a member the secretariat asked to confirm it."""
    record = Record.objects.select_related("meeting").filter(pk=pk).first()
    if (
        record is None
        or not is_member(user)
        or record.status == Record.Status.DRAFT
        or not Confirmation.objects.filter(record=record, member=user).exists()
    ):
        raise Http404
    return record


def access_own_statement(user, pk: int) -> Statement:
    """A statement the user spoke, in a record they were asked to confirm."""
    statement = (
        Statement.objects.select_related("record__meeting")
        .filter(pk=pk, speaker_kind=Statement.Speaker.MEMBER, speaker_user=user)
        .first()
    )
    if statement is None or not is_member(user):
        raise Http404
    access_confirmation(user, statement.record_id)
    return statement


def access_correction(user, pk: int) -> Correction:
    """A proposed correction; only the secretariat decides."""
    return _secretariat_only(user, Correction.objects.select_related("statement__record"), pk)


def visible_deliberations(user):
    """The secretariat sees every proposal; members those put to them; others (and members)
    the published results of published meetings."""
    qs = Deliberation.objects.select_related("meeting")
    if is_secretariat(user):
        return qs
    published = qs.filter(status=Deliberation.Status.PUBLISHED, meeting__in=visible_meetings(user))
    if is_member(user):
        return qs.filter(pk__in=published.values("pk")) | qs.exclude(
            status=Deliberation.Status.DRAFT
        ).filter(roster__contains=[user.pk])
    return published


def access_deliberation(user, pk: int, *, for_write: bool = False) -> Deliberation:
    """A deliberation the user may read (visible_deliberations); for_write: the secretariat."""
    return _visible_one(user, visible_deliberations, pk, for_write=for_write)
