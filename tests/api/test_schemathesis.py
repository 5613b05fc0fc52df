"""schemathesis against the API's own OpenAPI document: every operation, generated inputs;
no 500, and every response matches the schema the document declares for it."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import unsupported_method

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI handler closes "old" connections at each request's start and end, which would
    close the test's own transaction; Django's test Client unhooks the same receiver."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Loaded through the WSGI app (in process), so the requests hit the test database.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, api_world):
    # Every other check runs. Not "undeclared method → 405": a POST, PUT… without a CSRF token
    # is refused 403 first, the project's rule for every URL (tests/security/test_csrf.py);
    # with a token it is 405 (tests/security/test_matrix_api.py).
    case.call_and_validate(excluded_checks=[unsupported_method])
