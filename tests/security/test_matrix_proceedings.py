"""Authorisation matrix of the meeting record (proceedings): attendance, records and their
confirmation, corrections, search, 書面審議. Drafts and records out for confirmation are the
secretariat's (404 for everyone else, as missing); a member confirms and corrects only their
own statements (404 for another's); only members vote or declare a conflict of interest (403
for other roles: the role check comes first), and only on what was put to them (404)."""

import pytest

from proceedings.models import (
    Attendance,
    Confirmation,
    Correction,
    Deliberation,
    Record,
    Recusal,
    Statement,
    Vote,
)
from tests.proceedings.matrix_world import PROC_DRAFT, build
from tests.security import world as world_module
from tests.security.matrix import (
    LOGIN,
    OK,
    Row,
    cases,
    everyone,
    expect,
    run_case,
    signed_in,
    staff_only,
    staff_see,
)
from tests.security.world import MISSING

pytestmark = pytest.mark.django_db


WRITE = staff_only(OK)
MEMBER_ONLY = expect(LOGIN, 403, OK, OK, 403, 403)
OWN_ONLY = expect(LOGIN, 403, OK, 404, 403, 403)
MEMBER_NOT_FOUND = expect(LOGIN, 403, 404, 404, 403, 403)
ROSTER_READ = expect(404, 404, 200, 200, 200, 200)


@pytest.fixture(scope="module")
def w(world):
    """The matrix world plus the meeting record's objects (rolled back with the world)."""
    world_module.DRAFT.update(PROC_DRAFT)
    try:
        build(world)
        yield world
    finally:
        for key in PROC_DRAFT:
            world_module.DRAFT.pop(key, None)


def _count(model, **filters):
    return lambda w: model.objects.filter(**filters).count()


def _record_scopes():
    return {
        "published": (lambda w: w.pub_record.pk, everyone(200)),
        "out for confirmation": (lambda w: w.conf_record.pk, staff_see(200)),
        "draft": (lambda w: w.draft_record.pk, staff_see(200)),
        "of unpublished meeting": (lambda w: w.record_of_draft_meeting.pk, staff_see(200)),
        "missing": (lambda w: MISSING, everyone(404)),
    }


P = "/proceedings"
ROWS = [
    Row(
        "proceedings:statement-search", "none", lambda w: f"{P}/search/?q=未公開草案", everyone(302)
    ),
    Row("proceedings:deliberation-list", "none", lambda w: f"{P}/written/", signed_in(200)),
    Row(
        "proceedings:attendance",
        "published",
        lambda w: f"{P}/meetings/{w.meeting.pk}/attendance/",
        staff_only(200),
    ),
    Row(
        "proceedings:attendance",
        "unpublished",
        lambda w: f"{P}/meetings/{w.draft_meeting.pk}/attendance/",
        staff_only(200),
    ),
    Row(
        "proceedings:attendance",
        "missing",
        lambda w: f"{P}/meetings/{MISSING}/attendance/",
        staff_only(404),
    ),
    Row(
        "proceedings:roster-take",
        "unpublished, no roster",
        lambda w: f"{P}/meetings/{w.draft_meeting.pk}/attendance/roster/",
        WRITE,
        method="POST",
        state=_count(Attendance),
        changes=True,
    ),
    Row(
        "proceedings:roster-take",
        "missing",
        lambda w: f"{P}/meetings/{MISSING}/attendance/roster/",
        staff_only(404),
        method="POST",
    ),
    Row(
        "proceedings:attendance-record",
        "roster row",
        lambda w: f"{P}/attendance/{w.att.pk}/",
        WRITE,
        method="POST",
        data=lambda w: {"status": "absent", "version": Attendance.objects.get(pk=w.att.pk).version},
        state=lambda w: Attendance.objects.get(pk=w.att.pk).status,
        changes=True,
    ),
    Row(
        "proceedings:attendance-record",
        "missing",
        lambda w: f"{P}/attendance/{MISSING}/",
        staff_only(404),
        method="POST",
        data={"status": "absent", "version": 1},
    ),
    Row(
        "proceedings:attendance-chair",
        "roster row",
        lambda w: f"{P}/attendance/{w.att.pk}/chair/",
        WRITE,
        method="POST",
        state=lambda w: Attendance.objects.get(pk=w.att.pk).is_chair,
        changes=True,
    ),
    Row(
        "proceedings:record-create",
        "unpublished meeting",
        lambda w: f"{P}/meetings/{w.draft_meeting.pk}/records/full/new/",
        WRITE,
        method="POST",
        state=_count(Record),
        changes=True,
    ),
    Row(
        "proceedings:record-create",
        "missing",
        lambda w: f"{P}/meetings/{MISSING}/records/full/new/",
        staff_only(404),
        method="POST",
    ),
    Row(
        "proceedings:record-confirm",
        "asked to confirm",
        lambda w: f"{P}/records/{w.conf_record.pk}/confirm/",
        expect(LOGIN, 403, 200, 200, 403, 403),
    ),
    Row(
        "proceedings:record-confirm",
        "published, not asked",
        lambda w: f"{P}/records/{w.pub_record.pk}/confirm/",
        MEMBER_NOT_FOUND,
    ),
    Row(
        "proceedings:record-confirm",
        "draft",
        lambda w: f"{P}/records/{w.draft_record.pk}/confirm/",
        MEMBER_NOT_FOUND,
    ),
    Row(
        "proceedings:record-confirm-done",
        "asked to confirm",
        lambda w: f"{P}/records/{w.conf_record.pk}/confirm/done/",
        MEMBER_ONLY,
        method="POST",
        state=lambda w: sorted(
            str(c)
            for c in Confirmation.objects.filter(record=w.conf_record).values_list(
                "member_id", "confirmed_at"
            )
        ),
        changes=True,
    ),
    Row(
        "proceedings:record-confirm-done",
        "draft",
        lambda w: f"{P}/records/{w.draft_record.pk}/confirm/done/",
        MEMBER_NOT_FOUND,
        method="POST",
    ),
    Row(
        "proceedings:statement-correct",
        "own statement",
        lambda w: f"{P}/statements/{w.own_statement.pk}/correct/",
        OWN_ONLY,
        method="POST",
        data=lambda w: {"text": "修正案 ZQCORR", "version": 1},
        state=_count(Correction),
        changes=True,
    ),
    Row(
        "proceedings:statement-correct",
        "missing",
        lambda w: f"{P}/statements/{MISSING}/correct/",
        MEMBER_NOT_FOUND,
        method="POST",
        data={"text": "x", "version": 1},
    ),
    Row(
        "proceedings:correction-decide",
        "proposed",
        lambda w: f"{P}/corrections/{w.correction.pk}/decide/",
        WRITE,
        method="POST",
        data={"decision": "discuss", "response": "協議"},
        state=lambda w: Correction.objects.get(pk=w.correction.pk).status,
        changes=True,
    ),
    Row(
        "proceedings:correction-decide",
        "missing",
        lambda w: f"{P}/corrections/{MISSING}/decide/",
        staff_only(404),
        method="POST",
        data={"decision": "discuss"},
    ),
    Row(
        "proceedings:deliberation-create",
        "published",
        lambda w: f"{P}/meetings/{w.meeting.pk}/written/new/",
        staff_only(200),
    ),
    Row(
        "proceedings:deliberation-create",
        "missing",
        lambda w: f"{P}/meetings/{MISSING}/written/new/",
        staff_only(404),
    ),
    Row(
        "proceedings:deliberation-create",
        "published",
        lambda w: f"{P}/meetings/{w.meeting.pk}/written/new/",
        WRITE,
        method="POST",
        data={"title": "新しい案", "body": "本文", "closes_at": "2099-01-01T10:00"},
        state=_count(Deliberation),
        changes=True,
    ),
    Row(
        "proceedings:deliberation-open",
        "draft",
        lambda w: f"{P}/written/{w.draft_d.pk}/open/",
        WRITE,
        method="POST",
        state=lambda w: Deliberation.objects.get(pk=w.draft_d.pk).status,
        changes=True,
    ),
    Row(
        "proceedings:deliberation-open",
        "missing",
        lambda w: f"{P}/written/{MISSING}/open/",
        staff_only(404),
        method="POST",
    ),
    Row(
        "proceedings:deliberation-vote",
        "open",
        lambda w: f"{P}/written/{w.open_d.pk}/vote/",
        MEMBER_ONLY,
        method="POST",
        data={"choice": "for"},
        state=_count(Vote),
        changes=True,
    ),
    Row(
        "proceedings:deliberation-vote",
        "draft",
        lambda w: f"{P}/written/{w.draft_d.pk}/vote/",
        MEMBER_NOT_FOUND,
        method="POST",
        data={"choice": "for"},
        state=_count(Vote),
    ),
    Row(
        "proceedings:deliberation-vote",
        "decided",
        lambda w: f"{P}/written/{w.decided_d.pk}/vote/",
        expect(LOGIN, 403, 409, 409, 403, 403),
        method="POST",
        data={"choice": "for"},
        state=_count(Vote),
        keeps=True,
    ),
    Row(
        "proceedings:deliberation-recuse",
        "open",
        lambda w: f"{P}/written/{w.open_d.pk}/recuse/",
        MEMBER_ONLY,
        method="POST",
        data={"reason": "利害"},
        state=_count(Recusal),
        changes=True,
    ),
    Row(
        "proceedings:deliberation-recuse",
        "draft",
        lambda w: f"{P}/written/{w.draft_d.pk}/recuse/",
        MEMBER_NOT_FOUND,
        method="POST",
        state=_count(Recusal),
    ),
    Row(
        "proceedings:item-recuse",
        "published",
        lambda w: f"{P}/items/{w.item.pk}/recuse/",
        MEMBER_ONLY,
        method="POST",
        data={"reason": ""},
        state=_count(Recusal),
        changes=True,
    ),
    Row(
        "proceedings:item-recuse",
        "unpublished",
        lambda w: f"{P}/items/{w.draft_item.pk}/recuse/",
        MEMBER_NOT_FOUND,
        method="POST",
        state=_count(Recusal),
    ),
    Row(
        "proceedings:deliberation-decide",
        "open",
        lambda w: f"{P}/written/{w.open_d.pk}/decide/",
        WRITE,
        method="POST",
        state=lambda w: Deliberation.objects.get(pk=w.open_d.pk).status,
    ),
    Row(
        "proceedings:deliberation-decide",
        "missing",
        lambda w: f"{P}/written/{MISSING}/decide/",
        staff_only(404),
        method="POST",
    ),
    Row(
        "proceedings:deliberation-publish",
        "decided",
        lambda w: f"{P}/written/{w.decided_d.pk}/publish/",
        WRITE,
        method="POST",
        data={"number": "資料91", "title": "議決記録"},
        state=lambda w: Deliberation.objects.get(pk=w.decided_d.pk).status,
        changes=True,
    ),
    Row(
        "proceedings:deliberation-publish",
        "missing",
        lambda w: f"{P}/written/{MISSING}/publish/",
        staff_only(404),
        method="POST",
    ),
]

DELIBERATION_SCOPES = {
    "open": (lambda w: w.open_d.pk, ROSTER_READ, everyone(404)),
    "draft": (lambda w: w.draft_d.pk, staff_see(200), everyone(404)),
    "decided": (lambda w: w.decided_d.pk, ROSTER_READ, ROSTER_READ),
    "published": (lambda w: w.published_d.pk, everyone(200), everyone(200)),
    "missing": (lambda w: MISSING, everyone(404), everyone(404)),
}
for scope, (pk, page, docx) in DELIBERATION_SCOPES.items():
    ROWS += [
        Row(
            "proceedings:deliberation-detail", scope, lambda w, pk=pk: f"{P}/written/{pk(w)}/", page
        ),
        Row(
            "proceedings:deliberation-docx",
            scope,
            lambda w, pk=pk: f"{P}/written/{pk(w)}/result.docx",
            docx,
        ),
    ]

for scope, (pk, public) in _record_scopes().items():
    staff = staff_only(404) if scope == "missing" else staff_only(200)
    staff_write = staff_only(404) if scope == "missing" else WRITE
    ROWS += [
        Row("proceedings:record-detail", scope, lambda w, pk=pk: f"{P}/records/{pk(w)}/", public),
        Row(
            "proceedings:record-print",
            scope,
            lambda w, pk=pk: f"{P}/records/{pk(w)}/print/",
            public,
        ),
        Row(
            "proceedings:record-docx",
            scope,
            lambda w, pk=pk: f"{P}/records/{pk(w)}/record.docx",
            public,
        ),
        Row(
            "proceedings:record-manage",
            scope,
            lambda w, pk=pk: f"{P}/records/{pk(w)}/manage/",
            staff,
        ),
        Row(
            "proceedings:record-import",
            scope,
            lambda w, pk=pk: f"{P}/records/{pk(w)}/import/",
            staff,
        ),
        Row(
            "proceedings:record-import",
            scope,
            lambda w, pk=pk: f"{P}/records/{pk(w)}/import/",
            staff_write,
            method="POST",
            data={"text": "【事務局】取込み ZQIMPORT"},
            state=_count(Statement),
            changes=scope in ("out for confirmation", "draft"),
        ),
        Row(
            "proceedings:record-send",
            scope,
            lambda w, pk=pk: f"{P}/records/{pk(w)}/send/",
            staff_write,
            method="POST",
            data={"deadline": "2099-01-01T10:00"},
            state=lambda w, pk=pk: str(
                Record.objects.filter(pk=pk(w)).values_list("status", "confirm_deadline").first()
            ),
            changes=scope == "out for confirmation",
        ),
        Row(
            "proceedings:record-remind",
            scope,
            lambda w, pk=pk: f"{P}/records/{pk(w)}/remind/",
            staff_write,
            method="POST",
        ),
        Row(
            "proceedings:record-publish",
            scope,
            lambda w, pk=pk: f"{P}/records/{pk(w)}/publish/",
            staff_write,
            method="POST",
            state=lambda w, pk=pk: (
                Record.objects.filter(pk=pk(w)).values_list("status", flat=True).first()
            ),
        ),
    ]


@pytest.mark.parametrize(("row", "role"), cases(ROWS))
def test_proceedings_matrix(w, row, role):
    problems = run_case(w, row, role)
    assert not problems, "\n".join(problems)
