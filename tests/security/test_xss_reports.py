"""XSS: every text of the report (title, headings, paragraphs, reasoning, and the comments and
names it quotes) never comes back executable, through the same payloads, parser and checks as
tests/security/test_xss_payloads.py."""

import pytest
from django.urls import reverse

from policies.markdown import render_markdown
from reports import services
from tests import factories
from tests.reports.factories import drafted
from tests.security.test_xss_payloads import Target
from tests.security.test_xss_payloads import (
    test_payloads_never_come_back_executable as _check_payloads,
)

pytestmark = pytest.mark.django_db


def _linked():
    """A draft edition whose first paragraph reflects c1, with a 案 copied from it."""
    s = drafted()
    services.paragraph_link_comment(
        paragraph=s.p1, comment=s.c1, kind="not_reflected", reasoning="理由", by=s.secretariat
    )
    s.draft = services.edition_create(
        report=s.report, kind="draft", meeting=factories.MeetingFactory(), by=s.secretariat
    )
    return s


def _edition_pages(e) -> list[str]:
    return [
        reverse("reports:edition-detail", args=[e.pk]),
        reverse("reports:edition-print", args=[e.pk]),
    ]


def _report():
    s = _linked()
    s.report._pages = [*_edition_pages(s.edition), reverse("reports:report-list")]
    return s.report


def _section():
    s = _linked()
    s.chapter._pages = [
        *_edition_pages(s.edition),
        reverse("reports:section-edit", args=[s.chapter.pk]),
    ]
    return s.chapter


def _paragraph():
    s = _linked()
    p = s.draft.paragraphs.get(number=1)
    p._pages = [
        *_edition_pages(s.draft),
        reverse("reports:paragraph-edit", args=[p.pk]),
        reverse("reports:paragraph-links", args=[p.pk]),
        reverse("reports:compare", args=[s.draft.pk]),
    ]
    return p


def _rendered(obj) -> None:
    """What the services store: the body through the comment sanitiser."""
    type(obj).objects.filter(pk=obj.pk).update(body_html=render_markdown(obj.body))


def _disposition():
    s = _linked()
    d = s.edition.dispositions.get(comment=s.c1)
    d._pages = [
        reverse("reports:responses", args=[s.edition.pk]),
        reverse("reports:disposition-edit", args=[s.edition.pk, s.c1.pk]),
        reverse("reports:paragraph-links", args=[s.p1.pk]),
        reverse("policies:question-detail", args=[s.q1.pk]),
    ]
    return d


def _quoted_comment():
    s = _linked()
    s.c1._pages = [
        reverse("reports:edition-detail", args=[s.edition.pk]),
        reverse("reports:responses", args=[s.edition.pk]),
        reverse("reports:paragraph-links", args=[s.p1.pk]),
        reverse("reports:disposition-edit", args=[s.edition.pk, s.c1.pk]),
        reverse("reports:edition-coverage", args=[s.draft.pk]),
    ]
    return s.c1


def _quoted_author():
    s = _linked()
    s.a._pages = [
        reverse("reports:edition-detail", args=[s.edition.pk]),
        reverse("reports:responses", args=[s.edition.pk]),
        reverse("reports:paragraph-links", args=[s.p1.pk]),
        reverse("reports:edition-coverage", args=[s.draft.pk]),
    ]
    return s.a


TARGETS = [
    Target("report title", _report, ("title",), lambda r: r._pages),
    Target("report heading", _section, ("title",), lambda s: s._pages),
    Target("report paragraph", _paragraph, ("body",), lambda p: p._pages, after_set=_rendered),
    Target("disposition reasoning", _disposition, ("reasoning",), lambda d: d._pages),
    Target(
        "comment quoted by the report",
        _quoted_comment,
        ("body",),
        lambda c: c._pages,
        after_set=_rendered,
    ),
    Target("member quoted by the report", _quoted_author, ("display_name",), lambda u: u._pages),
]


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_report_texts_never_come_back_executable(target):
    _check_payloads(target)
