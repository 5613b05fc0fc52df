"""A comment cites one data point (series + fiscal year) and keeps the value and source it saw;
after a later import changes it, the question page and the digest say "cited X (source); now Y
after the import of <date>". Nothing is rewritten silently."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from dispatch_stats import services as stats_services
from dispatch_stats.citations import PointComparer
from policies.models import Comment, Evidence
from tests import factories
from tests.dispatch_stats.helpers import official_workbook

pytestmark = pytest.mark.django_db

OFFICIAL = "文部科学省「国際研究交流の概況」(令和5年度の状況)"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def question():
    stats_services.import_file(
        kind="yearly", user=None, file_name="r5.xlsx", data=official_workbook()
    )
    question = factories.QuestionFactory(title="中・長期派遣をどう増やすか")
    Evidence.objects.create(question=question, series_direction="outbound", series_term="mid_long")
    return question


def post_comment(client, question, **extra):
    evidence = Evidence.objects.get(question=question)
    form = {
        "stance": "support",
        "body": "令和5年度の中・長期派遣は3,623人にとどまる。",
        "cited_evidence": evidence.pk,
        "idempotency_token": str(uuid.uuid4()),
        **extra,
    }
    return client.post(reverse("policies:comment-create", args=[question.pk]), form)


def test_a_cited_point_is_flagged_after_a_reimport_changes_it(
    member_client, secretariat_client, question
):
    assert post_comment(member_client, question, cited_year="2023").status_code == 302
    comment = Comment.objects.get()
    assert comment.cited_point["value"] == 3623
    assert comment.cited_point["source"] == OFFICIAL
    assert (comment.cited_point["direction"], comment.cited_point["term"]) == (
        "outbound",
        "mid_long",
    )
    page = text_of(
        member_client.get(reverse("policies:question-detail", args=[question.pk])).content.decode()
    )
    assert f"2023年度：3,623（{OFFICIAL}）" in page and "数値が変わりました" not in page

    revised = official_workbook(changes={("outbound", "mid_long", 2023): 3700})
    log = stats_services.import_file(kind="yearly", user=None, file_name="r5b.xlsx", data=revised)
    assert log.rows_changed == 1
    comment.refresh_from_db()
    assert comment.cited_point["value"] == 3623  # what the author saw is kept

    expected = (
        f"数値が変わりました 2023年度：引用時は 3,623（{OFFICIAL}）、"
        f"{timezone.localtime(log.created_at):%Y-%m-%d} の取込後は 3,700（{OFFICIAL}）です。"
    )
    for client in (member_client, secretariat_client):
        page = client.get(reverse("policies:question-detail", args=[question.pk]))
        assert expected in text_of(page.content.decode())
    meeting = question.agenda_item.meeting
    digest = secretariat_client.get(reverse("digest:meeting", args=[meeting.pk]))
    assert expected in text_of(digest.content.decode())


def test_a_year_without_a_figure_or_without_a_series_is_refused(member_client, question):
    # The composer answers a refused citation as it does any other (policies' convention).
    response = post_comment(member_client, question, cited_year="1985")
    html = response.content.decode()
    assert 'id="id_cited_year_error"' in html and "1985年度の数値がありません" in text_of(html)
    assert "令和5年度の中・長期派遣は3,623人にとどまる。" in html  # the typed text is kept
    assert not Comment.objects.exists()


def test_comparing_many_citations_costs_two_queries(question, django_assert_num_queries):
    snapshot = {
        "direction": "outbound",
        "term": "mid_long",
        "fiscal_year": 2023,
        "value": 1,
        "source": "x",
        "at": "2000-01-01T00:00:00+00:00",
    }
    comparer = PointComparer()
    with django_assert_num_queries(2):
        statuses = [comparer.status({**snapshot, "fiscal_year": y}) for y in range(1993, 2024)]
    assert all(s.changed and s.now_value for s in statuses)
    assert comparer.status({"direction": "sideways"}) is None
