"""The edition page's shortcuts render what the plain templates would (stamped tools, labels
and links built once per page) and its forms still post without JavaScript."""

import re

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from reports.models import Paragraph
from reports.templatetags.reports_tags import TOOLS_TEMPLATE
from tests.reports.factories import drafted, edition_page_with_a_source

pytestmark = pytest.mark.django_db


def test_stamped_paragraph_tools_are_the_template_rendered_for_each_paragraph():
    s = drafted()
    s.p1.label, s.p2.label = "第1章 1", '<b title="x">&'
    stamped = Template(
        "{% load reports_tags %}{% for p in paragraphs %}{% paragraph_tools p %}{% endfor %}"
    ).render(Context({"paragraphs": [s.p1, s.p2], "csrf_token": "token"}))
    direct = "".join(
        render_to_string(TOOLS_TEMPLATE, {"p": p, "csrf_token": "token"}) for p in (s.p1, s.p2)
    )
    assert stamped == direct
    assert "&lt;b title=&quot;x&quot;&gt;&amp;" in stamped and f"move-up-{s.p2.pk}" in stamped


def test_a_drafting_form_posts_with_the_page_token_under_csrf_checks():
    s = drafted()
    client = Client(enforce_csrf_checks=True)
    client.force_login(s.secretariat)
    page = client.get(reverse("reports:edition-detail", args=[s.edition.pk])).content.decode()
    url = reverse("reports:paragraph-move", args=[s.p1.pk, "down"])
    form = re.search(
        f'action="{url}"[^>]*>\\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        page,
    )
    assert form, "the move form carries its own token input"
    moved = client.post(url, {"csrfmiddlewaretoken": form.group(1)})
    assert moved.status_code == 302
    assert Paragraph.objects.get(pk=s.p1.pk).position == 2


def test_paragraph_sources_fold_questions_and_comments_and_are_absent_without_them():
    s, page = edition_page_with_a_source()
    text = page.content.decode()
    first = text[text.index(f'id="paragraph-{s.p1.pk}"') : text.index(f'id="paragraph-{s.p2.pk}"')]
    assert '<details class="paragraph-sources">' in first
    assert "<summary>論点と出典の意見 (1)</summary>" in first
    question = reverse("policies:question-detail", args=[s.q1.pk])
    assert f'<p class="paragraph-questions">論点： <a href="{question}">' in first
    assert "A委員</a>" in first and "短期の派遣を増やすべきです。" in first
    second = text[text.index(f'id="paragraph-{s.p2.pk}"') :]
    assert "paragraph-sources" not in second[: second.index("outline-tools")]
