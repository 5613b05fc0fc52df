"""Review services: the period, comments and suggestions on paragraphs, their dispositions and
the adopted text written into the next edition."""

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import NotificationLog
from audit.models import AuditEntry
from core.errors import Refusal
from core.tasks import send_notifications
from reports import services
from reports.models import Edition, ParagraphReview, ParagraphReviewRevision, ReportChange
from reports.outputs.compare import compare_editions
from reports.review import services as review
from reports.review.notifications import REVIEW_CLOSING, REVIEW_OPEN, send_review_mail
from tests import factories
from tests.review.helpers import suggest, under_review

pytestmark = pytest.mark.django_db


def test_period_needs_a_shared_edition_and_an_ordered_window():
    s = under_review()
    draft = services.edition_create(
        report=s.report, kind="draft", meeting=s.meeting, by=s.secretariat
    )
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        review.review_period_set(
            edition=draft, opens_at=now, closes_at=now + dt.timedelta(days=1), by=s.secretariat
        )
    assert "opens_at" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        review.review_period_set(edition=s.edition, opens_at=now, closes_at=now, by=s.secretariat)
    assert "closes_at" in error.value.message_dict
    with pytest.raises(Refusal):
        review.review_period_set(
            edition=s.edition, opens_at=now, closes_at=now + dt.timedelta(days=1), by=s.a
        )


def test_comment_and_suggestion_inside_the_period_idempotent():
    s = under_review()
    token = uuid.uuid4()
    first = review.review_create(
        paragraph=s.p1,
        author=s.a,
        kind="comment",
        stance="concern",
        body="懸念です。",
        idempotency_token=token,
    )
    again = review.review_create(
        paragraph=s.p1,
        author=s.a,
        kind="comment",
        stance="concern",
        body="懸念です。",
        idempotency_token=token,
    )
    assert first.pk == again.pk and ParagraphReview.objects.count() == 1
    s2 = suggest(s, s.b, "第一段落を改めた。")
    assert s2.stance == "proposal" and s2.base_text == "第一段落。"
    with pytest.raises(ValidationError) as error:
        review.review_create(
            paragraph=s.p1, author=s.a, kind="comment", stance="proposal", body="x"
        )
    assert "stance" in error.value.message_dict


def test_closing_now_extending_and_refusals_outside_the_period():
    s = under_review()
    review.review_period_close_now(period=s.period, by=s.secretariat)
    with pytest.raises(Refusal) as refused:
        suggest(s, s.a, "閉じた後の修文。")
    assert "終了" in refused.value.message
    s.period.refresh_from_db()
    review.review_period_set(
        edition=s.edition,
        opens_at=s.period.opens_at,
        closes_at=timezone.now() + dt.timedelta(days=2),
        by=s.secretariat,
    )
    assert suggest(s, s.a, "延長後の修文。").pk
    assert ReportChange.objects.filter(model_name="reviewperiod").count() == 3


def test_unshared_edition_and_observers_are_refused():
    s = under_review()
    Edition.objects.filter(pk=s.edition.pk).update(status=Edition.Status.DRAFT)
    with pytest.raises(Refusal):
        suggest(s, s.a, "未共有の版への修文。")
    Edition.objects.filter(pk=s.edition.pk).update(status=Edition.Status.SHARED)
    with pytest.raises(Refusal):
        suggest(s, factories.observer(), "傍聴者の修文。")
    assert not ParagraphReview.objects.exists()


def test_stale_and_identical_suggestions_are_refused():
    s = under_review()
    loaded = s.p1.version
    services.paragraph_update(
        paragraph=s.p1, version=loaded, body="事務局が直した。", by=s.secretariat
    )
    with pytest.raises(review.StaleSuggestion) as stale:
        review.review_create(
            paragraph=s.p1,
            author=s.a,
            kind="suggestion",
            body="理由",
            suggested_text="新しい案",
            base_version=loaded,
        )
    assert stale.value.paragraph.body == "事務局が直した。"
    s.p1.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        suggest(s, s.a, "事務局が直した。")
    assert "suggested_text" in error.value.message_dict
    assert not ParagraphReview.objects.exists()


def test_edit_keeps_a_revision_delete_is_soft_and_others_cannot_edit():
    s = under_review()
    r = review.review_create(
        paragraph=s.p1, author=s.a, kind="comment", stance="concern", body="懸念"
    )
    review.review_update(review=r, by=s.a, body="やはり賛成", stance="support")
    rev = ParagraphReviewRevision.objects.get(review=r)
    assert (rev.body, rev.stance) == ("懸念", "concern")
    with pytest.raises(Refusal):
        review.review_update(review=r, by=s.b, body="他人", stance="support")
    review.review_delete(review=r, by=s.a)
    r.refresh_from_db()
    assert r.is_deleted
    hidden = review.review_hide(review=r, by=s.secretariat, reason="不適切")
    assert hidden.is_hidden


def test_dispositions_need_reasoning_except_adopted_and_apply_to_the_next_edition():
    s = under_review()
    adopted = suggest(s, s.a, "第一段落（改）。")
    declined = suggest(s, s.b, "全く別の段落。")
    with pytest.raises(ValidationError) as error:
        review.suggestion_dispose(
            review=declined, disposition="declined", reasoning="", by=s.secretariat
        )
    assert "reasoning" in error.value.message_dict
    review.suggestion_dispose(
        review=declined, disposition="declined", reasoning="趣旨は既に反映", by=s.secretariat
    )
    review.suggestion_dispose(review=adopted, disposition="adopted", reasoning="", by=s.secretariat)
    final = services.edition_create(
        report=s.report, kind="final", meeting=s.meeting, by=s.secretariat
    )
    p = final.paragraphs.get(number=s.p1.number)
    assert p.body == "第一段落（改）。"
    adopted.refresh_from_db()
    declined.refresh_from_db()
    assert adopted.applied_to_id == p.pk and declined.applied_to_id is None
    row = next(r for r in compare_editions(s.edition, final).rows if r.number == s.p1.number)
    assert row.state == "changed"


def test_adopting_after_the_next_edition_exists_applies_into_it():
    s = under_review()
    final = services.edition_create(
        report=s.report, kind="final", meeting=s.meeting, by=s.secretariat
    )
    r = suggest(s, s.a, "後から採用された文。")
    review.suggestion_dispose(review=r, disposition="adopted", reasoning="", by=s.secretariat)
    assert final.paragraphs.get(number=s.p1.number).body == "後から採用された文。"
    with pytest.raises(ValidationError):
        review.suggestion_dispose(
            review=r, disposition="declined", reasoning="戻す", by=s.secretariat
        )


def test_opening_and_reminder_mail_each_once_and_only_to_who_has_not_reviewed():
    s = under_review(days_left=1)
    review.review_create(paragraph=s.p1, author=s.a, kind="comment", stance="support", body="賛成")
    counts = send_review_mail()
    assert counts[REVIEW_OPEN] == 2 and counts[REVIEW_CLOSING] == 1
    reminded = NotificationLog.objects.get(kind=REVIEW_CLOSING)
    assert reminded.user == s.b
    assert send_review_mail() == {REVIEW_OPEN: 0, REVIEW_CLOSING: 0, "failed": 0}
    assert len(mail.outbox) == 3


def test_the_scheduled_notification_task_sends_the_review_mail_too():
    s = under_review(days_left=1)
    send_notifications(0)
    mine = NotificationLog.objects.filter(user=s.a, kind__startswith="review")
    assert sorted(mine.values_list("kind", flat=True)) == [REVIEW_CLOSING, REVIEW_OPEN]
    sent = len(mail.outbox)
    send_notifications(1)
    assert mine.count() == 2 and len(mail.outbox) == sent


def test_comparison_and_responses_table_name_the_adopted_suggestion():
    from reports.outputs.responses import response_rows

    s = under_review()
    adopted = suggest(s, s.a, "採用された修文。")
    declined = suggest(s, s.b, "採用されない修文。")
    review.suggestion_dispose(review=adopted, disposition="adopted", reasoning="", by=s.secretariat)
    review.suggestion_dispose(
        review=declined, disposition="declined", reasoning="趣旨は反映済み", by=s.secretariat
    )
    final = services.edition_create(
        report=s.report, kind="final", meeting=s.meeting, by=s.secretariat
    )
    row = next(r for r in compare_editions(s.edition, final).rows if r.number == s.p1.number)
    assert row.suggested_by == ["A委員"]
    rows = [r for r in response_rows(s.secretariat, s.edition) if r.comment_id == 0]
    assert [(r.member, r.kind, r.reasoning) for r in rows] == [
        ("A委員", "採用", ""),
        ("B委員", "不採用", "趣旨は反映済み"),
    ]
    assert rows[0].place and not rows[1].place


def test_hiding_is_audited_as_comment_moderation_and_can_be_undone():
    s = under_review()
    r = review.review_create(
        paragraph=s.p1, author=s.a, kind="comment", stance="concern", body="懸念"
    )
    with pytest.raises(Refusal):
        review.review_hide(review=r, by=s.a, reason="個人情報")
    with pytest.raises(ValidationError):
        review.review_hide(review=r, by=s.secretariat, reason="  ")
    review.review_hide(review=r, by=s.secretariat, reason="個人情報")
    review.review_unhide(review=r, by=s.secretariat)
    review.review_unhide(review=r, by=s.secretariat)  # already shown: nothing recorded
    entries = AuditEntry.objects.filter(action="moderate", object_model="paragraphreview")
    assert [(e.after, e.actor_id) for e in entries.order_by("id")] == [
        ({"hidden": True, "reason": "個人情報"}, s.secretariat.pk),
        ({"hidden": False}, s.secretariat.pk),
    ]
    r.refresh_from_db()
    assert not r.is_hidden and not r.hidden_reason
