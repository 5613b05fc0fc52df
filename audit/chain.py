"""The hash chain: the canonical content of an entry, its digest, and the walk that checks it."""

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

from audit.models import AuditEntry

GENESIS = "0" * 64
# The fields a hash covers, in order; the id is included so rows cannot be swapped around.
HASHED_FIELDS = (
    "id",
    "created_at",
    "actor_id",
    "actor_name",
    "action",
    "object_app",
    "object_model",
    "object_pk",
    "object_repr",
    "before",
    "after",
    "ip",
    "prev_hash",
)


def canonical(entry: AuditEntry) -> bytes:
    """One byte string per entry, stable across a database round trip (sorted keys, UTC)."""
    content = {name: getattr(entry, name) for name in HASHED_FIELDS}
    content["created_at"] = entry.created_at.astimezone(UTC).isoformat(timespec="microseconds")
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def digest(entry: AuditEntry) -> str:
    return hashlib.sha256(canonical(entry)).hexdigest()


@dataclass(frozen=True)
class Break:
    entry_id: int
    reason: str


def verify(batch_size: int = 2000) -> tuple[int, Break | None]:
    """Walk every entry oldest first; return how many were checked and the first break, if any."""
    previous = GENESIS
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch_size):
        if entry.prev_hash != previous:
            return checked, Break(entry.pk, "previous hash does not match the entry before")
        if digest(entry) != entry.hash:
            return checked, Break(entry.pk, "content does not match its hash")
        previous = entry.hash
        checked += 1
    return checked, None
