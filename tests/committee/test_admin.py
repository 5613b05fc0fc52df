"""The admin lists every committee model; the change log there is read-only."""

import pytest
from django.urls import reverse

from committee import services
from tests import factories
from tests.committee.factories import MaterialFactory, MaterialVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    user = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "model", ["meeting", "agendaitem", "hearing", "material", "minutes", "changelog"]
)
def test_admin_changelists_load(superuser_client, admin_user, model):
    meeting = factories.MeetingFactory()
    services.agenda_item_create(meeting=meeting, title="議題", by=admin_user)
    MaterialVersionFactory(material=MaterialFactory(meeting=meeting))
    response = superuser_client.get(reverse(f"admin:committee_{model}_changelist"))
    assert response.status_code == 200


def test_change_log_cannot_be_added_or_edited(superuser_client, admin_user):
    item = services.agenda_item_create(
        meeting=factories.MeetingFactory(), title="議題", by=admin_user
    )
    log = item.meeting.changes.get()
    assert superuser_client.get(reverse("admin:committee_changelog_add")).status_code == 403
    url = reverse("admin:committee_changelog_change", args=[log.pk])
    assert superuser_client.post(url, {"object_repr": "改ざん"}).status_code == 403
    log.refresh_from_db()
    assert log.object_repr != "改ざん"
