"""Authorisation matrix of the consultation desk (policies.desk): every page and action is the
secretariat's and admins'. Anonymous visitors go to the login page, observers and members get
403 (the role check comes first and says nothing about the object) and nothing changes; for
staff a missing perspective or question is 404."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import NotificationLog
from committee.models import ChangeLog
from policies.models import Perspective, Question
from tests.security.matrix import LOGIN, OK, Row, cases, expect, run_case, staff_only
from tests.security.world import MISSING

pytestmark = pytest.mark.django_db

GET_ON_POST_ONLY = expect(LOGIN, 403, 403, 403, 405, 405)
PERSPECTIVE_SCOPES = {"existing": lambda w: w.perspective.pk, "missing": lambda w: MISSING}
PERSPECTIVE_URL = "/desk/perspectives/{}/"
QUESTION_URL = "/desk/questions/{}/"
QUESTION_SCOPES = {
    "published": lambda w: w.question.pk,
    "unpublished": lambda w: w.draft_question.pk,
    "missing": lambda w: MISSING,
}


def _desk_state(w):
    """Everything a desk action may write: questions, perspectives, history, mails."""
    return (
        sorted(
            Question.objects.values_list(
                "pk",
                "title",
                "position",
                "agenda_item_id",
                "is_published",
                "opens_at",
                "closes_at",
                "comments_published",
                "version",
            )
        ),
        sorted(Perspective.objects.values_list("pk", "label", "title", "position", "version")),
        ChangeLog.objects.count(),
        NotificationLog.objects.count(),
    )


def _read(scope: str) -> dict:
    return staff_only(404) if scope == "missing" else staff_only(200)


def _write(scope: str) -> dict:
    return staff_only(404) if scope == "missing" else staff_only(OK)


def _version(model, pk) -> int:
    return model.objects.filter(pk=pk).values_list("version", flat=True).first() or 1


def _later(days: int) -> str:
    return timezone.localtime(timezone.now() + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


ROWS = [
    Row("desk:index", "none", lambda w: "/desk/", staff_only(200)),
    Row("desk:perspective-create", "none", lambda w: "/desk/perspectives/new/", staff_only(200)),
    Row(
        "desk:perspective-create",
        "none",
        lambda w: "/desk/perspectives/new/",
        staff_only(OK),
        method="POST",
        data={"label": "新しい観点 ZQ", "title": "新観点 ZQNEW"},
        state=_desk_state,
        changes=True,
    ),
]

for scope, pk in PERSPECTIVE_SCOPES.items():
    changes = scope != "missing"
    ROWS += [
        Row(
            "desk:perspective-edit",
            scope,
            lambda w, pk=pk: PERSPECTIVE_URL.format(pk(w)) + "edit/",
            _read(scope),
        ),
        Row(
            "desk:perspective-edit",
            scope,
            lambda w, pk=pk: PERSPECTIVE_URL.format(pk(w)) + "edit/",
            _write(scope),
            method="POST",
            data=lambda w, pk=pk: {
                "label": "改名 ZQ",
                "title": "改題 ZQEDITED",
                "version": _version(Perspective, pk(w)),
            },
            state=_desk_state,
            changes=changes,
        ),
        Row(
            "desk:perspective-move",
            scope,
            lambda w, pk=pk: PERSPECTIVE_URL.format(pk(w)) + "move/up/",
            _write(scope),
            method="POST",
            state=_desk_state,
        ),
        Row(
            "desk:perspective-move",
            scope,
            lambda w, pk=pk: PERSPECTIVE_URL.format(pk(w)) + "move/down/",
            GET_ON_POST_ONLY,
        ),
        Row(
            "desk:perspective-period",
            scope,
            lambda w, pk=pk: PERSPECTIVE_URL.format(pk(w)) + "period/extend/",
            _write(scope),
            method="POST",
            data=lambda w, pk=pk: {
                "version": _version(Perspective, pk(w)),
                "closes_at": _later(30),
            },
            state=_desk_state,
            changes=changes,
        ),
        Row(
            "desk:perspective-period",
            scope,
            lambda w, pk=pk: PERSPECTIVE_URL.format(pk(w)) + "period/close/",
            GET_ON_POST_ONLY,
        ),
        Row(
            "desk:question-create",
            scope,
            lambda w, pk=pk: PERSPECTIVE_URL.format(pk(w)) + "questions/new/",
            _read(scope),
        ),
        Row(
            "desk:question-create",
            scope,
            lambda w, pk=pk: PERSPECTIVE_URL.format(pk(w)) + "questions/new/",
            _write(scope),
            method="POST",
            data=lambda w: {"title": "新論点 ZQNEW", "body": "本文", "agenda_item": w.item.pk},
            state=_desk_state,
            changes=changes,
        ),
    ]

for scope, pk in QUESTION_SCOPES.items():
    changes = scope != "missing"
    ROWS += [
        Row(
            "desk:question-edit",
            scope,
            lambda w, pk=pk: QUESTION_URL.format(pk(w)) + "edit/",
            _read(scope),
        ),
        Row(
            "desk:question-edit",
            scope,
            lambda w, pk=pk: QUESTION_URL.format(pk(w)) + "edit/",
            _write(scope),
            method="POST",
            data=lambda w, pk=pk: {
                "title": "改題 ZQEDITED",
                "body": "本文",
                "agenda_item": w.item2.pk,
                "is_published": "on",
                "version": _version(Question, pk(w)),
            },
            state=_desk_state,
            changes=changes,
        ),
        Row(
            "desk:question-move",
            scope,
            lambda w, pk=pk: QUESTION_URL.format(pk(w)) + "move/down/",
            _write(scope),
            method="POST",
            state=_desk_state,
            changes=changes,
        ),
        Row(
            "desk:question-move",
            scope,
            lambda w, pk=pk: QUESTION_URL.format(pk(w)) + "move/up/",
            GET_ON_POST_ONLY,
        ),
        Row(
            "desk:question-publish",
            scope,
            lambda w, pk=pk: QUESTION_URL.format(pk(w)) + "publish/",
            _write(scope),
            method="POST",
            data=lambda w, pk=pk: {
                "published": "0" if pk(w) == w.question.pk else "1",
                "version": _version(Question, pk(w)),
            },
            state=_desk_state,
            changes=changes,
        ),
        Row(
            "desk:question-publish",
            scope,
            lambda w, pk=pk: QUESTION_URL.format(pk(w)) + "publish/",
            GET_ON_POST_ONLY,
        ),
        Row(
            "desk:question-period",
            scope,
            # Both follow the matrix perspective's period, open now: closing takes effect.
            lambda w, pk=pk: QUESTION_URL.format(pk(w)) + "period/close/",
            _write(scope),
            method="POST",
            data=lambda w, pk=pk: {"version": _version(Question, pk(w))},
            state=_desk_state,
            changes=changes,
        ),
        Row(
            "desk:question-period",
            scope,
            lambda w, pk=pk: QUESTION_URL.format(pk(w)) + "period/open/",
            GET_ON_POST_ONLY,
        ),
        Row(
            "desk:comments-publication",
            scope,
            lambda w, pk=pk: QUESTION_URL.format(pk(w)) + "comments/publish/",
            _read(scope),
        ),
        Row(
            "desk:comments-publication",
            scope,
            lambda w, pk=pk: QUESTION_URL.format(pk(w)) + "comments/publish/",
            _write(scope),
            method="POST",
            data=lambda w, pk=pk: {
                "version": _version(Question, pk(w)),
                "expected_count": _publishable(pk(w)),
            },
            state=_desk_state,
            changes=changes,
        ),
    ]


def _publishable(pk: int) -> int:
    from policies.desk.selectors import publication_summary

    question = Question.objects.filter(pk=pk).first()
    return publication_summary(question)["count"] if question else 0


@pytest.mark.parametrize(("row", "role"), cases(ROWS))
def test_desk_matrix(world, row, role):
    problems = run_case(world, row, role)
    assert not problems, "\n".join(problems)
