"""Each hooked write leaves one audit entry: sign-ins, account and role changes, publishing,
moderation, exports and import confirmations."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from audit import actions
from audit.chain import verify
from audit.models import AuditEntry
from committee import services as committee_services
from dispatch_stats import services as stats_services
from policies import services as policy_services
from tests import factories
from tests.dispatch_stats.helpers import csv_bytes
from tests.policies.factories import CommentFactory

pytestmark = pytest.mark.django_db


def _actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


def test_login_failed_login_and_logout_are_recorded(client, member_user):
    bad = client.post(
        reverse("accounts:login"),
        {"username": "member_a", "password": "wrong"},
        REMOTE_ADDR="192.0.2.9",
    )
    assert bad.status_code == 200
    failed = AuditEntry.objects.get(action=actions.LOGIN_FAILED)
    assert failed.actor_id is None and failed.after == {"username": "member_a"}
    assert failed.ip == "192.0.2.9"
    assert "wrong" not in str(failed.after) and "wrong" not in str(failed.before)

    client.post(reverse("accounts:login"), {"username": "member_a", "password": "pass-for-tests-1"})
    client.post(reverse("accounts:logout"))
    assert _actions() == [actions.LOGIN_FAILED, actions.LOGIN, actions.LOGOUT]
    login = AuditEntry.objects.get(action=actions.LOGIN)
    assert (login.actor_id, login.actor_name) == (member_user.pk, "A委員")


def _admin_change(client, user, **overrides):
    data = {
        "username": user.username,
        "display_name": user.display_name,
        "affiliation": user.affiliation,
        "digest_preference": user.digest_preference,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "groups": [g.pk for g in user.groups.all()],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
    }
    data.update(overrides)
    return client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)


def test_a_role_change_in_the_admin_names_who_changed_whose_role(superuser_client, member_user):
    client, boss = superuser_client
    secretariat = Group.objects.get_or_create(name="secretariat")[0]
    response = _admin_change(client, member_user, groups=[secretariat.pk])
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action=actions.ROLES_CHANGE)
    assert (entry.actor_id, entry.actor_name) == (boss.pk, "管理責任者")
    assert entry.object_pk == str(member_user.pk) and entry.object_repr == "A委員"
    assert entry.before == {"groups": ["member"]}
    assert entry.after == {"groups": ["secretariat"]}


def test_an_account_change_in_the_admin_records_the_fields(superuser_client, member_user):
    client, _ = superuser_client
    response = _admin_change(client, member_user, affiliation="新しい所属")
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=actions.USER_CHANGE)
    assert entry.before == {"affiliation": member_user.affiliation}
    assert entry.after == {"affiliation": "新しい所属"}


def test_saving_without_a_change_records_nothing(superuser_client, member_user):
    client, _ = superuser_client
    assert _admin_change(client, member_user).status_code == 302
    assert _actions() == []


def test_deactivation_is_recorded(admin_user, member_user):
    account_services.user_deactivate(user=member_user, by=admin_user)
    entry = AuditEntry.objects.get(action=actions.USER_DEACTIVATE)
    assert entry.actor_id == admin_user.pk and entry.object_pk == str(member_user.pk)


def test_publishing_minutes_and_a_meeting_is_recorded(secretariat_user):
    meeting = factories.MeetingFactory(is_published=False)
    committee_services.meeting_update(
        meeting=meeting, version=meeting.version, by=secretariat_user, is_published=True
    )
    committee_services.minutes_save(
        meeting=meeting, version=None, body="議事録", is_published=False, by=secretariat_user
    )
    assert AuditEntry.objects.filter(action=actions.PUBLISH).count() == 1
    minutes = meeting.minutes
    committee_services.minutes_save(
        meeting=meeting,
        version=minutes.version,
        body="議事録",
        is_published=True,
        by=secretariat_user,
    )
    published = AuditEntry.objects.filter(action=actions.PUBLISH).order_by("id")
    assert [e.object_model for e in published] == ["meeting", "minutes"]
    assert published[1].after == {"is_published": True}


def test_moderation_is_recorded(secretariat_user):
    comment = CommentFactory()
    policy_services.comment_hide(comment=comment, by=secretariat_user, reason="個人情報")
    policy_services.comment_unhide(comment=comment, by=secretariat_user)
    entries = AuditEntry.objects.filter(action=actions.MODERATE).order_by("id")
    assert [(e.before, e.after) for e in entries] == [
        ({"hidden": False}, {"hidden": True, "reason": "個人情報"}),
        ({"hidden": True, "reason": "個人情報"}, {"hidden": False}),
    ]
    assert entries[0].object_model == "comment" and entries[0].actor_id == secretariat_user.pk


def test_digest_export_is_recorded(secretariat_client, secretariat_user):
    meeting = factories.MeetingFactory(number=6)
    AuditEntry.objects.all().delete()
    response = secretariat_client.get(reverse("digest:meeting-csv", args=[meeting.pk]))
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=actions.EXPORT)
    assert entry.actor_id == secretariat_user.pk and entry.object_pk == str(meeting.pk)


def test_import_confirmation_is_recorded(admin_user):
    rows = [
        ["年度", "方向", "期間", "人数", "出典", "備考"],
        ["H12", "派遣", "短期", "7,000", "概況", ""],
    ]
    log = stats_services.import_file(
        kind="yearly", user=admin_user, file_name="a.csv", data=csv_bytes(rows)
    )
    entry = AuditEntry.objects.get(action=actions.IMPORT_CONFIRM)
    assert entry.object_pk == str(log.pk) and entry.after == {
        "kind": "yearly",
        "file": "a.csv",
        "new": 1,
        "update": 0,
    }


def test_every_recorded_action_has_a_label_and_the_chain_holds(admin_user, member_user):
    account_services.user_deactivate(user=member_user, by=admin_user)
    policy_services.comment_hide(comment=CommentFactory(), by=admin_user, reason="r")
    assert set(_actions()) <= set(actions.LABELS)
    assert verify()[1] is None


def test_questions_and_their_periods_changed_on_the_desk_are_recorded(secretariat_user):
    from policies.desk import services as desk_services

    now = timezone.now()
    question = factories.QuestionFactory(
        opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=7)
    )
    AuditEntry.objects.all().delete()
    desk_services.period_close(obj=question, version=question.version, by=secretariat_user)
    entry = AuditEntry.objects.get(action=actions.CHANGE)
    assert entry.object_model == "question" and entry.object_pk == str(question.pk)
    assert entry.actor_id == secretariat_user.pk
    assert entry.before["closes_at"] != entry.after["closes_at"]
    assert verify()[1] is None


def test_evidence_links_are_recorded(secretariat_user):
    question = factories.QuestionFactory()
    evidence = policy_services.evidence_link(
        question=question,
        by=secretariat_user,
        series_direction="outbound",
        series_term="mid_long",
        note="中・長期の推移",
    )
    policy_services.evidence_unlink(evidence=evidence, by=secretariat_user)
    entries = list(
        AuditEntry.objects.filter(object_model="evidence")
        .order_by("id")
        .values_list("action", "actor_id", "before", "after")
    )
    link = {"question": question.pk, "note": "中・長期の推移"}
    assert entries == [
        (actions.EVIDENCE_LINK, secretariat_user.pk, None, link),
        (actions.EVIDENCE_UNLINK, secretariat_user.pk, link, None),
    ]
