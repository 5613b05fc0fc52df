"""The secretariat's digest: grouping, counts, who has not commented, access, query count."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from policies import services
from policies.digest import digest_for_meeting, digest_for_question
from policies.models import Comment, StanceColumn
from tests import factories
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(secretariat_user, member_user, other_member_user):
    meeting = factories.MeetingFactory(number=6)
    item = factories.AgendaItemFactory(meeting=meeting, position=1)
    p1 = factories.PerspectiveFactory(position=1, label="個人の観点")
    p2 = factories.PerspectiveFactory(position=2, label="システムの観点")
    q1 = factories.QuestionFactory(perspective=p1, position=1, agenda_item=item, title="潜在層")
    q2 = factories.QuestionFactory(perspective=p1, position=2, agenda_item=item, title="短期")
    q3 = factories.QuestionFactory(perspective=p2, position=1, agenda_item=item, title="組織")
    # A question of another meeting never shows up.
    factories.QuestionFactory(perspective=p2, position=2, title="他の会議")
    now = timezone.now()
    top = CommentFactory(question=q1, author=member_user, stance="support", body="賛成です")
    reply = CommentFactory(
        question=q1,
        author=other_member_user,
        parent=top,
        stance="concern",
        body="懸念もあります",
        created_at=now + dt.timedelta(minutes=1),
    )
    hidden = CommentFactory(question=q1, author=other_member_user, stance="proposal", body="秘密")
    services.comment_hide(comment=hidden, by=secretariat_user, reason="個人名を含むため")
    deleted = CommentFactory(
        question=q2, author=member_user, stance="question", body="取り消した", deleted_at=now
    )
    return {
        "meeting": meeting,
        "p1": p1,
        "p2": p2,
        "q1": q1,
        "q2": q2,
        "q3": q3,
        "top": top,
        "reply": reply,
        "hidden": hidden,
        "deleted": deleted,
    }


def test_digest_groups_by_stance_with_replies_under_their_parent(setup, secretariat_user):
    digest = digest_for_meeting(secretariat_user, setup["meeting"])
    assert [pd.perspective for pd in digest.perspectives] == [setup["p1"], setup["p2"]]
    q1 = digest.perspectives[0].questions[0]
    support = next(g for g in q1.groups if g.stance == "support")
    assert support.threads == [setup["top"]]
    assert support.threads[0].digest_replies == [setup["reply"]]
    # The reply is under its parent, not a thread of its own in the concern group.
    concern = next(g for g in q1.groups if g.stance == "concern")
    assert concern.threads == []
    # Counts: live, visible comments (replies included); hidden and deleted counted apart.
    assert q1.counts == {"support": 1, "concern": 1, "proposal": 0, "question": 0}
    assert q1.hidden_count == 1 and q1.total == 2
    q2 = digest.perspectives[0].questions[1]
    assert q2.deleted_count == 1 and q2.total == 0


def test_not_commented_lists_active_members_without_a_live_comment(setup, secretariat_user):
    inactive = factories.member(username="gone", is_active=False)
    silent = factories.member(username="silent")
    digest = digest_for_meeting(secretariat_user, setup["meeting"])
    q1, q2 = digest.perspectives[0].questions
    assert set(q1.not_commented) == {silent}
    # A deleted comment does not count as an answer; the secretariat is not a member.
    assert set(q2.not_commented) == set(
        User.objects.filter(username__in=["member_a", "member_b", "silent"])
    )
    assert inactive not in q2.not_commented


def test_digest_narrowed_to_one_perspective(setup, secretariat_user):
    digest = digest_for_meeting(secretariat_user, setup["meeting"], perspective=setup["p1"])
    assert [pd.perspective for pd in digest.perspectives] == [setup["p1"]]


def test_digest_query_count_is_constant(setup, secretariat_user, django_assert_num_queries):
    for i in range(30):
        parent = CommentFactory(question=setup["q3"], stance="support")
        CommentFactory(question=setup["q3"], parent=parent, stance="question", body=f"返信{i}")
    digest_for_meeting(secretariat_user, setup["meeting"])  # caches the user's roles
    with django_assert_num_queries(3):  # questions, comments, members
        digest_for_meeting(secretariat_user, setup["meeting"])


def test_page_shows_marked_hidden_and_deleted_comments(setup, secretariat_client):
    url = reverse("digest:meeting", args=[setup["meeting"].pk])
    response = secretariat_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "賛成です" in html and "懸念もあります" in html
    assert "秘密" in html and "個人名を含むため" in html  # hidden: shown, marked, with reason
    assert "取り消した" not in html  # deleted: marked only
    assert f'id="digest-comment-{setup["deleted"].pk}"' in html
    assert "css/digest.css" in html


def test_page_full_query_count_is_constant(
    setup, secretariat_client, django_assert_max_num_queries
):
    url = reverse("digest:meeting", args=[setup["meeting"].pk])
    secretariat_client.get(url)
    with django_assert_max_num_queries(14) as ctx:
        secretariat_client.get(url)
    before = len(ctx.captured_queries)
    for _ in range(20):
        CommentFactory(question=setup["q3"], stance="concern")
    with django_assert_max_num_queries(before):
        secretariat_client.get(url)


def test_htmx_filter_returns_the_body_fragment(setup, secretariat_client, htmx_headers):
    url = reverse("digest:meeting", args=[setup["meeting"].pk])
    response = secretariat_client.get(url, {"perspective": setup["p2"].pk}, **htmx_headers)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<article class="digest-doc" id="digest-doc"')
    assert "組織" in html and "潜在層" not in html


def test_unknown_perspective_is_404(setup, secretariat_client):
    other = factories.PerspectiveFactory(position=9)
    url = reverse("digest:meeting", args=[setup["meeting"].pk])
    assert secretariat_client.get(url, {"perspective": other.pk}).status_code == 404
    assert secretariat_client.get(url, {"perspective": "x"}).status_code == 404


@pytest.mark.parametrize("name", ["meeting", "meeting-xlsx", "meeting-csv"])
@pytest.mark.parametrize("htmx", [False, True])
def test_only_the_secretariat_sees_the_digest(
    setup, name, htmx, client, member_client, observer_client, admin_client_role
):
    url = reverse(f"digest:{name}", args=[setup["meeting"].pk])
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    assert member_client.get(url, **headers).status_code == 403
    assert observer_client.get(url, **headers).status_code == 403
    assert client.get(url, **headers).status_code in (302, 403)
    assert admin_client_role.get(url, **headers).status_code == 200


def test_two_column_view(setup, secretariat_client, member_client, htmx_headers):
    url = reverse("digest:question", args=[setup["q1"].pk])
    response = secretariat_client.get(url)
    html = response.content.decode()
    forward, backward = html.split('id="backward-heading"')
    assert "賛成です" in forward
    assert "秘密" in forward  # a proposal, hidden: in its column, marked
    fragment = secretariat_client.get(url, **htmx_headers).content.decode()
    assert fragment.lstrip().startswith('<div id="digest-columns"')
    assert "A委員 への返信" in backward
    assert member_client.get(url).status_code == 403
    assert member_client.get(url, **htmx_headers).status_code == 403


def test_two_column_split(setup, secretariat_user):
    CommentFactory(question=setup["q1"], stance=Comment.Stance.QUESTION, body="質問")
    qd = digest_for_question(secretariat_user, setup["q1"])
    assert {c.body for c in qd.forward} == {"賛成です", "秘密"}
    # A concern raised in a reply sits with the concerns.
    assert {c.body for c in qd.backward} == {"質問", "懸念もあります"}


def test_two_column_view_query_count_is_constant(
    setup, secretariat_client, django_assert_max_num_queries
):
    url = reverse("digest:question", args=[setup["q1"].pk])
    with django_assert_max_num_queries(14) as ctx:
        secretariat_client.get(url)
    before = len(ctx.captured_queries)
    for _ in range(10):
        parent = CommentFactory(question=setup["q1"], stance="support")
        CommentFactory(question=setup["q1"], parent=parent, stance="concern")
    with django_assert_max_num_queries(before):
        secretariat_client.get(url)


def test_every_stance_is_in_exactly_one_column():
    columns = {column: [s for s in Comment.Stance if s.column == column] for column in StanceColumn}
    placed = [s for stances in columns.values() for s in stances]
    assert sorted(placed) == sorted(Comment.Stance)  # each stance once, none left out
    assert all(columns.values())  # and neither column is empty


def test_heading_counts_agree_with_the_counts_table(setup, secretariat_user, secretariat_client):
    q1 = digest_for_meeting(secretariat_user, setup["meeting"]).perspectives[0].questions[0]
    assert {g.stance: g.count for g in q1.groups} == q1.counts
    # The concern raised in a reply stays in its thread and is pointed to under 懸念.
    concern = next(g for g in q1.groups if g.stance == "concern")
    assert concern.shown and concern.replies_elsewhere == [setup["reply"]]
    # The hidden proposal is listed (marked) but counted only as hidden, once.
    proposal = next(g for g in q1.groups if g.stance == "proposal")
    assert proposal.count == 0 and proposal.threads == [setup["hidden"]]
    html = secretariat_client.get(reverse("digest:meeting", args=[setup["meeting"].pk])).content
    html = html.decode()
    assert "支持（1）" in html and "懸念（1）" in html and "提案（0）" in html
    assert f'href="#digest-comment-{setup["reply"].pk}"' in html
    assert "badge-reply" in html  # the reply says it is one


def test_two_column_view_uses_the_stance_columns(setup, secretariat_user):
    qd = digest_for_question(secretariat_user, setup["q1"])
    assert setup["top"] in qd.forward and setup["reply"] in qd.backward
    assert setup["hidden"] in qd.forward  # marked hidden in the page, counted apart
    assert (qd.forward_count, qd.backward_count) == (1, 1)
