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


def audit_publication(*, actor, obj, before: dict | None, after: dict | None) -> None:
    """Record a publication or withdrawal when a write flips `is_published` (a no-op otherwise).

    For services that already keep their own history row: they pass its before/after here.
    """
    was = bool((before or {}).get("is_published"))
    now = bool((after or {}).get("is_published"))
    if was != now:
        audit_record(
            actor=actor,
            action=actions.PUBLISH if now else actions.UNPUBLISH,
            obj=obj,
            before={"is_published": was},
            after={"is_published": now},
        )
