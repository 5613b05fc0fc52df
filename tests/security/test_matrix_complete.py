"""The matrix covers every URL, and its runner can fail: each check it makes is shown to
catch what it is there for."""

from types import SimpleNamespace

import pytest

from committee.models import AgendaItem
from tests.security import (
    test_matrix_api,
    test_matrix_audit,
    test_matrix_committee,
    test_matrix_desk,
    test_matrix_foundation,
    test_matrix_infra,
    test_matrix_oidc,
    test_matrix_policies,
    test_matrix_proceedings,
    test_matrix_reports,
    test_matrix_review,
    test_matrix_stats,
)
from tests.security.matrix import (
    MEMBER,
    OK,
    SECRETARIAT,
    Row,
    cases,
    everyone,
    missing_rows,
    run_case,
    staff_only,
)

pytestmark = pytest.mark.django_db

ALL_ROWS = (
    test_matrix_foundation.ROWS
    + test_matrix_committee.ROWS
    + test_matrix_desk.ROWS
    + test_matrix_policies.ROWS
    + test_matrix_stats.ROWS
    + test_matrix_reports.ROWS
    + test_matrix_proceedings.ROWS
    + test_matrix_infra.ROWS
    + test_matrix_audit.ROWS
    + test_matrix_api.ROWS
    + test_matrix_oidc.ROWS
    + test_matrix_review.ROWS
)


def test_every_url_has_a_row():
    """A new URL (outside admin/) fails here until its rows are written."""
    assert missing_rows(ALL_ROWS) == []


def test_rows_name_real_urls():
    from tests.security.urlwalk import walk

    names = {route.name for route in walk()}
    assert sorted({row.url_name for row in ALL_ROWS} - names) == []


def test_case_ids_are_unique():
    ids = [param.id for param in cases(ALL_ROWS)]
    assert len(ids) == len(set(ids))


def test_missing_rows_lists_urls_without_a_row():
    missing = missing_rows(test_matrix_foundation.ROWS)
    assert "healthz" not in missing
    assert "committee:meeting-detail" in missing


def test_runner_reports_a_wrong_status(world):
    row = Row("accounts:profile", "none", lambda w: "/accounts/profile/", everyone(200))
    problems = run_case(world, row, "anonymous")
    assert len(problems) == 2  # page and HTMX
    assert "got login, want 200" in problems[0]


def test_runner_reports_a_refused_write_that_changed_data(world):
    row = Row(
        "committee:agenda-item-delete",
        "published",
        lambda w: f"/meetings/items/{w.item.pk}/delete/",
        staff_only(403),  # wrong on purpose: the secretariat may delete
        method="POST",
        state=lambda w: AgendaItem.objects.count(),
    )
    problems = run_case(world, row, SECRETARIAT)
    assert any("want 403" in p for p in problems)
    assert any("refused but changed" in p for p in problems)
    # Each request ran in its own rolled-back savepoint.
    assert AgendaItem.objects.filter(pk=world.item.pk).exists()


def test_runner_reports_an_allowed_write_that_changed_nothing(world):
    row = Row(
        "committee:agenda-item-move",
        "published, last item",
        lambda w: f"/meetings/items/{w.draft_item.pk}/move/down/",
        staff_only(OK),
        method="POST",
        state=lambda w: sorted(AgendaItem.objects.values_list("pk", "position")),
        changes=True,
    )
    problems = run_case(world, row, SECRETARIAT)
    assert any("changed nothing" in p for p in problems)


def test_runner_reports_a_draft_shown_to_a_member(world):
    """The secretariat's client in the member's seat: the draft meeting's page answers 200 and
    its title is caught as a leak."""
    seat = SimpleNamespace(**vars(world))
    seat.clients = {**world.clients, MEMBER: world.clients[SECRETARIAT]}
    row = Row(
        "committee:meeting-detail",
        "unpublished",
        lambda w: f"/meetings/{w.draft_meeting.pk}/",
        everyone(200),
    )
    problems = run_case(seat, row, MEMBER)
    assert any("ZQDRAFTMEETING" in p for p in problems), problems


def test_the_search_row_would_see_drafts(world):
    """The secretariat's search for the markers' common head finds the drafts, so the
    matrix's search rows really ask for them (and find none for everyone else)."""
    body = world.clients[SECRETARIAT].get("/search/?q=未公開草案").content.decode()
    for marker in ("ZQDRAFTQUESTION", "ZQDRAFTITEM", "ZQDRAFTMATERIAL", "ZQMEMBERSONLYCOMMENT"):
        assert marker in body
