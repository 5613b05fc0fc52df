"""The API tests share the matrix's world (users, published and draft objects)."""

from tests.security.conftest import world  # noqa: F401
