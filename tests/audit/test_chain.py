"""The audit trail's hash chain: intact after writes, broken (and named) after a raw SQL edit."""

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from audit import actions
from audit.chain import GENESIS, verify
from audit.models import AuditEntry
from audit.services import audit_record
from tests import factories

pytestmark = pytest.mark.django_db


def _three(actor):
    return [
        audit_record(actor=actor, action=actions.USER_CHANGE, obj=actor, after={"n": n})
        for n in range(3)
    ]


def test_entries_link_to_the_one_before(admin_user):
    first, second, third = _three(admin_user)
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert len({first.hash, second.hash, third.hash}) == 3
    assert verify() == (3, None)


def test_entry_snapshots_who_and_what(admin_user, member_user, rf):
    request = rf.get("/", REMOTE_ADDR="192.0.2.7")
    entry = audit_record(
        actor=admin_user,
        action=actions.ROLES_CHANGE,
        obj=member_user,
        before={"groups": ["member"]},
        after={"groups": ["secretariat"]},
        request=request,
    )
    entry.refresh_from_db()
    assert (entry.actor_id, entry.actor_name) == (admin_user.pk, "管理者")
    assert (entry.object_app, entry.object_model) == ("accounts", "user")
    assert entry.object_pk == str(member_user.pk)
    assert entry.object_repr == "A委員"
    assert entry.after == {"groups": ["secretariat"]}
    assert entry.ip == "192.0.2.7"


def test_verify_command_reports_intact_then_names_the_edited_row(admin_user, capsys):
    entries = _three(admin_user)
    call_command("audit_verify")
    assert "intact: 3 entries" in capsys.readouterr().out
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET actor_name = %s WHERE id = %s",
            ["someone else", entries[1].pk],
        )
    with pytest.raises(CommandError) as caught:
        call_command("audit_verify")
    assert f"#{entries[1].pk}" in str(caught.value)
    assert caught.value.returncode == 1
    assert verify()[0] == 1


def test_a_deleted_row_breaks_the_chain_at_the_next_one(admin_user):
    entries = _three(admin_user)
    AuditEntry.objects.filter(pk=entries[1].pk).delete()
    checked, broken = verify()
    assert broken is not None and broken.entry_id == entries[2].pk


def test_a_rehashed_row_still_breaks_the_link_after_it(admin_user):
    """Editing a row and recomputing its own hash is caught by the next entry's prev_hash."""
    from audit.chain import digest

    entries = _three(admin_user)
    tampered = AuditEntry.objects.get(pk=entries[0].pk)
    tampered.after = {"n": 99}
    AuditEntry.objects.filter(pk=tampered.pk).update(after=tampered.after, hash=digest(tampered))
    assert verify()[1].entry_id == entries[1].pk


def test_json_values_survive_the_round_trip(admin_user):
    import datetime as dt
    from decimal import Decimal

    audit_record(
        actor=admin_user,
        action=actions.USER_CHANGE,
        after={"when": dt.date(2026, 4, 1), "amount": Decimal("1.50"), "日本語": "値", "z": [1, 2]},
    )
    assert verify() == (1, None)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain():
    actor = factories.admin(username="zq_concurrent")
    errors = []

    def write():
        try:
            for _ in range(5):
                audit_record(actor=actor, action=actions.USER_CHANGE)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert verify() == (20, None)
    prevs = list(AuditEntry.objects.values_list("prev_hash", flat=True))
    assert len(prevs) == len(set(prevs))
