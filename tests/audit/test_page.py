"""The admins' audit page: filters by person, object, action and date; pages; CSV and XLSX."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit import actions
from audit.models import AuditEntry
from audit.services import audit_record
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/audit/"


@pytest.fixture
def trail(admin_user, member_user, secretariat_user):
    AuditEntry.objects.all().delete()
    audit_record(
        actor=admin_user,
        action=actions.ROLES_CHANGE,
        obj=member_user,
        before={"groups": ["member"]},
        after={"groups": ["secretariat"]},
    )
    meeting = factories.MeetingFactory(title="第6回会議")
    audit_record(actor=secretariat_user, action=actions.PUBLISH, obj=meeting)
    audit_record(actor=None, action=actions.LOGIN_FAILED, after={"username": "=cmd|x"})
    return meeting


def _ids(response) -> list[str]:
    return [e.action for e, _ in response.context["entries"]]


def test_admin_finds_whose_role_was_changed_and_by_whom(admin_client_role, trail):
    response = admin_client_role.get(URL, {"obj": "A委員"})
    assert response.status_code == 200
    assert _ids(response) == [actions.ROLES_CHANGE]
    page = response.content.decode()
    assert "管理者" in page and "A委員" in page and "secretariat" in page


def test_filters_by_person_action_object_type_and_date(admin_client_role, trail, secretariat_user):
    assert _ids(admin_client_role.get(URL, {"person": "事務局"})) == [actions.PUBLISH]
    assert _ids(admin_client_role.get(URL, {"person": str(secretariat_user.pk)})) == [
        actions.PUBLISH
    ]
    assert _ids(admin_client_role.get(URL, {"action": actions.LOGIN_FAILED})) == [
        actions.LOGIN_FAILED
    ]
    assert _ids(admin_client_role.get(URL, {"obj": "committee.meeting"})) == [actions.PUBLISH]
    today = timezone.localdate()
    assert len(_ids(admin_client_role.get(URL, {"date_from": today, "date_to": today}))) == 3
    tomorrow = today + dt.timedelta(days=1)
    assert _ids(admin_client_role.get(URL, {"date_from": tomorrow})) == []


def test_a_bad_filter_comes_back_with_what_was_typed(admin_client_role, trail):
    today = timezone.localdate()
    response = admin_client_role.get(
        URL, {"person": "事務局", "date_from": today, "date_to": today - dt.timedelta(days=1)}
    )
    assert response.status_code == 400
    assert 'value="事務局"' in response.content.decode()
    assert response.context["form"].errors["date_to"]


def test_pages_of_fifty(admin_client_role, admin_user):
    AuditEntry.objects.all().delete()
    for _ in range(51):
        audit_record(actor=admin_user, action=actions.USER_CHANGE)
    first = admin_client_role.get(URL, {"action": actions.USER_CHANGE})
    assert len(first.context["entries"]) == 50
    assert "page=2" in first.content.decode()
    second = admin_client_role.get(URL, {"action": actions.USER_CHANGE, "page": 2})
    assert len(second.context["entries"]) == 1


def test_htmx_gets_the_results_fragment(admin_client_role, trail, htmx_headers):
    response = admin_client_role.get(URL, {"action": actions.PUBLISH}, **htmx_headers)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="audit-results">') and "<html" not in page


@pytest.mark.parametrize("headers", ["history_restore_headers", None])
def test_a_plain_request_and_a_history_restore_get_the_page(
    request, admin_client_role, trail, headers
):
    extra = request.getfixturevalue(headers) if headers else {}
    page = admin_client_role.get(URL, {"action": actions.PUBLISH}, **extra).content.decode()
    assert '<div id="audit-results">' in page and "<html" in page


def test_a_bad_filter_by_htmx_keeps_its_400_in_the_fragment(admin_client_role, htmx_headers):
    response = admin_client_role.get(URL, {"date_from": "not-a-date"}, **htmx_headers)
    assert response.status_code == 400 and "<html" not in response.content.decode()


def test_csv_export_is_filtered_neutralised_and_itself_recorded(admin_client_role, trail):
    response = admin_client_role.get(
        reverse("audit:entry-list-csv"), {"action": "auth.login_failed"}
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2
    assert "'" + '{"username": "=cmd|x"}' not in rows[1]  # JSON starts with "{": no quote needed
    assert rows[1][9] == '{"username": "=cmd|x"}'
    assert AuditEntry.objects.filter(action=actions.EXPORT, actor_name="管理者").exists()


def test_xlsx_export_reads_back(admin_client_role, trail):
    response = admin_client_role.get(reverse("audit:entry-list-xlsx"), {"obj": "A委員"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert len(values) == 2
    assert values[1][2] == "管理者" and values[1][7] == "A委員"
    assert values[1][4] == str(actions.LABELS[actions.ROLES_CHANGE])


def test_a_formula_in_a_name_stays_text(admin_client_role, admin_user):
    hostile = factories.member(username="zq_formula", display_name="=HYPERLINK(1)")
    audit_record(actor=hostile, action=actions.LOGIN)
    response = admin_client_role.get(reverse("audit:entry-list-csv"), {"person": "HYPERLINK"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][2] == "'=HYPERLINK(1)"


HOSTILE_NAMES = {"zq_eq": "=HYPERLINK(1)", "zq_wide": "＝1+1", "zq_c0": "A\x0bB\x1fC"}


@pytest.fixture
def hostile_logins():
    """Three sign-ins whose names a spreadsheet would run, or XML cannot hold."""
    AuditEntry.objects.all().delete()
    for username, name in HOSTILE_NAMES.items():
        audit_record(
            actor=factories.member(username=username, display_name=name), action=actions.LOGIN
        )


def test_csv_export_neutralises_formulas_and_strips_control_characters(
    admin_client_role, hostile_logins
):
    response = admin_client_role.get(reverse("audit:entry-list-csv"), {"action": actions.LOGIN})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(r[2] for r in rows[1:]) == ["'=HYPERLINK(1)", "'＝1+1", "ABC"]


def test_xlsx_export_keeps_formulas_as_text_and_strips_control_characters(
    admin_client_role, hostile_logins
):
    response = admin_client_role.get(reverse("audit:entry-list-xlsx"), {"action": actions.LOGIN})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2))
    assert sorted(r[2].value for r in rows) == ["=HYPERLINK(1)", "ABC", "＝1+1"]
    assert {r[2].data_type for r in rows} == {"s"}  # text cells, never formulas
