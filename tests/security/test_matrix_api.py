"""Authorisation matrix of the open-data API: every operation is public and answers every role
the same (what an anonymous reader may see); drafts, unpublished minutes and members-only
or hidden comments never appear, whoever asks; writes are refused (405)."""

import json

import pytest

from tests.proceedings.matrix_world import PROC_DRAFT
from tests.proceedings.matrix_world import build as add_proceedings
from tests.security.matrix import Row, cases, everyone, run_case
from tests.security.test_matrix_reports import _add_reports
from tests.security.world import DRAFT, HIDDEN, INTERNAL, MISSING, MISSING_SLUG

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def api_world(world, django_db_blocker):
    """The matrix world with the reports matrix's editions (published, shared, draft) and the
    proceedings matrix's records (published, out for confirmation, draft, of a draft meeting)."""
    with django_db_blocker.unblock():
        _add_reports(world)
        add_proceedings(world)
    return world


def _edition(pk) -> str:
    return f"/api/reports/editions/{pk}"


def _record(pk) -> str:
    return f"/api/proceedings/records/{pk}"


ROWS = [
    Row("api:api-root", "none", lambda w: "/api/", everyone(404)),
    Row("api:openapi-json", "none", lambda w: "/api/openapi.json", everyone(200)),
    Row("api:meeting-list", "none", lambda w: "/api/meetings", everyone(200)),
    Row("api:meeting-list", "page 2", lambda w: "/api/meetings?page=2", everyone(200)),
    Row("api:meeting-list", "bad page", lambda w: "/api/meetings?page=0", everyone(422)),
    Row("api:meeting-list", "none", lambda w: "/api/meetings", everyone(405), method="POST"),
    Row("api:meeting-detail", "published", lambda w: f"/api/meetings/{w.meeting.pk}", everyone()),
    Row(
        "api:meeting-detail",
        "unpublished",
        lambda w: f"/api/meetings/{w.draft_meeting.pk}",
        everyone(404),
    ),
    Row("api:meeting-detail", "missing", lambda w: f"/api/meetings/{MISSING}", everyone(404)),
    Row("api:minutes-list", "none", lambda w: "/api/minutes", everyone(200)),
    Row("api:comment-list", "none", lambda w: "/api/comments", everyone(200)),
    Row(
        "api:comment-list",
        "of one question",
        lambda w: f"/api/comments?question={w.question.pk}",
        everyone(200),
    ),
    Row(
        "api:comment-list",
        "of a draft question",
        lambda w: f"/api/comments?question={w.draft_question.pk}",
        everyone(200),
    ),
    Row("api:series-list", "none", lambda w: "/api/statistics/series", everyone(200)),
    Row("api:scheme-list", "none", lambda w: "/api/schemes", everyone(200)),
    Row("api:scheme-detail", "existing", lambda w: f"/api/schemes/{w.scheme.slug}", everyone()),
    Row("api:scheme-detail", "missing", lambda w: f"/api/schemes/{MISSING_SLUG}", everyone(404)),
    Row("api:edition-list", "none", lambda w: "/api/reports/editions", everyone(200)),
    Row("api:edition-list", "bad page", lambda w: "/api/reports/editions?page=0", everyone(422)),
    Row("api:edition-detail", "published", lambda w: _edition(w.published.pk), everyone(200)),
    Row("api:edition-detail", "shared", lambda w: _edition(w.shared.pk), everyone(404)),
    Row("api:edition-detail", "draft", lambda w: _edition(w.draft.pk), everyone(404)),
    Row("api:edition-detail", "missing", lambda w: _edition(MISSING), everyone(404)),
    Row("api:record-list", "none", lambda w: "/api/proceedings/records", everyone(200)),
    Row("api:record-list", "bad page", lambda w: "/api/proceedings/records?page=0", everyone(422)),
    Row("api:record-detail", "published", lambda w: _record(w.pub_record.pk), everyone(200)),
    Row("api:record-detail", "confirming", lambda w: _record(w.conf_record.pk), everyone(404)),
    Row("api:record-detail", "draft", lambda w: _record(w.draft_record.pk), everyone(404)),
    Row(
        "api:record-detail",
        "of a draft meeting",
        lambda w: _record(w.record_of_draft_meeting.pk),
        everyone(404),
    ),
    Row("api:record-detail", "missing", lambda w: _record(MISSING), everyone(404)),
]


@pytest.mark.parametrize(("row", "role"), cases(ROWS))
def test_api_matrix(api_world, row, role):
    problems = run_case(api_world, row, role)
    assert not problems, "\n".join(problems)


SECRETS = (*DRAFT.values(), *INTERNAL.values(), *HIDDEN.values(), *PROC_DRAFT.values())
NEVER = [text.split()[-1] for text in SECRETS]
LISTS = [
    "/api/meetings",
    "/api/minutes",
    "/api/comments",
    "/api/statistics/series",
    "/api/reports/editions",
    "/api/proceedings/records",
]


@pytest.mark.parametrize("role", ["anonymous", "member", "secretariat", "admin"])
def test_nothing_unpublished_ever_appears_whoever_asks(api_world, role):
    """Staff see drafts on the pages; through the API they get the anonymous answer too."""
    world = api_world
    client = world.clients[role]
    pages = [*LISTS, f"/api/meetings/{world.meeting.pk}"]
    pages += [_edition(world.published.pk), _record(world.pub_record.pk)]
    pages += [f"/api/comments?question={q.pk}" for q in (world.question, world.open_book_question)]
    bodies = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        bodies[path] = response.content.decode()
    for path, body in bodies.items():
        assert not [m for m in NEVER if m in body], path
    meeting = json.loads(bodies[f"/api/meetings/{world.meeting.pk}"])
    assert world.draft_item.pk not in [i["id"] for i in meeting["agenda_items"]]
    assert world.draft_material.pk not in [m["id"] for m in meeting["materials"]]
    numbers = [m["number"] for m in json.loads(bodies["/api/meetings"])["items"]]
    assert world.meeting.number in numbers and world.draft_meeting.number not in numbers
    minutes = [m["meeting_id"] for m in json.loads(bodies["/api/minutes"])["items"]]
    assert minutes == [world.meeting.pk]  # the draft meeting's and the unpublished ones: absent
    comments = {c["id"] for c in json.loads(bodies["/api/comments"])["items"]}
    assert world.public_comment.pk in comments
    assert world.internal_comment.pk not in comments and world.hidden_comment.pk not in comments
