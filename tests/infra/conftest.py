"""The procrastinate tables are not Django-managed, so a test flush leaves their rows: each
infra test starts with an empty queue (no job of an earlier test for a worker to pick up)."""

import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _empty_task_queue(request):
    if "django_db_setup" not in request.fixturenames and not request.node.get_closest_marker(
        "django_db"
    ):
        yield
        return
    request.getfixturevalue("django_db_setup")
    from django.db import connections

    with connections["default"].cursor() as cursor:
        cursor.execute(
            "TRUNCATE procrastinate_events, procrastinate_periodic_defers, procrastinate_jobs, "
            "procrastinate_workers CASCADE"
        )
    yield
    connection.close()
