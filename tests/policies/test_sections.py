"""The policies sections other apps' pages load as template tags (the arrows point one way)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from policies.models import Evidence
from tests import factories
from tests.schemes.factories import SchemeFactory

pytestmark = pytest.mark.django_db


def _render(source: str, user, library: str = "policies_sections", **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load " + library + " %}" + source).render(
        Context({"request": request, **context})
    )


def test_meeting_questions_follow_the_read_rule(secretariat_user):
    item = factories.AgendaItemFactory()
    draft_item = factories.AgendaItemFactory(meeting=item.meeting, is_published=False)
    shown = factories.QuestionFactory(agenda_item=item, title="公開の論点")
    factories.QuestionFactory(agenda_item=item, title="下書きの論点", is_published=False)
    factories.QuestionFactory(agenda_item=draft_item, title="下書き議題の論点")
    source = "{% meeting_questions meeting %}"
    html = _render(source, AnonymousUser(), "policies_meeting", meeting=item.meeting)
    assert shown.label in html and "下書きの論点" not in html and "下書き議題の論点" not in html
    html = _render(source, secretariat_user, "policies_meeting", meeting=item.meeting)
    assert "下書きの論点" in html and "下書き議題の論点" in html


def test_scheme_citations_list_the_questions_citing_it():
    scheme = SchemeFactory()
    question = factories.QuestionFactory(title="根拠のある論点")
    Evidence.objects.create(question=question, scheme=scheme)
    source = "{% scheme_citations scheme as cs %}{% for c in cs %}[{{ c.title }}]{% endfor %}"
    assert f"[{question.label}]" in _render(source, AnonymousUser(), scheme=scheme)
