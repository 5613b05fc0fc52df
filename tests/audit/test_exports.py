"""Every download of members-only data leaves an EXPORT entry naming who took what: the digest
(XLSX and CSV), the 対応 table of an edition not yet published (XLSX and CSV), the stance
grid, and the audit trail itself; a published edition's 対応 table is public and is not."""

import pytest
from django.urls import reverse

from audit import actions
from audit.models import AuditEntry
from reports.models import Edition
from tests import factories
from tests.reports.factories import drafted, logged_in

pytestmark = pytest.mark.django_db


def _exports() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=actions.EXPORT).order_by("id"))


@pytest.mark.parametrize("name", ["digest:meeting-xlsx", "digest:meeting-csv"])
def test_the_digest_in_either_format(secretariat_client, secretariat_user, name):
    meeting = factories.MeetingFactory(number=6)
    AuditEntry.objects.all().delete()
    assert secretariat_client.get(reverse(name, args=[meeting.pk])).status_code == 200
    (entry,) = _exports()
    assert (entry.actor_id, entry.object_model, entry.object_pk) == (
        secretariat_user.pk,
        "meeting",
        str(meeting.pk),
    )


@pytest.mark.parametrize("name", ["reports:responses-xlsx", "reports:responses-csv"])
def test_the_responses_table_of_a_shared_edition(name):
    world = drafted(status=Edition.Status.SHARED)
    client = logged_in(world.a)
    AuditEntry.objects.all().delete()
    assert client.get(reverse(name, args=[world.edition.pk])).status_code == 200
    (entry,) = _exports()
    assert (entry.actor_id, entry.object_model) == (world.a.pk, "edition")
    assert entry.object_pk == str(world.edition.pk)


def test_a_published_editions_responses_table_is_public_and_not_recorded(client):
    world = drafted(status=Edition.Status.PUBLISHED)
    AuditEntry.objects.all().delete()
    response = client.get(reverse("reports:responses-csv", args=[world.edition.pk]))
    assert response.status_code == 200
    assert _exports() == []


def test_the_stance_grid(member_client, member_user):
    AuditEntry.objects.all().delete()
    assert member_client.get(reverse("reports:stance-xlsx")).status_code == 200
    (entry,) = _exports()
    assert entry.actor_id == member_user.pk and entry.after == {"what": "stances"}


@pytest.mark.parametrize(
    ("name", "fmt"), [("audit:entry-list-csv", "csv"), ("audit:entry-list-xlsx", "xlsx")]
)
def test_the_audit_trail_itself(admin_client, admin_user, name, fmt):
    AuditEntry.objects.all().delete()
    assert admin_client.get(reverse(name), {"action": actions.LOGIN}).status_code == 200
    (entry,) = _exports()
    assert entry.actor_id == admin_user.pk
    assert entry.after == {"what": "audit", "format": fmt, "filter": {"action": actions.LOGIN}}
