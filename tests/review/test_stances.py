"""Where the committee stands: latest stance per member and meeting window, from comments,
replies, revisions and paragraph reviews; changes flagged; left-out count; who sees which row;
constant queries; XLSX read back."""

import datetime as dt
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.roles import is_chair
from core.exports import XLSX_CONTENT_TYPE
from policies.models import Comment, CommentRevision
from reports.models import ParagraphReview
from reports.review.access import sees_all_stances
from reports.review.stances import standing
from tests import factories
from tests.policies.factories import CommentFactory
from tests.reports.factories import logged_in
from tests.review.helpers import under_review

pytestmark = pytest.mark.django_db


def _at(meeting, days_before=1):
    return meeting.starts_at - dt.timedelta(days=days_before)


def _world():
    start = timezone.now() - dt.timedelta(days=200)
    meetings = {}
    for i, n in enumerate((5, 6, 7, 8)):
        meetings[n] = factories.MeetingFactory(
            number=n, starts_at=start + dt.timedelta(days=40 * i), is_published=True
        )
    s = under_review(meeting=meetings[7])
    s.meetings = meetings
    return s


def _comment(s, author, stance, at, **kw):
    c = CommentFactory(question=s.q1, author=author, stance=stance, **kw)
    Comment.objects.filter(pk=c.pk).update(created_at=at, activity_at=at)
    c.refresh_from_db()
    return c


def _review(s, author, stance, at):
    r = ParagraphReview.objects.create(
        paragraph=s.p1,
        author=author,
        kind="comment",
        stance=stance,
        body="賛成",
        idempotency_token=uuid.uuid4(),
    )
    ParagraphReview.objects.filter(pk=r.pk).update(created_at=at)
    return r


def test_latest_stance_per_window_with_changes_and_left_out():
    s = _world()
    m = s.meetings
    _comment(s, s.b, "concern", _at(m[6]))
    # An edit: concern until the edit before 第7回, support after (a revision holds the old one).
    edited = _comment(s, s.a, "support", _at(m[5]))
    CommentRevision.objects.create(
        comment=edited, body="x", stance="concern", written_at=_at(m[5]), replaced_at=_at(m[7])
    )
    Comment.objects.filter(pk=edited.pk).update(edited_at=_at(m[7]))
    # A reply counts as its author's stance at that time; a deleted one is left out.
    parent = _comment(s, s.a, "question", _at(m[5], 3))
    _comment(s, s.a, "proposal", _at(m[5], 2), deleted_at=timezone.now())
    _comment(s, s.a, "question", _at(m[6], 2), parent=parent)
    # member_b's paragraph review on a paragraph answering q1 before 第8回.
    _review(s, s.b, "support", _at(m[8]))
    grid = standing(s.secretariat, question=s.q1).grids[0]
    rows = {str(row.member): row.cells for row in grid.rows}
    assert [c.label for c in rows["A委員"]] == ["懸念", "質問", "支持", ""]
    assert [c.changed_from_label for c in rows["A委員"]] == ["", "懸念", "質問", ""]
    assert [c.label for c in rows["B委員"]] == ["", "懸念", "", "支持"]
    assert rows["B委員"][3].changed_from_label == "懸念"
    assert grid.left_out == 1
    assert grid.counts[1] == [("懸念", 1), ("質問", 1)]


def test_members_see_their_row_the_chair_and_secretariat_all_observers_nothing():
    s = _world()
    _comment(s, s.b, "concern", _at(s.meetings[6]))
    own = standing(s.a, question=s.q1).grids[0]
    assert [str(r.member) for r in own.rows] == ["A委員"]
    s.a.is_chair = True
    s.a.save(update_fields=["is_chair"])
    assert len(standing(s.a, question=s.q1).grids[0].rows) == 2
    url = reverse("reports:stance-grid", args=[s.q1.pk])
    assert logged_in(factories.observer()).get(url).status_code == 404
    html = logged_in(s.b).get(url).content.decode()
    assert "B委員" in html and "A委員" not in html


def test_a_draft_question_has_no_stances_not_even_for_the_secretariat():
    s = _world()
    draft = factories.QuestionFactory(
        agenda_item=s.q1.agenda_item, perspective=s.q1.perspective, is_published=False
    )
    url = reverse("reports:stance-grid", args=[draft.pk])
    for user in (s.secretariat, s.a):
        assert logged_in(user).get(url).status_code == 404
        assert draft.pk not in {g.question.pk for g in standing(user).grids}
    assert s.q1.pk in {g.question.pk for g in standing(s.a).grids}


def test_the_chair_rule_is_the_member_flag_once():
    s = _world()
    s.a.is_chair = True
    s.a.save(update_fields=["is_chair"])
    assert is_chair(s.a) and sees_all_stances(s.a)
    # The flag on someone who is no longer a member gives nothing.
    s.a.groups.clear()
    s.a = type(s.a).objects.get(pk=s.a.pk)
    assert not is_chair(s.a) and not sees_all_stances(s.a)
    assert sees_all_stances(s.secretariat) and not is_chair(s.secretariat)


def test_constant_queries_and_xlsx(django_assert_max_num_queries):
    s = _world()
    standing(s.secretariat)
    with django_assert_max_num_queries(10) as first:
        standing(s.secretariat)
    for i in range(20):
        member = factories.member()
        _comment(s, member, "support", _at(s.meetings[8], i % 3 + 1))
    with django_assert_max_num_queries(len(first.captured_queries)):
        standing(s.secretariat)
    response = logged_in(s.secretariat).get(reverse("reports:stance-xlsx"))
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="stances.xlsx"'
    wb = load_workbook(io.BytesIO(response.content))
    values = [c for row in wb.active.iter_rows(values_only=True) for c in row if c]
    assert "支持" in values and "第8回" in values


def test_same_queries_with_reviews_revisions_and_ties(django_assert_num_queries):
    s = _world()
    m = s.meetings
    # Meetings, questions, members and the one stance query.
    with django_assert_num_queries(4):
        standing(s.secretariat)
    # At the same instant a paragraph review is read after a comment (the grid's fixed order).
    at = _at(m[6])
    edited = _comment(s, s.a, "concern", at)
    CommentRevision.objects.create(comment=edited, body="x", stance="question", written_at=at)
    _review(s, s.a, "support", at)
    # Meetings, members and the one stance query (the question is given).
    with django_assert_num_queries(3):
        grid = standing(s.secretariat, question=s.q1).grids[0]
    rows = {str(row.member): row.cells for row in grid.rows}
    assert rows["A委員"][1].label == "支持"
