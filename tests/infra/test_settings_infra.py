"""What the environment selects: connection pool, cache, storage, demo accounts."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from accounts import demo
from accounts.models import User

ROOT = Path(__file__).resolve().parent.parent.parent
SHOW = (
    "import json; from django.conf import settings as s; db = s.DATABASES['default']; "
    "print(json.dumps({'pool': db['OPTIONS'].get('pool'), 'age': db['CONN_MAX_AGE'], "
    "'cache': s.CACHES['default']['BACKEND'], 'storage': s.STORAGES['default']['BACKEND'], "
    "'demo': s.DEMO}))"
)


def _settings(**env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="example.go.jp", **env_overrides)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_pool_connections_and_keep_everything_local():
    shown = _settings(WEB_THREADS="6")
    assert shown["pool"]["max_size"] == 6 and shown["pool"]["timeout"] == 5
    assert shown["age"] == 0  # the pool owns connection reuse
    assert shown["cache"].endswith("LocMemCache")
    assert shown["storage"].endswith("FileSystemStorage")
    assert shown["demo"] is False  # no demo accounts in a real deployment


def test_development_server_closes_its_connections():
    shown = _settings(DJANGO_DEBUG="1")
    assert shown["pool"] is None and shown["age"] == 0


def test_redis_and_s3_when_configured():
    shown = _settings(REDIS_URL="redis://127.0.0.1:6379/0", DJANGO_S3_BUCKET="materials")
    assert shown["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert shown["storage"] == "storages.backends.s3.S3Storage"


@pytest.mark.django_db
def test_demo_accounts_only_with_the_demo_flag(settings):
    settings.DEBUG, settings.DEMO = False, False
    assert demo.seed() == [] and not User.objects.filter(username="chair").exists()
    settings.DEMO = True  # make run's local production server
    assert len(demo.seed()) == len(demo.DEMO_USERS)
    assert User.objects.get(username="chair").check_password(demo.DEMO_PASSWORD)
