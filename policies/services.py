"""Writes for members' comments: each service is one transaction and checks the rules itself.

The comment period is checked inside the transaction, after locking the question (and its
perspective) row and reading the clock, so a post racing the deadline, or a secretariat
moving the deadline, is decided in one order: a post that commits after the deadline is refused.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import can_comment, is_secretariat
from audit import actions
from audit.services import audit_record
from core.errors import Refusal
from policies import commenting
from policies.markdown import render_markdown
from policies.models import (
    Comment,
    DashboardVisit,
    Evidence,
    ModerationEvent,
    Question,
)
from policies.point_citations import cited_point, update_cited_point

# comment_update leaves the citation alone unless told otherwise.
UNCHANGED = object()


def clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your comment.")})
    if len(body) > Comment.BODY_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("A comment can be at most %(max)d characters.")
                % {"max": Comment.BODY_MAX_LENGTH}
            }
        )
    return body


def _clean_stance(stance: str) -> str:
    if stance not in Comment.Stance.values:
        raise ValidationError({"stance": _("Choose a stance.")})
    return stance


def _locked_question(question_id: int) -> Question:
    # Locks the question and its perspective: their periods cannot change under us.
    return (
        Question.objects.select_for_update(of=("self", "perspective"))
        .select_related("perspective")
        .get(pk=question_id)
    )


def _check_period(question: Question, now) -> None:
    commenting.check_period(
        question.period,
        now,
        not_open=_("Comments on this question are not open yet."),
        closed=_("The comment period for this question has ended."),
    )


def comment_create(
    *,
    question: Question,
    author,
    body: str,
    stance: str,
    parent: Comment | None = None,
    idempotency_token: uuid.UUID | str | None = None,
    cited_evidence: Evidence | None = None,
    cited_year: int | None = None,
) -> Comment:
    """Post a comment or a reply. Members, the secretariat and admins, inside the period.

    A reply to a reply is attached to the top-level comment (threads are two levels deep),
    so a quote of a reply still lands in the right conversation. The same author sending the
    same idempotency token again gets the first comment back instead of a second one.
    cited_evidence must be one of the question's own evidence items.
    """
    if not can_comment(author):
        raise Refusal(_("Only members and the secretariat can comment."))
    body = clean_body(body)
    stance = _clean_stance(stance)
    token = commenting.token_of(idempotency_token)

    with transaction.atomic():
        locked = _locked_question(question.pk)
        existing = commenting.stored_post(Comment, author, token)
        if existing is not None:
            return existing
        if not locked.is_published and not is_secretariat(author):
            raise Refusal(_("This question is not published."))
        now = timezone.now()
        _check_period(locked, now)
        parent = _reply_target(parent, locked)
        _check_citation(cited_evidence, locked)
        fields = {
            "body": body,
            "stance": stance,
            "cited_evidence": cited_evidence,
            "cited_point": cited_point(cited_evidence, cited_year),
        }
        return _insert_comment(locked, author, parent, token, now, fields)


def _reply_target(parent: Comment | None, question: Question) -> Comment | None:
    # A reply to a reply joins the top-level comment's thread (threads are two levels deep).
    if parent is None:
        return None
    parent = Comment.objects.select_related("parent").get(pk=parent.pk)
    if parent.parent_id is not None:
        parent = parent.parent
    if parent.question_id != question.pk:
        raise Refusal(_("You can only reply to a comment on the same question."))
    if not parent.is_shown:
        raise Refusal(_("This comment can no longer be replied to."))
    return parent


def _insert_comment(question, author, parent, token, now, fields: dict) -> Comment:
    def create() -> Comment:
        comment = Comment.objects.create(
            question=question,
            author=author,
            parent=parent,
            body_html=render_markdown(fields["body"]),
            created_at=now,
            activity_at=now,
            idempotency_token=token,
            **fields,
        )
        if parent is not None:
            Comment.objects.filter(pk=parent.pk).update(
                activity_at=Greatest(F("activity_at"), Value(now))
            )
        return comment

    # The same token may arrive twice at once through another question's lock.
    return commenting.insert_once(Comment, author=author, token=token, create=create)


def _check_citation(evidence: Evidence | None, question: Question) -> None:
    # Checked on the server whatever the form offered: a crafted post may name any id.
    if evidence is None:
        return
    if not Evidence.objects.filter(pk=evidence.pk, question_id=question.pk).exists():
        raise ValidationError(
            {"cited_evidence": _("Choose one of the evidence items linked to this question.")}
        )


def _locked_own_comment(comment: Comment, by) -> tuple[Comment, Question]:
    # Question first, then comment: the same lock order as comment_create.
    question = _locked_question(comment.question_id)
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    commenting.check_own(locked, by)
    return locked, question


def comment_update(
    *,
    comment: Comment,
    by,
    body: str,
    stance: str,
    cited_evidence=UNCHANGED,
    cited_year=UNCHANGED,
    version: str | None = None,
) -> Comment:
    """Edit one's own comment inside the period; the previous version becomes a revision.

    cited_evidence (an evidence item of the same question, or None to drop the citation) is
    left as it is when not given. version: the Comment.version the editor opened; refused
    (409) when the comment was saved again since, so one window never overwrites another.
    """
    body = clean_body(body)
    stance = _clean_stance(stance)
    with transaction.atomic():
        locked, question = _locked_own_comment(comment, by)
        now = timezone.now()
        _check_period(question, now)
        commenting.check_version(locked, version)
        if cited_evidence is not UNCHANGED:
            _check_citation(cited_evidence, question)
            new_id = cited_evidence.pk if cited_evidence is not None else None
            if new_id != locked.cited_evidence_id:
                locked.cited_evidence = cited_evidence
                locked.save(update_fields=["cited_evidence"])
        if cited_year is not UNCHANGED:
            update_cited_point(locked, cited_year)
        commenting.revise(locked, {"body": body, "stance": stance}, now)
        return locked


def comment_delete(*, comment: Comment, by) -> Comment:
    """Withdraw one's own comment inside the period.

    Soft: the row stays (marked deleted, shown as a placeholder) so replies to it keep their
    context and the secretariat's record of the deliberation stays whole.
    """
    with transaction.atomic():
        locked, question = _locked_own_comment(comment, by)
        now = timezone.now()
        _check_period(question, now)
        commenting.soft_delete(locked, now)
        return locked


def comment_hide(comment: Comment, *, by, reason: str) -> Comment:
    """Hide a comment (moderation). Secretariat and admins only, at any time; the body stays
    in the database and in exports, marked hidden. Records a ModerationEvent."""
    reason = commenting.hide_reason(by, reason)
    with transaction.atomic():
        locked, _previous = commenting.set_hidden(Comment, comment.pk, by=by, reason=reason)
        ModerationEvent.objects.create(
            comment=locked,
            action=ModerationEvent.Action.HIDE,
            reason=locked.hidden_reason,
            actor=by,
            at=locked.hidden_at,
        )
        return locked


def comment_unhide(comment: Comment, *, by) -> Comment:
    """Show a hidden comment again. Secretariat and admins only. Records a ModerationEvent
    (with the reason it had been hidden for, so the history reads on its own)."""
    with transaction.atomic():
        locked, previous = commenting.set_hidden(Comment, comment.pk, by=by, reason=None)
        if locked is None:
            return Comment.objects.get(pk=comment.pk)
        ModerationEvent.objects.create(
            comment=locked, action=ModerationEvent.Action.UNHIDE, reason=previous, actor=by
        )
        return locked


def dashboard_visit_record(*, user, now=None):
    """Remember that the user opened their dashboard now; returns the previous visit (or None).

    Any signed-in user; changes only their own visit row.
    """
    now = now or timezone.now()
    with transaction.atomic():
        visit = DashboardVisit.objects.select_for_update().filter(user=user).first()
        if visit is None:
            DashboardVisit.objects.create(user=user, seen_at=now)
            return None
        previous = visit.seen_at
        visit.seen_at = now
        visit.save(update_fields=["seen_at"])
        return previous


def _link(evidence: Evidence) -> dict:
    return {"question": evidence.question_id, "note": evidence.note}


def evidence_link(
    *,
    question: Question,
    by,
    series_direction: str = "",
    series_term: str = "",
    reference_topic: str = "",
    scheme=None,
    measure=None,
    note: str = "",
) -> Evidence:
    """Link one piece of evidence to a question, after the existing ones. Secretariat and
    admins only; exactly one target; the same target twice on a question is refused."""
    if not is_secretariat(by):
        raise Refusal(_("Only the secretariat can link evidence."))
    with transaction.atomic():
        locked = _locked_question(question.pk)
        last = (
            Evidence.objects.filter(question=locked)
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
        )
        target = {
            "series_direction": series_direction,
            "series_term": series_term,
            "reference_topic": reference_topic,
            "scheme": scheme,
            "measure": measure,
        }
        evidence = Evidence(
            question=locked,
            position=(last or 0) + 1,
            note=(note or "").strip()[:500],
            created_by=by,
            **target,
        )
        if Evidence.objects.filter(question=locked, **target).exists():
            raise ValidationError({"target": _("This item is already linked to the question.")})
        try:
            with transaction.atomic():
                evidence.save()
        except IntegrityError:
            # Lost a race with the same link, or no single target (the check constraint).
            raise ValidationError(
                {"target": _("Choose one item that is not linked to the question yet.")}
            ) from None
        audit_record(actor=by, action=actions.EVIDENCE_LINK, obj=evidence, after=_link(evidence))
        return evidence


def evidence_unlink(*, evidence: Evidence, by) -> None:
    """Remove an evidence link. Secretariat and admins only; refused while comments cite it
    (their citation would silently disappear)."""
    if not is_secretariat(by):
        raise Refusal(_("Only the secretariat can link evidence."))
    with transaction.atomic():
        _locked_question(evidence.question_id)
        if Comment.objects.filter(cited_evidence_id=evidence.pk).exists():
            raise Refusal(_("Comments cite this item, so it stays linked to the question."))
        audit_record(actor=by, action=actions.EVIDENCE_UNLINK, obj=evidence, before=_link(evidence))
        Evidence.objects.filter(pk=evidence.pk).delete()
