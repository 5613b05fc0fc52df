"""The policies sections other apps' pages load as template tags (the arrows point one way)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from policies.models import Evidence
from tests import factories
from tests.schemes.factories import SchemeFactory

pytestmark = pytest.mark.django_db


def _render(source: str, user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load policies_sections %}" + source).render(
        Context({"request": request, **context})
    )


def test_meeting_questions_follow_the_read_rule(secretariat_user):
    item = factories.AgendaItemFactory()
    shown = factories.QuestionFactory(agenda_item=item, title="公開の論点")
    factories.QuestionFactory(agenda_item=item, title="下書きの論点", is_published=False)
    source = "{% meeting_questions meeting as qs %}{% for q in qs %}[{{ q.label }}]{% endfor %}"
    html = _render(source, AnonymousUser(), meeting=item.meeting)
    assert f"[{shown.label}]" in html and "下書きの論点" not in html
    assert "下書きの論点" in _render(source, secretariat_user, meeting=item.meeting)


def test_scheme_citations_list_the_questions_citing_it():
    scheme = SchemeFactory()
    question = factories.QuestionFactory(title="根拠のある論点")
    Evidence.objects.create(question=question, scheme=scheme)
    source = "{% scheme_citations scheme as cs %}{% for c in cs %}[{{ c.title }}]{% endfor %}"
    assert f"[{question.label}]" in _render(source, AnonymousUser(), scheme=scheme)
