"""The header shows each role the sections it may use (display only: views check themselves)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_secretariat_sees_moderation_link(secretariat_client):
    html = secretariat_client.get(reverse("home")).content.decode()
    assert reverse("moderation:list") in html


@pytest.mark.parametrize("client_fixture", ["client", "member_client", "observer_client"])
def test_others_do_not(request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    html = client.get(reverse("home")).content.decode()
    assert reverse("moderation:list") not in html
    for name in [
        "committee:meeting-list",
        "policies:question-list",
        "dispatch_stats:index",
        "strategy:index",
        "schemes:scheme-list",
    ]:
        assert f'href="{reverse(name)}"' in html


def test_the_audit_link_is_for_those_who_may_read_the_audit_page(admin_client):
    html = admin_client.get(reverse("home")).content.decode()
    assert f'href="{reverse("audit:entry-list")}"' in html
    page = admin_client.get(reverse("audit:entry-list")).content.decode()
    assert f'href="{reverse("audit:entry-list")}" aria-current="page"' in page


@pytest.mark.parametrize(
    "client_fixture", ["client", "member_client", "observer_client", "secretariat_client"]
)
def test_nobody_else_sees_the_audit_link(request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    html = client.get(reverse("home")).content.decode()
    assert reverse("audit:entry-list") not in html
    assert client.get(reverse("audit:entry-list")).status_code in (302, 403)
