"""Evidence on questions: the link rules, the secretariat's link/unlink pages, the cards on the
question page (constant queries), citing evidence in comments, and who sees the citing comments."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.errors import Refusal
from policies import services
from policies.evidence import scheme_citations
from policies.models import Comment, Evidence, GlossaryTerm, Measure, Pillar
from tests import factories
from tests.dispatch_stats.factories import (
    ReferenceFigureFactory,
    SourceFactory,
    YearlyFigureFactory,
)
from tests.policies.factories import CommentFactory
from tests.schemes.factories import AmountFactory, ExchangeRateFactory, SchemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(db):
    return factories.QuestionFactory(title="十分な支援額")


@pytest.fixture
def scheme(db):
    ExchangeRateFactory(currency="KRW", jpy_per_unit=Decimal("0.1"), date=dt.date(2026, 3, 30))
    scheme = SchemeFactory(slug="brain-link", name_ja="BRAIN LINK事業")
    AmountFactory(scheme=scheme, value=Decimal("30000000"), currency="KRW")
    return scheme


@pytest.fixture
def measure(db):
    GlossaryTerm.objects.create(abbreviation="ASPIRE", full_name="先端国際共同研究推進事業")
    pillar = Pillar.objects.create(position=1, title="国際連携の戦略的強化")
    return Measure.objects.create(
        pillar=pillar, name="先端国際共同研究推進事業", abbreviation="ASPIRE"
    )


def link(question, **target):
    return Evidence.objects.create(question=question, **target)


def detail(question):
    return reverse("policies:question-detail", args=[question.pk])


def manage(question):
    return reverse("policies:evidence-manage", args=[question.pk])


# --- Model rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"series_direction": "outbound"},
        {"series_term": "total"},
        {"series_direction": "outbound", "series_term": "total", "reference_topic": "x"},
    ],
)
def test_exactly_one_target(question, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        link(question, **fields)


def test_scheme_and_measure_together_are_refused(question, scheme, measure):
    with pytest.raises(IntegrityError), transaction.atomic():
        link(question, scheme=scheme, measure=measure)


@pytest.mark.parametrize(
    "target",
    [
        {"series_direction": "outbound", "series_term": "mid_long"},
        {"reference_topic": "world_researcher_flows"},
    ],
)
def test_same_target_twice_on_a_question_is_refused(question, target):
    link(question, **target)
    link(factories.QuestionFactory(), **target)  # another question may link it too
    with pytest.raises(IntegrityError), transaction.atomic():
        link(question, **target)


def test_same_scheme_twice_is_refused(question, scheme):
    link(question, scheme=scheme)
    with pytest.raises(IntegrityError), transaction.atomic():
        link(question, scheme=scheme)


# --- Services ------------------------------------------------------------------------------


def test_link_appends_and_refuses_duplicates(question, scheme, secretariat_user):
    first = services.evidence_link(
        question=question, by=secretariat_user, series_direction="outbound", series_term="total"
    )
    second = services.evidence_link(question=question, by=secretariat_user, scheme=scheme)
    assert (first.position, second.position) == (1, 2)
    with pytest.raises(ValidationError) as error:
        services.evidence_link(question=question, by=secretariat_user, scheme=scheme)
    assert "target" in error.value.message_dict
    assert question.evidence.count() == 2


def test_members_cannot_link(question, scheme, member_user):
    with pytest.raises(Refusal):
        services.evidence_link(question=question, by=member_user, scheme=scheme)
    assert not Evidence.objects.exists()


def test_unlink_is_refused_while_cited(question, scheme, secretariat_user):
    evidence = link(question, scheme=scheme)
    CommentFactory(question=question, cited_evidence=evidence)
    with pytest.raises(Refusal):
        services.evidence_unlink(evidence=evidence, by=secretariat_user)
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_citation_must_belong_to_the_same_question(question, scheme, member_user):
    other = link(factories.QuestionFactory(), scheme=scheme)
    with pytest.raises(ValidationError) as error:
        services.comment_create(
            question=question,
            author=member_user,
            body="意見",
            stance="support",
            cited_evidence=other,
        )
    assert "cited_evidence" in error.value.message_dict
    assert not Comment.objects.exists()


def test_update_changes_or_keeps_the_citation(question, scheme, member_user):
    evidence = link(question, scheme=scheme)
    comment = services.comment_create(
        question=question,
        author=member_user,
        body="意見",
        stance="support",
        cited_evidence=evidence,
    )
    comment = services.comment_update(
        comment=comment, by=member_user, body="改訂", stance="support"
    )
    assert comment.cited_evidence_id == evidence.pk
    comment = services.comment_update(
        comment=comment, by=member_user, body="改訂", stance="support", cited_evidence=None
    )
    comment.refresh_from_db()
    assert comment.cited_evidence_id is None


# --- The secretariat's page: permissions (full page and HTMX) -----------------------------


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize(
    "who,status",
    [
        ("client", 302),
        ("observer_client", 403),
        ("member_client", 403),
        ("secretariat_client", 200),
    ],
)
def test_manage_page_is_for_the_secretariat(request, question, who, status, htmx, htmx_headers):
    client = request.getfixturevalue(who)
    response = client.get(manage(question), **(htmx_headers if htmx else {}))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert 'id="evidence-manager"' in html
        assert ("<html" in html) is not htmx


def test_a_history_restore_of_the_manage_page_gets_the_page(
    secretariat_client, question, history_restore_headers
):
    html = secretariat_client.get(manage(question), **history_restore_headers).content.decode()
    assert 'id="evidence-manager"' in html and "<html" in html


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("who", ["client", "observer_client", "member_client"])
def test_others_cannot_link_or_unlink(request, question, scheme, who, htmx, htmx_headers):
    client = request.getfixturevalue(who)
    headers = htmx_headers if htmx else {}
    response = client.post(manage(question), {"target": f"scheme:{scheme.pk}"}, **headers)
    assert response.status_code in (302, 403)
    assert not Evidence.objects.exists()
    evidence = link(question, scheme=scheme)
    url = reverse("policies:evidence-unlink", args=[evidence.pk])
    assert client.post(url, **headers).status_code in (302, 403)
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_secretariat_links_without_javascript(secretariat_client, question, scheme):
    response = secretariat_client.post(
        manage(question), {"target": f"scheme:{scheme.pk}", "note": "韓国の例"}
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.scheme, evidence.note) == (scheme, "韓国の例")
    html = secretariat_client.get(detail(question)).content.decode()
    assert "BRAIN LINK事業" in html and "韓国の例" in html


def test_secretariat_links_and_unlinks_with_htmx(secretariat_client, question, htmx_headers):
    response = secretariat_client.post(
        manage(question), {"target": "series:outbound:mid_long"}, **htmx_headers
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="evidence-manager"' in html
    evidence = Evidence.objects.get()
    assert "中・長期" in html
    url = reverse("policies:evidence-unlink", args=[evidence.pk])
    response = secretariat_client.post(url, **htmx_headers)
    assert response.status_code == 200
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("htmx", [False, True])
def test_bad_target_is_reported_next_to_the_field(secretariat_client, question, htmx, htmx_headers):
    headers = htmx_headers if htmx else {}
    for target in ("", "scheme:999999", "series:sideways:total", "https://example.org"):
        response = secretariat_client.post(manage(question), {"target": target}, **headers)
        assert response.status_code == 422
        assert 'id="id_target_error"' in response.content.decode()
        assert ("<html" in response.content.decode()) is not htmx
    assert not Evidence.objects.exists()


def test_duplicate_is_reported_next_to_the_field(secretariat_client, question, scheme):
    link(question, scheme=scheme)
    response = secretariat_client.post(manage(question), {"target": f"scheme:{scheme.pk}"})
    assert response.status_code == 422
    assert "すでに" in response.content.decode()
    assert Evidence.objects.count() == 1


def test_unlinking_cited_evidence_is_refused_with_a_message(secretariat_client, question, scheme):
    evidence = link(question, scheme=scheme)
    CommentFactory(question=question, cited_evidence=evidence)
    url = reverse("policies:evidence-unlink", args=[evidence.pk])
    response = secretariat_client.post(url)
    assert response.status_code == 409
    assert 'role="alert"' in response.content.decode()
    assert Evidence.objects.filter(pk=evidence.pk).exists()


# --- Cards on the question page -----------------------------------------------------------


def _link_everything(question, scheme, measure):
    source = SourceFactory()
    YearlyFigureFactory(fiscal_year=2000, researchers=7674, source=source)
    YearlyFigureFactory(fiscal_year=2022, researchers=4000, source=source)
    ReferenceFigureFactory()
    link(question, position=1, series_direction="outbound", series_term="mid_long")
    link(question, position=2, reference_topic="world_researcher_flows")
    link(question, position=3, scheme=scheme, note="ASPIRE と比べる")
    link(question, position=4, measure=measure)


def test_cards_show_table_scheme_yen_and_glossary(client, question, scheme, measure):
    _link_everything(question, scheme, measure)
    html = client.get(detail(question)).content.decode()
    assert "<caption>" in html and '<th scope="row">2022</th>' in html and "4,000" in html
    assert "Japan -&gt; United States" in html
    assert "BRAIN LINK事業" in html and "3,000,000円" in html
    assert "2026-03-30" in html
    assert 'role="tooltip"' in html and "先端国際共同研究推進事業" in html
    # The series also gets a compact chart (drawn by charts.js) beside its table.
    assert 'data-figure="evidence-chart-data-' in html and "plotly-basic.min.js" in html


def test_no_plotly_without_a_series(client, question, scheme):
    link(question, scheme=scheme)
    assert "plotly" not in client.get(detail(question)).content.decode()


def test_question_page_queries_do_not_grow_with_evidence(
    client, member_client, question, scheme, measure, django_assert_max_num_queries
):
    _link_everything(question, scheme, measure)
    evidence = question.evidence.get(scheme=scheme)
    CommentFactory(question=question, cited_evidence=evidence)
    member_client.get(detail(question))  # warm caches (sessions, content types)
    with django_assert_max_num_queries(20) as few:
        member_client.get(detail(question))
    baseline = len(few.captured_queries)
    for n in range(5):
        extra = SchemeFactory()
        AmountFactory(scheme=extra, currency="KRW")
        cited = link(question, position=10 + n, scheme=extra)
        CommentFactory(question=question, cited_evidence=cited)
        link(question, position=20 + n, reference_topic=f"topic-{n}")
    with django_assert_max_num_queries(baseline):
        response = member_client.get(detail(question))
    assert response.content.decode().count('class="citation-card"') == 6


def test_anonymous_sees_cards_on_published_questions_only(client, question, scheme):
    link(question, scheme=scheme)
    assert "BRAIN LINK事業" in client.get(detail(question)).content.decode()
    hidden = factories.QuestionFactory(is_published=False)
    evidence = link(hidden, scheme=scheme)
    url = reverse("policies:evidence-detail", args=[evidence.pk])
    assert client.get(url).status_code == 404


# --- Citing evidence in comments ----------------------------------------------------------


def test_picker_lists_only_this_questions_evidence(member_client, question, scheme, measure):
    link(question, scheme=scheme)
    link(factories.QuestionFactory(), measure=measure)
    html = member_client.get(detail(question)).content.decode()
    assert 'name="cited_evidence"' in html
    picker = html.split('name="cited_evidence"')[1].split("</select>")[0]
    assert "BRAIN LINK事業" in picker and "ASPIRE" not in picker


def test_no_picker_without_evidence(member_client, question):
    assert 'name="cited_evidence"' not in member_client.get(detail(question)).content.decode()


@pytest.mark.parametrize("htmx", [False, True])
def test_member_cites_evidence_in_a_comment(member_client, question, scheme, htmx, htmx_headers):
    evidence = link(question, scheme=scheme)
    form = {
        "stance": "support",
        "body": "BRAIN LINKの規模は参考になる。",
        "cited_evidence": evidence.pk,
        "idempotency_token": "6f1c2a8e-3c1b-4f7e-9a7e-0c5d1b2a3e4f",
    }
    url = reverse("policies:comment-create", args=[question.pk])
    response = member_client.post(url, form, **(htmx_headers if htmx else {}))
    assert response.status_code == (200 if htmx else 302)
    comment = Comment.objects.get()
    assert comment.cited_evidence == evidence
    html = member_client.get(detail(question)).content.decode()
    evidence_url = reverse("policies:evidence-detail", args=[evidence.pk])
    assert f'<a href="{evidence_url}">BRAIN LINK事業</a>' in html


@pytest.mark.parametrize("htmx", [False, True])
def test_citing_another_questions_evidence_is_refused(
    member_client, question, scheme, measure, htmx, htmx_headers
):
    link(question, measure=measure)
    other = link(factories.QuestionFactory(), scheme=scheme)
    form = {
        "stance": "support",
        "body": "よその論点の資料",
        "cited_evidence": other.pk,
        "idempotency_token": "0e0b4a53-49c2-4d8e-9a0b-2c5c8a7f6d11",
    }
    url = reverse("policies:comment-create", args=[question.pk])
    response = member_client.post(url, form, **(htmx_headers if htmx else {}))
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_cited_evidence_error"' in html
    assert "よその論点の資料" in html  # the typed text is kept
    assert not Comment.objects.exists()


def test_edit_form_keeps_and_changes_the_citation(member_client, member_user, question, scheme):
    evidence = link(question, scheme=scheme)
    comment = CommentFactory(question=question, author=member_user, cited_evidence=evidence)
    html = member_client.get(detail(question) + f"?edit={comment.pk}").content.decode()
    assert f'<option value="{evidence.pk}" selected>' in html
    url = reverse("policies:comment-update", args=[comment.pk])
    member_client.post(url, {"stance": "support", "body": "引用をやめる", "cited_evidence": ""})
    comment.refresh_from_db()
    assert comment.cited_evidence is None and comment.body == "引用をやめる"


# --- Who sees the citing comments -------------------------------------------------------


@pytest.fixture
def cited(question, scheme, member_user):
    evidence = link(question, scheme=scheme)
    CommentFactory(question=question, cited_evidence=evidence, body="委員限りの意見")
    CommentFactory(
        question=question,
        cited_evidence=evidence,
        body="公開の意見",
        visibility=Comment.Visibility.PUBLIC,
    )
    CommentFactory(question=question, cited_evidence=evidence, body="非表示の本文", is_hidden=True)
    return evidence


@pytest.mark.parametrize("htmx", [False, True])
def test_evidence_page_for_members(member_client, cited, htmx, htmx_headers):
    url = reverse("policies:evidence-detail", args=[cited.pk])
    html = member_client.get(url, **(htmx_headers if htmx else {})).content.decode()
    assert "委員限りの意見" in html and "公開の意見" in html
    assert "非表示の本文" not in html and "事務局により非表示" in html


@pytest.mark.parametrize("who", ["client", "observer_client"])
@pytest.mark.parametrize("htmx", [False, True])
def test_evidence_page_for_outsiders(request, cited, who, htmx, htmx_headers):
    client = request.getfixturevalue(who)
    url = reverse("policies:evidence-detail", args=[cited.pk])
    response = client.get(url, **(htmx_headers if htmx else {}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "公開の意見" in html
    assert "委員限りの意見" not in html and "非表示の本文" not in html


def test_evidence_page_queries_are_constant(client, cited, question, django_assert_max_num_queries):
    url = reverse("policies:evidence-detail", args=[cited.pk])
    client.get(url)
    with django_assert_max_num_queries(12) as first:
        client.get(url)
    for _ in range(5):
        CommentFactory(question=question, cited_evidence=cited, visibility="public")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)


def test_scheme_citations_follow_visibility(cited, scheme, member_user, observer_user):
    from django.contrib.auth.models import AnonymousUser

    for_member = scheme_citations(member_user, scheme)
    excerpts = [c.excerpt for c in for_member]
    assert for_member[0].title.endswith("十分な支援額")
    assert "委員限りの意見" in excerpts and "公開の意見" in excerpts
    assert not any("非表示の本文" in e for e in excerpts)
    for outsider in (AnonymousUser(), observer_user):
        excerpts = [c.excerpt for c in scheme_citations(outsider, scheme)]
        assert "公開の意見" in excerpts and "委員限りの意見" not in excerpts


def test_scheme_page_lists_citing_comments_in_one_query(
    client, cited, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        html = client.get(reverse("schemes:scheme-detail", args=["brain-link"])).content.decode()
    assert "十分な支援額" in html and "公開の意見" in html and "委員限りの意見" not in html


def test_polled_list_does_not_build_cards_or_the_picker(
    member_client, question, scheme, htmx_headers
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    evidence = link(question, scheme=scheme)
    CommentFactory(question=question, cited_evidence=evidence, body="引用つきの意見")
    headers = {**htmx_headers, "HTTP_HX_TARGET": "comment-list"}
    member_client.get(detail(question), **headers)
    with CaptureQueriesContext(connection) as queries:
        response = member_client.get(detail(question), **headers)
    html = response.content.decode()
    assert "引用つきの意見" in html and 'class="citation-card"' in html
    assert 'name="cited_evidence"' not in html
    sql = [q["sql"] for q in queries.captured_queries]
    assert not [s for s in sql if 'FROM "policies_evidence"' in s or "schemes_amount" in s]
