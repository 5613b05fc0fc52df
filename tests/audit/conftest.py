"""Fixtures of the audit tests."""

import pytest

from audit.models import AuditEntry
from tests import factories


@pytest.fixture
def superuser_client(client):
    """A client signed in as a superuser (the Django admin's user), with an empty trail."""
    boss = factories.admin(username="boss", display_name="管理責任者", is_superuser=True)
    client.force_login(boss)
    AuditEntry.objects.all().delete()  # force_login sends user_logged_in too
    return client, boss
