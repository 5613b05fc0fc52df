"""Writes of the review: the period, members' paragraph reviews, the secretariat's dispositions.

The same rules as a question's comments (policies.services), on a different target: the period
is decided inside the transaction after locking the period row and reading the clock; the same
author and idempotency token give the first review back; an edit keeps the previous version;
deleting is soft; hiding is the secretariat's. Refusals raise policies' Refusal (views
answer 403), bad input ValidationError (a dict naming the field), a stale base StaleSuggestion.
"""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import can_comment, is_secretariat
from core.errors import Refusal
from policies.markdown import render_markdown
from policies.models import Comment
from policies.services import clean_body
from reports.models import Edition, Paragraph, ReportChange
from reports.review.models import ParagraphReview, ParagraphReviewRevision, ReviewPeriod
from reports.services.history import log
from reports.services.suggestions import apply_to_next

Kind = ParagraphReview.Kind


class StaleSuggestion(Exception):
    """The paragraph changed since the member loaded it; `paragraph` is the current one."""

    def __init__(self, paragraph: Paragraph):
        super().__init__("stale paragraph")
        self.paragraph = paragraph


def _secretariat(by) -> None:
    if not is_secretariat(by):
        raise Refusal(_("Only the secretariat can do this."))


# --- The period ----------------------------------------------------------------------------


@transaction.atomic
def review_period_set(*, edition: Edition, opens_at, closes_at, by) -> ReviewPeriod:
    """Secretariat: open (or move: extend) the review period of a shared edition."""
    _secretariat(by)
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.status != Edition.Status.SHARED:
        raise ValidationError({"opens_at": _("Share the edition with members first.")})
    if opens_at is None or closes_at is None:
        raise ValidationError({"closes_at": _("Give when the review opens and closes.")})
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The review must close after it opens.")})
    period = ReviewPeriod.objects.select_for_update().filter(edition=locked).first()
    before = None
    if period is None:
        period = ReviewPeriod(edition=locked)
    else:
        before = {"opens_at": period.opens_at, "closes_at": period.closes_at}
        period.version += 1
    period.opens_at, period.closes_at = opens_at, closes_at
    period.save()
    action = ReportChange.Action.UPDATE if before else ReportChange.Action.CREATE
    after = {"opens_at": opens_at, "closes_at": closes_at}
    log(obj=period, edition_id=locked.pk, action=action, by=by, before=before, after=after)
    return period


@transaction.atomic
def review_period_close_now(*, period: ReviewPeriod, by) -> ReviewPeriod:
    """Secretariat: end the review now (posts committing after this are refused)."""
    _secretariat(by)
    locked = ReviewPeriod.objects.select_for_update().get(pk=period.pk)
    now = timezone.now()
    if locked.closes_at <= now:
        return locked
    before = {"opens_at": locked.opens_at, "closes_at": locked.closes_at}
    locked.closes_at = max(now, locked.opens_at + dt.timedelta(microseconds=1))
    locked.version += 1
    locked.save()
    after = {"opens_at": locked.opens_at, "closes_at": locked.closes_at}
    log(
        obj=locked,
        edition_id=locked.edition_id,
        action=ReportChange.Action.UPDATE,
        by=by,
        before=before,
        after=after,
    )
    return locked


def _open_period(edition_id: int, author) -> ReviewPeriod:
    """Lock the edition's period and check it is open now (inside the caller's transaction)."""
    edition = Edition.objects.select_for_update().get(pk=edition_id)
    if edition.status != Edition.Status.SHARED:
        raise Refusal(_("This edition is not under review."))
    period = ReviewPeriod.objects.select_for_update().filter(edition_id=edition_id).first()
    now = timezone.now()
    if period is None or now < period.opens_at:
        raise Refusal(_("The review of this edition is not open yet."))
    if not period.is_open(now):
        raise Refusal(_("The review period of this edition has ended."))
    return period


# --- Reviews -------------------------------------------------------------------------------


def _clean(kind: str, stance: str, suggested_text: str) -> tuple[str, str]:
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose a comment or a wording suggestion.")})
    if kind == Kind.SUGGESTION:
        text = (suggested_text or "").strip()
        if not text:
            raise ValidationError({"suggested_text": _("Write the wording you suggest.")})
        if len(text) > Paragraph.BODY_MAX_LENGTH:
            raise ValidationError({"suggested_text": _("The suggested text is too long.")})
        return Comment.Stance.PROPOSAL, text
    if stance not in ParagraphReview.COMMENT_STANCES:
        raise ValidationError({"stance": _("Choose a stance.")})
    return stance, ""


def _check_base(paragraph: Paragraph, base_version: int | None, text: str) -> None:
    if base_version is not None and int(base_version) != paragraph.version:
        raise StaleSuggestion(paragraph)
    if text.strip() == paragraph.body.strip():
        raise ValidationError(
            {"suggested_text": _("The suggested text is the same as the paragraph.")}
        )


def review_create(
    *,
    paragraph: Paragraph,
    author,
    kind: str,
    body: str,
    stance: str = "",
    suggested_text: str = "",
    base_version: int | None = None,
    idempotency_token: uuid.UUID | str | None = None,
) -> ParagraphReview:
    """A member (or the secretariat) comments on a paragraph or suggests a wording, inside the
    edition's review period. A suggestion against a paragraph changed since `base_version`
    raises StaleSuggestion; one identical to the paragraph is refused."""
    if not can_comment(author):
        raise Refusal(_("Only members and the secretariat can comment."))
    body = clean_body(body)
    stance, text = _clean(kind, stance, suggested_text)
    token = uuid.UUID(str(idempotency_token)) if idempotency_token else uuid.uuid4()
    with transaction.atomic():
        _open_period(paragraph.edition_id, author)
        existing = ParagraphReview.objects.filter(author=author, idempotency_token=token).first()
        if existing is not None:
            return existing
        current = Paragraph.objects.select_for_update().get(pk=paragraph.pk)
        if kind == Kind.SUGGESTION:
            _check_base(current, base_version, text)
        try:
            with transaction.atomic():
                return ParagraphReview.objects.create(
                    paragraph=current,
                    author=author,
                    kind=kind,
                    stance=stance,
                    body=body,
                    body_html=render_markdown(body),
                    suggested_text=text,
                    base_text=current.body if text else "",
                    created_at=timezone.now(),
                    idempotency_token=token,
                )
        except IntegrityError:
            return ParagraphReview.objects.get(author=author, idempotency_token=token)


def _locked_own(review: ParagraphReview, by) -> ParagraphReview:
    paragraph = Paragraph.objects.only("edition_id").get(pk=review.paragraph_id)
    _open_period(paragraph.edition_id, by)
    locked = ParagraphReview.objects.select_for_update().get(pk=review.pk)
    if locked.author_id != by.pk or not can_comment(by):
        raise Refusal(_("You can only change your own comments."))
    if locked.is_deleted:
        raise Refusal(_("This comment has been deleted."))
    if locked.is_hidden:
        raise Refusal(_("This comment was hidden by the secretariat."))
    if locked.disposition:
        raise Refusal(_("The secretariat has already answered this suggestion."))
    return locked


def review_update(
    *, review: ParagraphReview, by, body: str, stance: str = "", suggested_text: str = ""
) -> ParagraphReview:
    """Edit one's own review inside the period; the previous version becomes a revision."""
    body = clean_body(body)
    stance, text = _clean(review.kind, stance, suggested_text)
    with transaction.atomic():
        locked = _locked_own(review, by)
        if text and text.strip() == locked.base_text.strip():
            raise ValidationError(
                {"suggested_text": _("The suggested text is the same as the paragraph.")}
            )
        if (body, stance, text) == (locked.body, locked.stance, locked.suggested_text):
            return locked
        now = timezone.now()
        ParagraphReviewRevision.objects.create(
            review=locked,
            body=locked.body,
            stance=locked.stance,
            suggested_text=locked.suggested_text,
            written_at=locked.edited_at or locked.created_at,
            replaced_at=now,
        )
        locked.body, locked.stance, locked.suggested_text = body, stance, text
        locked.body_html, locked.edited_at = render_markdown(body), now
        locked.save(update_fields=["body", "body_html", "stance", "suggested_text", "edited_at"])
        return locked


def review_delete(*, review: ParagraphReview, by) -> ParagraphReview:
    """Withdraw one's own review inside the period (soft, as a question's comment)."""
    with transaction.atomic():
        locked = _locked_own(review, by)
        locked.deleted_at = timezone.now()
        locked.save(update_fields=["deleted_at"])
        return locked


@transaction.atomic
def review_hide(*, review: ParagraphReview, by, reason: str) -> ParagraphReview:
    """Secretariat: hide a review (moderation) at any time, with a reason."""
    _secretariat(by)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for hiding this comment.")})
    locked = ParagraphReview.objects.select_for_update().get(pk=review.pk)
    locked.is_hidden, locked.hidden_reason = True, reason[:300]
    locked.hidden_by, locked.hidden_at = by, timezone.now()
    locked.save(update_fields=["is_hidden", "hidden_reason", "hidden_by", "hidden_at"])
    edition_id = Paragraph.objects.values_list("edition_id", flat=True).get(pk=locked.paragraph_id)
    # The moderation record (policies' ModerationEvent belongs to question comments).
    log(
        obj=locked,
        edition_id=edition_id,
        action=ReportChange.Action.UPDATE,
        by=by,
        after={"hidden": True, "reason": locked.hidden_reason},
    )
    return locked


# --- Dispositions --------------------------------------------------------------------------


@transaction.atomic
def suggestion_dispose(
    *, review: ParagraphReview, disposition: str, reasoning: str, by
) -> ParagraphReview:
    """Secretariat: 採用 / 一部採用 / 不採用 (考え方 required except 採用). An adopted suggestion
    is written into the next edition's paragraph at once when that edition exists (else when it
    is made, see reports.services.suggestions)."""
    _secretariat(by)
    locked = ParagraphReview.objects.select_for_update().get(pk=review.pk)
    if not locked.is_suggestion or locked.is_deleted:
        raise ValidationError({"disposition": _("Only a wording suggestion gets a disposition.")})
    if disposition not in ParagraphReview.Disposition.values:
        raise ValidationError({"disposition": _("Choose a disposition.")})
    reasoning = (reasoning or "").strip()
    if disposition != ParagraphReview.Disposition.ADOPTED and not reasoning:
        raise ValidationError({"reasoning": _("Write the secretariat's reasoning.")})
    if locked.applied_to_id and disposition != ParagraphReview.Disposition.ADOPTED:
        raise ValidationError({"disposition": _("This suggestion is already in the next edition.")})
    before = {"disposition": locked.disposition, "reasoning": locked.reasoning}
    locked.disposition, locked.reasoning = disposition, reasoning[:4000]
    locked.disposed_by, locked.disposed_at = by, timezone.now()
    locked.save(update_fields=["disposition", "reasoning", "disposed_by", "disposed_at"])
    edition_id = Paragraph.objects.values_list("edition_id", flat=True).get(pk=locked.paragraph_id)
    log(
        obj=locked,
        edition_id=edition_id,
        action=ReportChange.Action.UPDATE,
        by=by,
        before=before,
        after={"disposition": disposition, "reasoning": locked.reasoning},
    )
    if disposition == ParagraphReview.Disposition.ADOPTED:
        nxt = Edition.objects.filter(previous_id=edition_id).first()
        if nxt is not None:
            apply_to_next(source_edition_id=edition_id, target=nxt, by=by)
            locked.refresh_from_db()
    return locked
