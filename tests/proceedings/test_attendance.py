"""Attendance: the roster snapshot, each member's attendance, the live quorum, the chair."""

import pytest
from django.test import override_settings

from committee.models import ChangeLog
from proceedings import rules
from proceedings.models import Attendance
from tests import factories
from tests.proceedings import factories as pf

pytestmark = pytest.mark.django_db


def _members(n):
    return [factories.member(display_name=f"{chr(65 + i)}委員") for i in range(n)]


def test_roster_is_a_snapshot_and_the_chair_carries_over(secretariat_client):
    members = _members(3)
    fifth = pf.meeting(number=5)
    pf.roster(fifth, members, chair=members[0])
    sixth = pf.meeting(number=6)
    response = secretariat_client.post(f"/proceedings/meetings/{sixth.pk}/attendance/roster/")
    assert response.status_code == 302
    rows = Attendance.objects.filter(meeting=sixth)
    assert rows.count() == 3
    assert rows.get(is_chair=True).member == members[0]
    # A member who leaves stays on the roster of the meetings taken before.
    members[2].groups.clear()
    seventh = pf.meeting(number=7)
    secretariat_client.post(f"/proceedings/meetings/{seventh.pk}/attendance/roster/")
    assert Attendance.objects.filter(meeting=seventh).count() == 2
    assert Attendance.objects.filter(meeting=sixth).count() == 3


def test_a_new_roster_presides_with_the_committees_chair(secretariat_client):
    # The one chair flag (accounts.roles.is_chair) decides; the last meeting's only without it.
    members = _members(3)
    pf.roster(pf.meeting(number=5), members, chair=members[0])
    members[1].is_chair = True
    members[1].save(update_fields=["is_chair"])
    sixth = pf.meeting(number=6)
    secretariat_client.post(f"/proceedings/meetings/{sixth.pk}/attendance/roster/")
    assert Attendance.objects.get(meeting=sixth, is_chair=True).member == members[1]


def test_recording_attendance_updates_the_quorum_live(secretariat_client, htmx_headers):
    meeting = pf.meeting()
    rows = pf.roster(meeting, _members(4))
    url = f"/proceedings/attendance/{rows[0].pk}/"
    for row, status in zip(rows[:2], ["venue", "online"], strict=True):
        response = secretariat_client.post(
            f"/proceedings/attendance/{row.pk}/",
            {"status": status, "version": row.version},
            **htmx_headers,
        )
        assert response.status_code == 200
    body = response.content.decode()
    assert "4人中2人" in body and "定足数に達していません" in body  # 2 of 4 is not more than half
    row = Attendance.objects.get(pk=rows[2].pk)
    response = secretariat_client.post(
        f"/proceedings/attendance/{row.pk}/",
        {"status": "online", "arrived_at": "10:30", "version": row.version},
        **htmx_headers,
    )
    assert "定足数に達しています" in response.content.decode()
    row.refresh_from_db()
    assert row.arrived_at.strftime("%H:%M") == "10:30"
    assert ChangeLog.objects.filter(meeting=meeting, model_name="attendance").count() == 3
    # A stale version (the page was loaded before the first save) is refused, nothing written.
    response = secretariat_client.post(url, {"status": "absent", "version": 1}, **htmx_headers)
    assert response.status_code == 409
    assert Attendance.objects.get(pk=rows[0].pk).status == "venue"


def test_bad_times_are_refused_with_a_message(secretariat_client):
    meeting = pf.meeting()
    row = pf.roster(meeting, _members(1))[0]
    response = secretariat_client.post(
        f"/proceedings/attendance/{row.pk}/",
        {"status": "absent", "left_at": "11:00", "version": row.version},
    )
    assert response.status_code == 400
    assert "遅刻・早退" in response.content.decode()
    response = secretariat_client.post(
        f"/proceedings/attendance/{row.pk}/",
        {"status": "venue", "arrived_at": "25:99", "version": row.version},
    )
    assert response.status_code == 422
    assert Attendance.objects.get(pk=row.pk).status == "unrecorded"


def test_the_chair_is_one_per_meeting(secretariat_client):
    meeting = pf.meeting()
    a, b = pf.roster(meeting, _members(2))
    secretariat_client.post(f"/proceedings/attendance/{a.pk}/chair/")
    secretariat_client.post(f"/proceedings/attendance/{b.pk}/chair/")
    assert list(Attendance.objects.filter(meeting=meeting, is_chair=True)) == [b]


def test_quorum_rule_is_configurable():
    assert rules.quorum_met(3, 4) and not rules.quorum_met(2, 4)
    assert rules.quorum_needed(4) == 3 and rules.quorum_needed(5) == 3
    with override_settings(PROCEEDINGS_RULES={"QUORUM": (1, 3)}):
        assert rules.quorum_met(2, 4) and rules.quorum_needed(6) == 3
