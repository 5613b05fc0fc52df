"""The comment machinery every commentable thing shares (a question's comments, a report
paragraph's reviews): the period decided inside the caller's locked transaction, posts made
idempotent by the author's token, own-text checks, edits kept as revisions, and hiding.

A commentable model has author, body, body_html, stance, created_at, edited_at, deleted_at,
the hiding fields, idempotency_token (unique per author) and a `revisions` relation whose rows
keep the edited fields plus written_at and replaced_at. The callers lock their own target
(the question, the edition) first; these helpers never pick a lock order of their own.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import can_comment, is_secretariat
from audit import actions
from audit.services import audit_record
from core.errors import Refusal
from policies.markdown import render_markdown
from policies.models import CommentPeriod

HIDDEN_FIELDS = ["is_hidden", "hidden_reason", "hidden_by", "hidden_at"]


def token_of(value) -> uuid.UUID:
    """The post's idempotency token (a fresh one when the form sent none)."""
    return uuid.UUID(str(value)) if value else uuid.uuid4()


def check_period(period: CommentPeriod, now, *, not_open: str, closed: str) -> None:
    """Refuse a write outside [opens_at, closes_at). Call it after locking the row the period
    lives on and reading the clock, so a post racing the deadline is decided in one order."""
    state = period.state(now)
    if state in (CommentPeriod.NOT_SET, CommentPeriod.UPCOMING):
        raise Refusal(not_open)
    if state == CommentPeriod.CLOSED:
        raise Refusal(closed)


def stored_post(model, author, token: uuid.UUID):
    """The post this author already sent with this token (a resend gets it back), or None."""
    return model.objects.filter(author=author, idempotency_token=token).first()


def insert_once(model, *, author, token: uuid.UUID, create):
    """Run create() (which inserts the row) once per author and token: the same token arriving
    twice at once, past each other's locks, gets the first row back."""
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        return model.objects.get(author=author, idempotency_token=token)


def check_own(locked, by) -> None:
    """Only the author, still allowed to comment, changes a live, visible post."""
    if locked.author_id != by.pk or not can_comment(by):
        raise Refusal(_("You can only change your own comments."))
    if locked.deleted_at is not None:
        raise Refusal(_("This comment has been deleted."))
    if locked.is_hidden:
        raise Refusal(_("This comment was hidden by the secretariat."))


def check_version(locked, version: str | None) -> None:
    """An edit opened on an older text (policies.models.text_version) is refused (409)."""
    if version and version != locked.version:
        raise Refusal(
            _("This comment was changed in another window since you opened it."), status=409
        )


def revise(locked, changes: dict, now) -> bool:
    """Write the edited fields (body among them) and keep the previous version as a revision.
    Nothing is written when nothing changed; returns whether it was."""
    if all(getattr(locked, name) == value for name, value in changes.items()):
        return False
    locked.revisions.create(
        **{name: getattr(locked, name) for name in changes},
        written_at=locked.edited_at or locked.created_at,
        replaced_at=now,
    )
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.body_html, locked.edited_at = render_markdown(locked.body), now
    locked.save(update_fields=[*changes, "body_html", "edited_at"])
    return True


def soft_delete(locked, now) -> None:
    locked.deleted_at = now
    locked.save(update_fields=["deleted_at"])


def hide_reason(by, reason: str) -> str:
    """The secretariat's reason for hiding, checked before anything is locked."""
    if not is_secretariat(by):
        raise Refusal(_("Only the secretariat can hide comments."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for hiding this comment.")})
    return reason[:300]


def set_hidden(model, pk: int, *, by, reason: str | None):
    """Hide (reason given) or show again (reason None) the locked row, audited as comment
    moderation with before/after and the reason on the hidden side. Returns (row, previous
    reason); row None: showing a visible one."""
    if reason is None and not is_secretariat(by):
        raise Refusal(_("Only the secretariat can hide comments."))
    locked = model.objects.select_for_update().get(pk=pk)
    previous = locked.hidden_reason
    if reason is None and not locked.is_hidden:
        return None, previous
    hiding = reason is not None
    locked.is_hidden, locked.hidden_reason = hiding, reason or ""
    locked.hidden_by, locked.hidden_at = (by, timezone.now()) if hiding else (None, None)
    locked.save(update_fields=HIDDEN_FIELDS)
    was, now = {"hidden": not hiding}, {"hidden": hiding}
    (now if hiding else was)["reason"] = locked.hidden_reason if hiding else previous
    audit_record(actor=by, action=actions.MODERATE, obj=locked, before=was, after=now)
    return locked, previous
