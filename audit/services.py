"""The one write of the audit trail: audit_record, serialised so the chain never forks."""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from audit import actions
from audit.chain import GENESIS, digest
from audit.models import AuditEntry

# pg_advisory_xact_lock key: any constant unique to this app ("audit" in ASCII).
LOCK_KEY = 0x6175646974


def _jsonable(value: Any) -> Any:
    """What the JSONB column will give back, so the hash computed now matches it later."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _actor(actor) -> tuple[int | None, str]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, ""
    return actor.pk, str(actor)[:200]


def _object(obj) -> dict[str, str]:
    if obj is None:
        return {}
    meta = obj._meta
    return {
        "object_app": meta.app_label,
        "object_model": meta.model_name,
        "object_pk": "" if obj.pk is None else str(obj.pk),
        "object_repr": str(obj)[:300],
    }


def audit_record(
    *,
    actor,
    action: str,
    obj=None,
    before: dict | None = None,
    after: dict | None = None,
    request=None,
) -> AuditEntry:
    """Append one entry. Anyone's code may call it, inside or outside its own transaction.

    `actor` is the user who acted (None or anonymous for a failed sign-in); `obj` the model
    instance acted on; `before`/`after` JSON-able values. A transaction-scoped advisory lock
    makes concurrent writers queue, so each entry links to the one truly before it. When
    called inside a caller's transaction the entry commits or rolls back with that write.
    """
    actor_id, actor_name = _actor(actor)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        entry = AuditEntry(
            created_at=timezone.now(),
            actor_id=actor_id,
            actor_name=actor_name,
            action=action,
            before=_jsonable(before),
            after=_jsonable(after),
            ip=_client_ip(request),
            prev_hash=last or GENESIS,
            hash="pending",
            **_object(obj),
        )
        entry.save()
        entry.hash = digest(entry)
        AuditEntry.objects.filter(pk=entry.pk).update(hash=entry.hash)
    return entry


# What a write's values mean besides a change: a publication (a flag turning on, or a status
# becoming "published": report editions, proceedings records, 書面審議 results; turning back
# is a withdrawal) or a moderation (hidden, shown again). key: (on, off, whether a value is on).
FLIPS = {
    "is_published": (actions.PUBLISH, actions.UNPUBLISH, bool),
    "comments_published": (actions.PUBLISH, actions.UNPUBLISH, bool),
    "status": (actions.PUBLISH, actions.UNPUBLISH, lambda value: value == "published"),
    "hidden": (actions.MODERATE, actions.MODERATE, bool),
}


def _shown(key: str, value):
    return value if key == "status" else bool(value)


def audit_publication(*, actor, obj, before: dict | None, after: dict | None) -> None:
    """Record each publication, withdrawal or moderation a write makes (none: no entry).

    For services that already keep their own history row: they pass its before/after here.
    """
    before, after = before or {}, after or {}
    for key, (on, off, is_on) in FLIPS.items():
        if key not in after or is_on(before.get(key)) == is_on(after[key]):
            continue
        was, now = before.get(key), after[key]
        why = {"reason": after["reason"]} if "reason" in after else {}
        audit_record(
            actor=actor,
            action=on if is_on(now) else off,
            obj=obj,
            before={key: _shown(key, was)},
            after={key: _shown(key, now), **why},
        )


def audit_change(*, actor, obj, change: str, before: dict | None, after: dict | None) -> None:
    """A write a service also keeps in its own history (committee's ChangeLog, reports'
    ReportChange): one CHANGE entry with the history row's before/after, and one entry per
    publication, withdrawal or moderation it makes. The one call every history writer makes."""
    audit_record(
        actor=actor,
        action=actions.CHANGE,
        obj=obj,
        before=before,
        after={"change": change, **(after or {})},
    )
    audit_publication(actor=actor, obj=obj, before=before, after=after)
