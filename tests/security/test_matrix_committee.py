"""Authorisation matrix of the committee app: meetings, agenda items, hearings, materials and
their versions, minutes, .ics. Drafts are 404 for everyone but the secretariat and admins, the
same as a missing pk; every write is the secretariat's (403 for signed-in others: the role
check comes first and says nothing about the object)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from committee.models import AgendaItem, Hearing, Material, Meeting, Minutes
from tests.committee.factories import PDF_BYTES
from tests.security.matrix import (
    LOGIN,
    OK,
    Row,
    cases,
    everyone,
    expect,
    run_case,
    staff_only,
    staff_see,
)
from tests.security.world import MISSING

pytestmark = pytest.mark.django_db

GET_ON_POST_ONLY = expect(LOGIN, 403, 403, 403, 405, 405)
WRITE = staff_only(OK)
NOT_FOUND_FOR_STAFF = staff_only(404)
MEETING_SCOPES = {
    "published": lambda w: w.meeting.pk,
    "unpublished": lambda w: w.draft_meeting.pk,
    "missing": lambda w: MISSING,
}
ITEM_SCOPES = {
    "published": lambda w: w.item.pk,
    "unpublished": lambda w: w.draft_item.pk,
    "of unpublished meeting": lambda w: w.item_of_draft_meeting.pk,
    "missing": lambda w: MISSING,
}
HEARING_SCOPES = {
    "published": lambda w: w.hearing.pk,
    "unpublished": lambda w: w.draft_hearing.pk,
    "of unpublished meeting": lambda w: w.hearing_of_draft_meeting.pk,
    "missing": lambda w: MISSING,
}
MATERIAL_SCOPES = {
    "published": lambda w: w.material.pk,
    "unpublished": lambda w: w.draft_material.pk,
    "of unpublished meeting": lambda w: w.material_of_draft_meeting.pk,
    "missing": lambda w: MISSING,
}


def _staff_write(scope: str) -> dict:
    return NOT_FOUND_FOR_STAFF if scope == "missing" else WRITE


def _staff_read(scope: str) -> dict:
    return NOT_FOUND_FOR_STAFF if scope == "missing" else staff_only(200)


def _public_read(scope: str) -> dict:
    if scope == "published":
        return everyone(200)
    if scope == "missing":
        return everyone(404)
    return staff_see(200)


def _count(model, **filters):
    return lambda w: model.objects.filter(**filters).count()


def _pdf():
    return SimpleUploadedFile("zq.pdf", PDF_BYTES, content_type="application/pdf")


ROWS = [
    Row("home", "none", lambda w: "/", everyone(200)),
    Row("committee:meeting-list", "none", lambda w: "/meetings/", everyone(200)),
    Row(
        "committee:meeting-create",
        "none",
        lambda w: "/meetings/new/",
        staff_only(200),
    ),
    Row(
        "committee:meeting-create",
        "none",
        lambda w: "/meetings/new/",
        WRITE,
        method="POST",
        data={
            "number": "9199",
            "title": "第9199回",
            "period_start": "2026-06-01",
            "period_end": "2026-07-31",
            "status": "planned",
        },
        state=lambda w: Meeting.objects.count(),
        changes=True,
    ),
    Row(
        "committee:meeting-detail",
        "no published minutes",
        lambda w: f"/meetings/{w.meeting_no_minutes.pk}/",
        everyone(200),
    ),
]

for scope, pk in MEETING_SCOPES.items():
    ROWS += [
        Row(
            "committee:meeting-detail",
            scope,
            lambda w, pk=pk: f"/meetings/{pk(w)}/",
            _public_read(scope),
        ),
        Row(
            "committee:meeting-ics",
            scope,
            lambda w, pk=pk: f"/meetings/{pk(w)}/calendar.ics",
            _public_read(scope),
        ),
        Row(
            "committee:meeting-edit",
            scope,
            lambda w, pk=pk: f"/meetings/{pk(w)}/edit/",
            _staff_read(scope),
        ),
        Row(
            "committee:meeting-edit",
            scope,
            lambda w, pk=pk: f"/meetings/{pk(w)}/edit/",
            _staff_write(scope),
            method="POST",
            data=lambda w, pk=pk: {
                "number": str(
                    Meeting.objects.filter(pk=pk(w)).values_list("number", flat=True).first()
                    or 9198
                ),
                "title": "改題 ZQEDITED",
                "period_start": "2026-04-01",
                "period_end": "2026-05-31",
                "status": "planned",
                "is_published": "on",
                "version": "1",
            },
            state=lambda w: sorted(Meeting.objects.values_list("pk", "title", "is_published")),
            changes=scope != "missing",
        ),
        Row(
            "committee:agenda-item-create",
            scope,
            lambda w, pk=pk: f"/meetings/{pk(w)}/items/new/",
            _staff_write(scope),
            method="POST",
            data={"title": "新議題 ZQNEW", "description": "", "is_published": "on"},
            state=_count(AgendaItem),
            changes=scope != "missing",
        ),
        Row(
            "committee:material-create",
            scope,
            lambda w, pk=pk: f"/meetings/{pk(w)}/materials/new/",
            _staff_read(scope),
        ),
        Row(
            "committee:material-create",
            scope,
            lambda w, pk=pk: f"/meetings/{pk(w)}/materials/new/",
            _staff_write(scope),
            method="POST",
            data=lambda w: {"number": "資料9", "title": "新資料", "file": _pdf()},
            state=_count(Material),
            changes=scope != "missing",
        ),
        Row(
            "committee:minutes-edit",
            scope,
            lambda w, pk=pk: f"/meetings/{pk(w)}/minutes/edit/",
            _staff_read(scope),
        ),
        Row(
            "committee:minutes-edit",
            scope,
            lambda w, pk=pk: f"/meetings/{pk(w)}/minutes/edit/",
            _staff_write(scope),
            method="POST",
            data={"body": "書き換え ZQMINUTES", "is_published": "on", "version": "1"},
            state=lambda w: sorted(Minutes.objects.values_list("pk", "body", "is_published")),
            changes=scope != "missing",
        ),
    ]

ROWS += [
    Row(
        "committee:agenda-item-create",
        "published",
        lambda w: f"/meetings/{w.meeting.pk}/items/new/",
        GET_ON_POST_ONLY,
    ),
]

for scope, pk in ITEM_SCOPES.items():
    ROWS += [
        Row(
            "committee:agenda-item-edit",
            scope,
            lambda w, pk=pk: f"/meetings/items/{pk(w)}/edit/",
            _staff_read(scope),
        ),
        Row(
            "committee:agenda-item-edit",
            scope,
            lambda w, pk=pk: f"/meetings/items/{pk(w)}/edit/",
            _staff_write(scope),
            method="POST",
            data={"title": "改題 ZQITEM", "description": "", "is_published": "on", "version": "1"},
            state=lambda w: sorted(AgendaItem.objects.values_list("pk", "title", "is_published")),
            changes=scope != "missing",
        ),
        Row(
            "committee:agenda-item-delete",
            scope,
            lambda w, pk=pk: f"/meetings/items/{pk(w)}/delete/",
            _staff_write(scope),
            method="POST",
            state=_count(AgendaItem),
            changes=scope != "missing",
        ),
        Row(
            "committee:agenda-item-move",
            scope,
            lambda w, pk=pk: f"/meetings/items/{pk(w)}/move/down/",
            _staff_write(scope),
            method="POST",
            state=lambda w: sorted(AgendaItem.objects.values_list("pk", "position")),
            # The last item of its meeting cannot go down: allowed, but nothing to change.
            changes=scope == "published",
        ),
        Row(
            "committee:hearing-create",
            scope,
            lambda w, pk=pk: f"/meetings/items/{pk(w)}/hearings/new/",
            _staff_write(scope),
            method="POST",
            data={"speaker": "新しい有識者", "affiliation": "", "topic": ""},
            state=_count(Hearing),
            changes=scope != "missing",
        ),
    ]

ROWS += [
    Row(
        "committee:agenda-item-move",
        "published, unknown direction",
        lambda w: f"/meetings/items/{w.item.pk}/move/sideways/",
        NOT_FOUND_FOR_STAFF,
        method="POST",
        state=lambda w: sorted(AgendaItem.objects.values_list("pk", "position")),
    ),
    Row(
        "committee:agenda-item-delete",
        "published",
        lambda w: f"/meetings/items/{w.item.pk}/delete/",
        GET_ON_POST_ONLY,
    ),
    Row(
        "committee:agenda-item-move",
        "published",
        lambda w: f"/meetings/items/{w.item.pk}/move/up/",
        GET_ON_POST_ONLY,
    ),
    Row(
        "committee:hearing-create",
        "published",
        lambda w: f"/meetings/items/{w.item.pk}/hearings/new/",
        GET_ON_POST_ONLY,
    ),
]

for scope, pk in HEARING_SCOPES.items():
    ROWS += [
        Row(
            "committee:hearing-edit",
            scope,
            lambda w, pk=pk: f"/meetings/hearings/{pk(w)}/edit/",
            _staff_read(scope),
        ),
        Row(
            "committee:hearing-edit",
            scope,
            lambda w, pk=pk: f"/meetings/hearings/{pk(w)}/edit/",
            _staff_write(scope),
            method="POST",
            data={"speaker": "改名 ZQSPEAKER", "affiliation": "", "topic": "", "version": "1"},
            state=lambda w: sorted(Hearing.objects.values_list("pk", "speaker")),
            changes=scope != "missing",
        ),
        Row(
            "committee:hearing-delete",
            scope,
            lambda w, pk=pk: f"/meetings/hearings/{pk(w)}/delete/",
            _staff_write(scope),
            method="POST",
            state=_count(Hearing),
            changes=scope != "missing",
        ),
    ]

ROWS += [
    Row(
        "committee:hearing-delete",
        "published",
        lambda w: f"/meetings/hearings/{w.hearing.pk}/delete/",
        GET_ON_POST_ONLY,
    ),
    Row(
        "committee:material-delete",
        "published",
        lambda w: f"/meetings/materials/{w.material.pk}/delete/",
        GET_ON_POST_ONLY,
    ),
]

for scope, pk in MATERIAL_SCOPES.items():
    ROWS += [
        Row(
            "committee:material-edit",
            scope,
            lambda w, pk=pk: f"/meetings/materials/{pk(w)}/edit/",
            _staff_read(scope),
        ),
        Row(
            "committee:material-edit",
            scope,
            lambda w, pk=pk: f"/meetings/materials/{pk(w)}/edit/",
            _staff_write(scope),
            method="POST",
            data=lambda w, pk=pk: {
                "number": Material.objects.filter(pk=pk(w)).values_list("number", flat=True).first()
                or "資料1",
                "title": "改題 ZQMATERIAL",
                "is_published": "on",
                "version": "1",
            },
            state=lambda w: sorted(Material.objects.values_list("pk", "title", "is_published")),
            changes=scope != "missing",
        ),
        Row(
            "committee:material-delete",
            scope,
            lambda w, pk=pk: f"/meetings/materials/{pk(w)}/delete/",
            _staff_write(scope),
            method="POST",
            state=_count(Material),
            changes=scope != "missing",
        ),
        Row(
            "committee:material-download",
            scope,
            lambda w, pk=pk: f"/meetings/materials/{pk(w)}/download/",
            _public_read(scope),
        ),
    ]

ROWS += [
    # Older versions are kept for the record: only the secretariat downloads them.
    Row(
        "committee:material-version-download",
        "published, older version",
        lambda w: f"/meetings/materials/{w.material.pk}/versions/{w.old_version.pk}/download/",
        staff_see(200),
    ),
    Row(
        "committee:material-version-download",
        "published, current version",
        lambda w: f"/meetings/materials/{w.material.pk}/versions/{w.version.pk}/download/",
        staff_see(200),
    ),
    Row(
        "committee:material-version-download",
        "unpublished",
        lambda w: (
            f"/meetings/materials/{w.draft_material.pk}/versions/"
            f"{w.draft_material.versions.first().pk}/download/"
        ),
        staff_see(200),
    ),
    Row(
        "committee:material-version-download",
        "version of another material",
        lambda w: (
            f"/meetings/materials/{w.material.pk}/versions/"
            f"{w.draft_material.versions.first().pk}/download/"
        ),
        everyone(404),
    ),
    Row(
        "committee:material-version-download",
        "missing",
        lambda w: f"/meetings/materials/{w.material.pk}/versions/{MISSING}/download/",
        everyone(404),
    ),
]


@pytest.mark.parametrize(("row", "role"), cases(ROWS))
def test_committee_matrix(world, row, role):
    problems = run_case(world, row, role)
    assert not problems, "\n".join(problems)
