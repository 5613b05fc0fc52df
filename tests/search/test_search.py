"""The site search: what each role finds, Japanese and width-insensitive matching, snippets."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.searchables import search_kinds
from policies.models import Comment
from search.selectors import MAX_QUERY_LENGTH, search_kind
from tests import factories
from tests.committee.factories import MaterialFactory
from tests.policies.factories import CommentFactory
from tests.schemes.factories import SchemeFactory

pytestmark = pytest.mark.django_db

URL = reverse("search")


def _get(client, q, htmx=False, **params):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.get(URL, {"q": q, **params}, **headers)


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def world(db):
    """One of each: published and draft content, and comments of every visibility."""
    meeting = factories.MeetingFactory(title="第6回国際戦略委員会")
    draft_meeting = factories.MeetingFactory(title="第7回国際戦略委員会", is_published=False)
    question = factories.QuestionFactory(
        title="組織として送り出す",
        body="研究者を海外へ派遣する意味を検討する。",
        agenda_item__meeting=meeting,
    )
    draft_question = factories.QuestionFactory(
        title="未公開の論点", body="草案段階の派遣計画。", is_published=False
    )
    author = factories.member(display_name="甲委員")
    members_only = CommentFactory(
        question=question, author=author, body="委員限りの意見：渡航費の上限を見直すべき。"
    )
    public = CommentFactory(
        question=question,
        author=author,
        body="公開の意見：渡航費の支援を広げるべき。",
        visibility=Comment.Visibility.PUBLIC,
    )
    hidden = CommentFactory(
        question=question,
        author=author,
        body="非表示にされた渡航費の意見",
        visibility=Comment.Visibility.PUBLIC,
        is_hidden=True,
        hidden_reason="個人情報",
    )
    deleted = CommentFactory(
        question=question,
        author=author,
        body="削除された渡航費の意見",
        visibility=Comment.Visibility.PUBLIC,
        deleted_at=timezone.now(),
    )
    on_draft = CommentFactory(
        question=draft_question,
        author=author,
        body="未公開論点への渡航費の意見",
        visibility=Comment.Visibility.PUBLIC,
    )
    item = factories.AgendaItemFactory(
        meeting=meeting, title="海外派遣の裾野拡大について", description="会議で議論する。"
    )
    draft_item = factories.AgendaItemFactory(
        meeting=meeting, title="未公開の議題：派遣予算", is_published=False
    )
    item_of_draft_meeting = factories.AgendaItemFactory(
        meeting=draft_meeting, title="次回会議の派遣議題"
    )
    material = MaterialFactory(meeting=meeting, number="資料3", title="派遣の現状")
    draft_material = MaterialFactory(
        meeting=meeting, number="資料4", title="未公開の派遣資料", is_published=False
    )
    material_of_draft_meeting = MaterialFactory(
        meeting=draft_meeting, number="資料1", title="次回の派遣資料"
    )
    scheme = SchemeFactory(
        name_ja="頭脳循環プログラム", name_en="ＡＳＰＩＲＥ Programme", country="日本"
    )
    return locals()


def _ids(response, kind: str) -> str:
    """The section of the page that lists one kind of result."""
    html = _text(response)
    match = re.search(rf'<section aria-labelledby="search-kind-{kind}".*?</section>', html, re.S)
    return match.group(0) if match else ""


# --- visibility ------------------------------------------------------------------------


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("who", ["anonymous", "observer"])
def test_outsiders_find_only_published_content(client, observer_client, world, who, htmx):
    c = client if who == "anonymous" else observer_client
    html = _text(_get(c, "渡航費", htmx=htmx))
    assert "公開の意見" in html
    assert "委員限りの意見" not in html
    assert "非表示" not in html
    assert "削除された" not in html
    assert "未公開論点への" not in html
    html = _text(_get(c, "派遣", htmx=htmx))
    assert "組織として送り出す" in html
    assert "海外<mark>派遣</mark>の裾野拡大について" in html
    assert "資料3 <mark>派遣</mark>の現状" in html
    for secret in (
        "未公開の論点",
        "草案段階",
        "未公開の議題",
        "次回会議の派遣議題",
        "未公開の派遣資料",
    ):
        assert secret not in html
    assert "次回の<mark>派遣</mark>資料" not in html


@pytest.mark.parametrize("htmx", [False, True])
def test_members_find_members_only_comments_but_not_hidden_or_deleted(member_client, world, htmx):
    html = _text(_get(member_client, "渡航費", htmx=htmx))
    assert "委員限りの意見" in html
    assert "公開の意見" in html
    assert "非表示にされた" not in html
    assert "削除された" not in html
    assert "未公開論点への" not in html
    assert "未公開の議題" not in _text(_get(member_client, "派遣", htmx=htmx))


@pytest.mark.parametrize("htmx", [False, True])
def test_secretariat_finds_drafts_and_hidden_comments_marked(secretariat_client, world, htmx):
    html = _text(_get(secretariat_client, "渡航費", htmx=htmx))
    assert "非表示にされた" in html
    assert "未公開論点への" in html
    assert "削除された" not in html
    html = _text(_get(secretariat_client, "派遣", htmx=htmx))
    for draft in ("未公開の論点", "未公開の議題", "次回会議の", "未公開の", "次回の"):
        assert draft in html
    assert "badge-draft" in html


def test_kind_pages_apply_the_same_rules(client, member_client, world):
    html = _text(_get(client, "渡航費", kind="comments"))
    assert "公開の意見" in html and "委員限り" not in html
    html = _text(_get(member_client, "渡航費", kind="comments"))
    assert "委員限りの意見" in html and "非表示にされた" not in html


def test_selector_counts_only_visible_rows(world, observer_user, member_user, secretariat_user):
    assert search_kind(observer_user, "渡航費", "comments")[1] == 1
    assert search_kind(member_user, "渡航費", "comments")[1] == 2
    assert search_kind(secretariat_user, "渡航費", "comments")[1] == 4
    assert search_kind(observer_user, "派遣", "agenda")[1] == 1
    assert search_kind(secretariat_user, "派遣", "agenda")[1] == 3
    assert search_kind(observer_user, "派遣", "materials")[1] == 1
    assert search_kind(secretariat_user, "派遣", "materials")[1] == 3


def test_comments_published_with_their_question_are_found_by_anyone(client, world):
    question = world["question"]
    question.comments_published = True
    question.save()
    html = _text(_get(client, "渡航費"))
    assert "委員限りの意見" in html
    assert "非表示にされた" not in html


# --- matching --------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["会議", "派遣", "議論"])
def test_two_character_japanese_words_are_found(client, world, word):
    html = _text(_get(client, word))
    assert f"<mark>{word}</mark>" in html


@pytest.mark.parametrize("query", ["aspire", "ＡＳＰＩＲＥ", "Aspire"])
def test_full_and_half_width_forms_match(client, world, query):
    html = _text(_get(client, query))
    assert 'href="/schemes/' in _ids(_get(client, query), "schemes")
    # The original full-width text is shown, marked.
    assert "<mark>ＡＳＰＩＲＥ</mark>" in html


def test_half_width_digits_find_full_width(client, db):
    factories.AgendaItemFactory(title="第６回の振り返り")
    html = _text(_get(client, "6回"))
    assert "第<mark>６回</mark>の振り返り" in html


def test_several_words_must_all_be_present(client, world):
    assert "組織として送り出す" in _text(_get(client, "派遣 意味"))
    assert "組織として送り出す" not in _text(_get(client, "派遣 予算"))


def test_ranking_puts_more_occurrences_first(member_user, db):
    question = factories.QuestionFactory()
    once = CommentFactory(question=question, body="留学の話。ほかのことも書きます。")
    thrice = CommentFactory(question=question, body="留学、留学、そして留学。")
    hits, total = search_kind(member_user, "留学", "comments")
    assert total == 2
    assert [h.url.rsplit("-", 1)[1] for h in hits] == [str(thrice.pk), str(once.pk)]


def test_a_comment_hit_is_dated_in_japan_time(member_user, db):
    """Written at 16:00 UTC on 1 December is 2 December in Tokyo, as every page dates it."""
    comment = CommentFactory(question=factories.QuestionFactory(), body="深夜の留学の話。")
    written = dt.datetime(2026, 12, 1, 16, 0, tzinfo=dt.UTC)
    Comment.objects.filter(pk=comment.pk).update(created_at=written)
    hits, _ = search_kind(member_user, "留学", "comments")
    assert hits[0].context.endswith("2026-12-02")


# --- the page --------------------------------------------------------------------------


@pytest.mark.parametrize("q", ["", "   ", "\u3000"])
def test_blank_query_shows_the_empty_form_without_searching(client, q, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = _get(client, q)
    assert response.status_code == 200
    html = _text(response)
    assert 'id="search-q"' in html
    assert "search-kind-" not in html


def test_very_long_query_is_cut_safely(client, world):
    response = _get(client, "派遣" * 5000)
    assert response.status_code == 200
    assert f'value="{"派遣" * (MAX_QUERY_LENGTH // 2)}"' in _text(response)


def test_many_words_are_capped(client, world):
    response = _get(client, " ".join(["派遣"] * 500 + ["'\\&|!():*"]))
    assert response.status_code == 200


def test_htmx_returns_only_the_results_partial(client, world):
    full = _text(_get(client, "派遣"))
    partial = _text(_get(client, "派遣", htmx=True))
    assert "<html" in full and 'id="search-q"' in full
    assert "<html" not in partial and 'id="search-q"' not in partial
    assert partial.lstrip().startswith('<div id="search-results"')
    assert "組織として送り出す" in partial


def test_header_form_is_on_every_page(client, db):
    html = _text(client.get(reverse("schemes:scheme-list")))
    assert '<form role="search" action="/search/"' in html
    assert '<label for="site-search-q"' in html


def test_more_link_and_pagination(member_client, db):
    question = factories.QuestionFactory()
    for n in range(27):
        CommentFactory(question=question, body=f"留学についての意見{n}")
    html = _text(_get(member_client, "留学"))
    assert html.count('class="search-snippet"') == 5
    assert "kind=comments" in html
    page1 = _text(_get(member_client, "留学", kind="comments"))
    assert page1.count('class="search-snippet"') == 20
    assert "page=2" in page1
    page2 = _text(_get(member_client, "留学", kind="comments", page="2"))
    assert page2.count('class="search-snippet"') == 7
    assert _get(member_client, "留学", kind="comments", page="x").status_code == 200
    assert _get(member_client, "留学", kind="nope").status_code == 200


def test_script_in_a_comment_is_escaped_in_the_snippet(client, db):
    question = factories.QuestionFactory(comments_published=True)
    CommentFactory(question=question, body='留学<script>alert("x")</script>の件 <b>太字</b>')
    html = _text(_get(client, "留学"))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<b>太字" not in html
    assert "<mark>留学</mark>&lt;script&gt;" in html


def test_script_in_the_query_is_escaped(client, world):
    html = _text(_get(client, "<script>派遣"))
    assert "<script>派遣" not in html


def test_constant_number_of_queries(
    member_client, member_user, world, django_assert_max_num_queries
):
    for n in range(30):
        CommentFactory(question=world["question"], body=f"渡航費の意見{n}")
    # Session, user and role lookups, then at most one query per kind.
    with django_assert_max_num_queries(3 + len(search_kinds())):
        response = _get(member_client, "渡航費")
    assert response.status_code == 200
    with django_assert_max_num_queries(3 + 1):
        _get(member_client, "渡航費", kind="comments")


def test_very_common_words_are_ranked_among_a_capped_number_of_matches(
    member_client, member_user, monkeypatch, db
):
    monkeypatch.setattr("search.selectors.CANDIDATES", 3)
    question = factories.QuestionFactory()
    for n in range(5):
        CommentFactory(question=question, body=f"留学の話{n}。")
    hits, total = search_kind(member_user, "留学", "comments")
    assert total == 3
    assert len(hits) == 3
    html = _text(_get(member_client, "留学", kind="comments"))
    assert "3 or more found" in html or "3件以上" in html
    assert "Only part of the matches" in html or "一部" in html


def test_history_restore_gets_the_full_page_and_responses_vary_on_htmx(client, world):
    response = client.get(
        URL, {"q": "派遣"}, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in _text(response)
    assert "HX-Request" in response["Vary"]
