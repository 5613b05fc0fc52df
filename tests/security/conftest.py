"""The matrix world: built once per module inside a transaction rolled back at its end."""

import shutil
import tempfile

import pytest
from django.db import transaction
from django.test import override_settings

from tests.security.world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    media = tempfile.mkdtemp(prefix="zq-matrix-media-")
    settings_override = override_settings(MEDIA_ROOT=media)
    settings_override.enable()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            settings_override.disable()
            shutil.rmtree(media, ignore_errors=True)
