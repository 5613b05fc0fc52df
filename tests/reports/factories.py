"""Builders for report tests: an edition with chapters, paragraphs, questions and comments."""

from types import SimpleNamespace

from django.test import Client
from django.urls import reverse

from policies.markdown import render_markdown
from reports import services
from reports.models import Edition
from tests import factories
from tests.policies.factories import CommentFactory


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def rendered_comment(**kwargs):
    comment = CommentFactory(**kwargs)
    type(comment).objects.filter(pk=comment.pk).update(body_html=render_markdown(comment.body))
    comment.refresh_from_db()
    return comment


def drafted(*, secretariat=None, meeting=None, status=Edition.Status.DRAFT, kind="outline"):
    """A report with one edition: chapter 1 with two paragraphs answering question q1, which
    has comments by two members (one a 質問)."""
    s = SimpleNamespace()
    s.secretariat = secretariat or factories.secretariat()
    s.meeting = meeting or factories.MeetingFactory(number=7)
    item = factories.AgendaItemFactory(meeting=s.meeting, position=1)
    s.q1 = factories.QuestionFactory(agenda_item=item)
    s.q2 = factories.QuestionFactory(agenda_item=item, perspective=s.q1.perspective)
    s.a, s.b = factories.member(display_name="A委員"), factories.member(display_name="B委員")
    s.c1 = rendered_comment(question=s.q1, author=s.a, body="短期の派遣を増やすべきです。")
    s.c2 = rendered_comment(
        question=s.q1, author=s.b, body="帰国後のポストはどうなりますか。", stance="question"
    )
    s.c3 = rendered_comment(question=s.q2, author=s.b, body="別の論点への意見です。")
    s.report = services.report_create(title="とりまとめ", by=s.secretariat)
    s.edition = services.edition_create(
        report=s.report, kind=kind, meeting=s.meeting, by=s.secretariat
    )
    s.chapter = services.section_create(edition=s.edition, title="はじめに", by=s.secretariat)
    s.p1 = services.paragraph_create(section=s.chapter, body="第一段落。", by=s.secretariat)
    s.p2 = services.paragraph_create(section=s.chapter, body="第二段落。", by=s.secretariat)
    services.paragraph_questions_set(paragraph=s.p1, questions=[s.q1], by=s.secretariat)
    if status != Edition.Status.DRAFT:
        Edition.objects.filter(pk=s.edition.pk).update(status=status)
        s.edition.refresh_from_db()
    return s


def edition_page_with_a_source():
    """A drafted edition whose first paragraph reflects member_a's comment, and its page's HTML
    as the secretariat sees it: (the drafted namespace, the response)."""
    s = drafted()
    services.paragraph_link_comment(
        paragraph=s.p1, comment=s.c1, kind="reflected", by=s.secretariat
    )
    return s, logged_in(s.secretariat).get(reverse("reports:edition-detail", args=[s.edition.pk]))
