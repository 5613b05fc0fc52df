"""A task run's progress page: HTMX polls get the progress partial, a plain request or a
history restore the page; a cancel by HTMX answers the partial, without it a redirect."""

import pytest
from django.urls import reverse

from core.models import TaskRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(admin_user):
    return TaskRun.objects.create(user=admin_user, label="取込", target="x", total=10)


@pytest.mark.parametrize("headers", ["htmx_headers", "history_restore_headers", None])
def test_progress_is_the_partial_for_htmx_only(request, admin_client_role, run, headers):
    extra = request.getfixturevalue(headers) if headers else {}
    response = admin_client_role.get(reverse("core:task-run", args=[run.pk]), **extra)
    html = response.content.decode()
    partial = headers == "htmx_headers"
    assert response.status_code == 200 and 'id="task-progress"' in html
    assert html.lstrip().startswith('<section id="task-progress"') is partial
    assert ("<html" in html) is not partial
    assert response["Cache-Control"] == "private, no-store"


def test_cancel_answers_htmx_with_the_partial_and_a_form_with_a_redirect(
    admin_client_role, run, htmx_headers
):
    url = reverse("core:task-run-cancel", args=[run.pk])
    response = admin_client_role.post(url, **htmx_headers)
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section id="task-progress"')
    response = admin_client_role.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:task-run", args=[run.pk])
