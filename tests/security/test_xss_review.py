"""XSS: every text of the review (a comment or a suggestion's reason, the suggested wording,
the text it replaces, the secretariat's reasoning) never comes back executable, through the
same payloads, parser and checks as tests/security/test_xss_payloads.py."""

import pytest
from django.urls import reverse

from policies.markdown import render_markdown
from reports.review import services as review
from tests import factories
from tests.review.helpers import suggest, under_review
from tests.security.test_xss_payloads import Target
from tests.security.test_xss_payloads import (
    test_payloads_never_come_back_executable as _check_payloads,
)

pytestmark = pytest.mark.django_db


def _pages(s) -> list[str]:
    return [
        reverse("reports:review-paragraph", args=[s.p1.pk]),
        reverse("reports:review-edition", args=[s.edition.pk]),
        reverse("moderation:list"),
    ]


def _suggestion():
    s = under_review()
    r = suggest(s, s.a, "修文の案。")
    r._pages = _pages(s)
    return r


def _disposed():
    r = _suggestion()
    review.suggestion_dispose(
        review=r, disposition="declined", reasoning="理由", by=factories.secretariat()
    )
    r.refresh_from_db()
    r._pages = _suggestion_pages(r)
    return r


def _suggestion_pages(r) -> list[str]:
    return [reverse("reports:review-paragraph", args=[r.paragraph_id])]


def _hidden():
    r = _suggestion()
    review.review_hide(review=r, by=factories.secretariat(), reason="理由")
    r.refresh_from_db()
    r._pages = [reverse("moderation:list"), reverse("moderation:list") + "?hidden=1"]
    return r


def _rendered(obj) -> None:
    type(obj).objects.filter(pk=obj.pk).update(body_html=render_markdown(obj.body))


TARGETS = [
    Target("review reason", _suggestion, ("body",), lambda r: r._pages, after_set=_rendered),
    # One field each: the tracked change diffs the two, which would cut a shared marker.
    Target("suggested wording", _suggestion, ("suggested_text",), lambda r: r._pages),
    Target("text the suggestion replaces", _suggestion, ("base_text",), lambda r: r._pages),
    Target("suggestion reasoning", _disposed, ("reasoning",), lambda r: r._pages),
    # The moderation page lists reviews next to question comments, with why one was hidden.
    Target("review hidden reason", _hidden, ("hidden_reason",), lambda r: r._pages),
]


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_review_texts_never_come_back_executable(target):
    _check_payloads(target)
