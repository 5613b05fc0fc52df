"""XSS registry of the consultation desk: the texts it shows (perspective and question texts,
agenda item titles in its choices, the change history, commenters' names on the publication
confirmation) go through the same 44 payloads and parser as tests/security/test_xss_payloads."""

import pytest

from policies.desk import services
from tests import factories
from tests.security import test_xss_payloads as xss

pytestmark = pytest.mark.django_db


def _question():
    return factories.QuestionFactory(agenda_item=factories.AgendaItemFactory())


def _logged_edit(question) -> None:
    # The history shows logged before/after values: write one through the service.
    question.refresh_from_db()
    services.question_update(
        question=question,
        version=question.version,
        title=question.title[:190] + " 改",
        body=question.body + " 改",
        agenda_item=question.agenda_item,
        is_published=question.is_published,
        by=factories.secretariat(username=f"xss_jimu_{question.version}"),
    )


def _commenter():
    from tests.policies.factories import CommentFactory

    question = _question()
    comment = CommentFactory(question=question)
    comment.author.desk_question = question
    return comment.author


def _desk(kind: str, pk: int, page: str) -> str:
    return f"/desk/{kind}/{pk}/{page}"


TARGETS = [
    xss.Target(
        "desk perspective",
        lambda: _question().perspective,
        ("label", "title"),
        lambda p: [
            "/desk/",
            _desk("perspectives", p.pk, "edit/"),
            _desk("perspectives", p.pk, "questions/new/"),
        ],
    ),
    xss.Target(
        "desk question",
        _question,
        ("title", "body"),
        lambda q: [_desk("questions", q.pk, "edit/")],
    ),
    xss.Target(
        "desk question title in the list and confirmation",
        _question,
        ("title",),
        lambda q: ["/desk/", _desk("questions", q.pk, "comments/publish/")],
    ),
    xss.Target(
        "desk question history",
        _question,
        ("title", "body"),
        lambda q: [_desk("questions", q.pk, "edit/")],
        after_set=_logged_edit,
    ),
    xss.Target(
        "agenda item in the desk's choices",
        lambda: _question().agenda_item,
        ("title",),
        lambda i: [_desk("questions", i.questions.first().pk, "edit/"), "/desk/"],
    ),
    xss.Target(
        "commenter on the publication confirmation",
        _commenter,
        ("display_name",),
        lambda u: [_desk("questions", u.desk_question.pk, "comments/publish/")],
    ),
]


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_desk_payloads_never_come_back_executable(target):
    xss.test_payloads_never_come_back_executable(target)
