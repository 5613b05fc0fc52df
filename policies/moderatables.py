"""The question comments on the moderation page (core.moderation): the recent comments with
their moderation events, hidden and shown again by policies.services (ModerationEvent and the
audit trail). Imported by PoliciesConfig.ready()."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.moderation import ModerationEntry, ModerationKind, ModerationRow, register
from policies.access import access_comment
from policies.digest import comments_for_moderation, recent_moderation_events
from policies.models import Comment, ModerationEvent
from policies.services import comment_hide, comment_unhide
from policies.templatetags.policies_markdown import comment_html


def _entry(event: ModerationEvent, *, linked: bool = False) -> ModerationEntry:
    entry = ModerationEntry(event.at, event.get_action_display(), event.reason, str(event.actor))
    if linked:
        entry.url = _url(event.comment)
        entry.label = f"{event.comment.question.code} #{event.comment_id}"
    return entry


def _url(comment: Comment) -> str:
    return (
        reverse("policies:question-detail", args=[comment.question_id]) + f"#comment-{comment.pk}"
    )


def _row(comment: Comment) -> ModerationRow:
    return ModerationRow(
        kind="comment",
        obj=comment,
        badge=comment.get_stance_display(),
        body_html=comment_html(comment),
        url=_url(comment),
        context=comment.question.label,
        history=[_entry(e) for e in comment.history],
    )


def _rows(user, hidden_only: bool) -> list[ModerationRow]:
    return [_row(c) for c in comments_for_moderation(user, hidden_only=hidden_only)]


def _one(user, pk) -> ModerationRow:
    comment = access_comment(user, pk)
    comment.history = list(
        ModerationEvent.objects.filter(comment=comment).select_related("actor").order_by("-at")
    )
    return _row(comment)


def _records(limit: int) -> list[ModerationEntry]:
    return [_entry(e, linked=True) for e in recent_moderation_events(limit)]


LABEL = _("Comments on questions")
# In ModerationKind's order: key, label, order, rows, row, hide, unhide, records.
KIND = ModerationKind("comment", LABEL, 10, _rows, _one, comment_hide, comment_unhide, _records)
register(KIND)
