"""Writes of the review: the period, members' paragraph reviews, the secretariat's dispositions.

The same comment machinery as a question's comments (policies.commenting): the period is
decided inside the transaction after locking the edition and period rows and reading the clock;
the same author and idempotency token give the first review back; an edit keeps the previous
version as a revision; deleting is soft; hiding is the secretariat's, through the moderation
page (reports.review.moderation), audited as comment moderation. Refusals raise Refusal (403,
409; a stale base is the Refusal StaleSuggestion), bad input ValidationError (a dict naming
the field).
"""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import can_comment, is_secretariat
from core.errors import Refusal
from policies import commenting
from policies.markdown import render_markdown
from policies.models import Comment
from policies.services import clean_body
from reports.models import Edition, Paragraph, ReportChange
from reports.review.models import ParagraphReview, ReviewPeriod
from reports.services.history import log
from reports.services.suggestions import apply_to_next

Kind = ParagraphReview.Kind


class StaleSuggestion(Refusal):
    """The paragraph changed since the member loaded it (409); `paragraph` is the current one."""

    status = 409

    def __init__(self, paragraph: Paragraph):
        super().__init__(_("The paragraph was changed after you opened it: see it as it is now."))
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
        before = period.window._asdict()
        period.version += 1
    period.opens_at, period.closes_at = opens_at, closes_at
    period.save()
    action = ReportChange.Action.UPDATE if before else ReportChange.Action.CREATE
    after = period.window._asdict()
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
    before = locked.window._asdict()
    locked.closes_at = max(now, locked.opens_at + dt.timedelta(microseconds=1))
    locked.version += 1
    locked.save()
    after, action = locked.window._asdict(), ReportChange.Action.UPDATE
    log(obj=locked, edition_id=locked.edition_id, action=action, by=by, before=before, after=after)
    return locked


def _locked(edition_id: int) -> tuple[Edition, ReviewPeriod | None]:
    """Lock the edition and its period (inside the caller's transaction): a post and a moved
    deadline are decided in one order."""
    edition = Edition.objects.select_for_update().get(pk=edition_id)
    period = ReviewPeriod.objects.select_for_update().filter(edition_id=edition_id).first()
    return edition, period


def _check_open(edition: Edition, period: ReviewPeriod | None, now) -> None:
    """The comment period's rule, decided as for a question, after locking and reading now."""
    if edition.status != Edition.Status.SHARED:
        raise Refusal(_("This edition is not under review."))
    commenting.check_period(
        period.window if period else ReviewPeriod.NO_WINDOW,
        now,
        not_open=_("The review of this edition is not open yet."),
        closed=_("The review period of this edition has ended."),
    )


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


def _not_identical(text: str, current: str) -> None:
    if text and text.strip() == current.strip():
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
    raises StaleSuggestion; one identical to the paragraph is refused. The same token again
    gives the first review back (even once the period has closed)."""
    if not can_comment(author):
        raise Refusal(_("Only members and the secretariat can comment."))
    body = clean_body(body)
    stance, text = _clean(kind, stance, suggested_text)
    token = commenting.token_of(idempotency_token)
    with transaction.atomic():
        edition, period = _locked(paragraph.edition_id)
        existing = commenting.stored_post(ParagraphReview, author, token)
        if existing is not None:
            return existing
        now = timezone.now()
        _check_open(edition, period, now)
        current = Paragraph.objects.select_for_update().get(pk=paragraph.pk)
        if kind == Kind.SUGGESTION:
            if base_version is not None and int(base_version) != current.version:
                raise StaleSuggestion(current)
            _not_identical(text, current.body)

        def create() -> ParagraphReview:
            return ParagraphReview.objects.create(
                paragraph=current,
                author=author,
                kind=kind,
                stance=stance,
                body=body,
                body_html=render_markdown(body),
                suggested_text=text,
                base_text=current.body if text else "",
                created_at=now,
                idempotency_token=token,
            )

        return commenting.insert_once(ParagraphReview, author=author, token=token, create=create)


def _locked_own(review: ParagraphReview, by, now) -> ParagraphReview:
    # Edition and period first, then the review: the same lock order as review_create.
    edition_id = Paragraph.objects.values_list("edition_id", flat=True).get(pk=review.paragraph_id)
    _check_open(*_locked(edition_id), now)
    locked = ParagraphReview.objects.select_for_update().get(pk=review.pk)
    commenting.check_own(locked, by)
    if locked.disposition:
        raise Refusal(_("The secretariat has already answered this suggestion."))
    return locked


def review_update(
    *,
    review: ParagraphReview,
    by,
    body: str,
    stance: str = "",
    suggested_text: str = "",
    version: str | None = None,
) -> ParagraphReview:
    """Edit one's own review inside the period; the previous version becomes a revision.
    version: the review's version the editor opened (a save since then makes it stale, 409)."""
    body = clean_body(body)
    stance, text = _clean(review.kind, stance, suggested_text)
    with transaction.atomic():
        now = timezone.now()
        locked = _locked_own(review, by, now)
        commenting.check_version(locked, version)
        _not_identical(text, locked.base_text)
        changes = {"body": body, "stance": stance, "suggested_text": text}
        commenting.revise(locked, changes, now)
        return locked


def review_delete(*, review: ParagraphReview, by) -> ParagraphReview:
    """Withdraw one's own review inside the period (soft, as a question's comment)."""
    with transaction.atomic():
        now = timezone.now()
        locked = _locked_own(review, by, now)
        commenting.soft_delete(locked, now)
        return locked


def review_hide(review: ParagraphReview, *, by, reason: str) -> ParagraphReview:
    """Secretariat: hide a review (moderation) at any time, with a reason; audited as comment
    moderation, the reason in the audit entry."""
    reason = commenting.hide_reason(by, reason)
    with transaction.atomic():
        locked, _previous = commenting.set_hidden(ParagraphReview, review.pk, by=by, reason=reason)
        return locked


def review_unhide(review: ParagraphReview, *, by) -> ParagraphReview:
    """Secretariat: show a hidden review again (a visible one is left as it is)."""
    with transaction.atomic():
        locked, _previous = commenting.set_hidden(ParagraphReview, review.pk, by=by, reason=None)
        return locked or ParagraphReview.objects.get(pk=review.pk)


# --- Dispositions --------------------------------------------------------------------------


def _clean_disposition(locked: ParagraphReview, disposition: str, reasoning: str) -> str:
    if not locked.is_suggestion or locked.is_deleted:
        raise ValidationError({"disposition": _("Only a wording suggestion gets a disposition.")})
    if disposition not in ParagraphReview.Disposition.values:
        raise ValidationError({"disposition": _("Choose a disposition.")})
    reasoning = (reasoning or "").strip()
    if disposition != ParagraphReview.Disposition.ADOPTED and not reasoning:
        raise ValidationError({"reasoning": _("Write the secretariat's reasoning.")})
    if locked.applied_to_id and disposition != ParagraphReview.Disposition.ADOPTED:
        raise ValidationError({"disposition": _("This suggestion is already in the next edition.")})
    return reasoning[:4000]


@transaction.atomic
def suggestion_dispose(
    *, review: ParagraphReview, disposition: str, reasoning: str, by
) -> ParagraphReview:
    """Secretariat: 採用 / 一部採用 / 不採用 (考え方 required except 採用). An adopted suggestion
    is written into the next edition's paragraph at once when that edition exists (else when it
    is made, see reports.services.suggestions)."""
    _secretariat(by)
    locked = ParagraphReview.objects.select_for_update().get(pk=review.pk)
    reasoning = _clean_disposition(locked, disposition, reasoning)
    before = {"disposition": locked.disposition, "reasoning": locked.reasoning}
    locked.disposition, locked.reasoning = disposition, reasoning
    locked.disposed_by, locked.disposed_at = by, timezone.now()
    locked.save(update_fields=["disposition", "reasoning", "disposed_by", "disposed_at"])
    edition_id = Paragraph.objects.values_list("edition_id", flat=True).get(pk=locked.paragraph_id)
    after = {"disposition": disposition, "reasoning": reasoning}
    action = ReportChange.Action.UPDATE
    log(obj=locked, edition_id=edition_id, action=action, by=by, before=before, after=after)
    if disposition == ParagraphReview.Disposition.ADOPTED:
        nxt = Edition.objects.filter(previous_id=edition_id).first()
        if nxt is not None:
            apply_to_next(source_edition_id=edition_id, target=nxt, by=by)
            locked.refresh_from_db()
    return locked
