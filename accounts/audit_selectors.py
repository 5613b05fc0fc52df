"""Reads of the audit trail: the filtered list the admins' page and its exports share."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts import roles
from audit.models import AuditEntry


@dataclass(frozen=True)
class AuditFilter:
    person: str = ""
    obj: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_entries(user, flt: AuditFilter) -> QuerySet[AuditEntry]:
    """Entries matching the filter, newest first. Admins only: anyone else gets nothing.

    person matches the name snapshot or the user id; obj matches "app.model", the pk or the
    object's text; dates are whole days in the site's time zone, both ends included.
    """
    if not roles.can_read_audit(user):
        return AuditEntry.objects.none()
    qs = AuditEntry.objects.all()
    if flt.person:
        match = Q(actor_name__icontains=flt.person)
        if flt.person.isdigit():
            match |= Q(actor_id=int(flt.person))
        qs = qs.filter(match)
    if flt.obj:
        app, _, model = flt.obj.partition(".")
        match = Q(object_repr__icontains=flt.obj) | Q(object_pk=flt.obj)
        if model:
            match |= Q(object_app=app, object_model=model)
        qs = qs.filter(match)
    if flt.action:
        qs = qs.filter(action=flt.action)
    if flt.date_from:
        qs = qs.filter(created_at__gte=_day_start(flt.date_from))
    if flt.date_to:
        qs = qs.filter(created_at__lt=_day_start(flt.date_to + timedelta(days=1)))
    return qs.order_by("-id")
