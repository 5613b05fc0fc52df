"""The API tests share the API matrix's world: the matrix's users, published and draft
objects, and the reports matrix's editions (published, shared, draft)."""

from tests.security.conftest import world  # noqa: F401
from tests.security.test_matrix_api import api_world  # noqa: F401
