"""Settings fail closed and pass Django's deployment checks with production values."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args, env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production_env():
    from django.conf import settings

    db = settings.DATABASES["default"]
    url = os.environ.get("DATABASE_URL") or _url_from(db)
    return {
        "DJANGO_SECRET_KEY": "p" * 20
        + "-production-like-secret-key-with-enough-entropy-1234567890",
        "DJANGO_ALLOWED_HOSTS": "kokusai.example.go.jp",
        "DATABASE_URL": url,
    }


def _url_from(db):
    host = db.get("HOST") or ""
    if host.startswith("/"):
        return f"postgresql://{db['USER']}@/{db['NAME']}?host={host}"
    return f"postgresql://{db['USER']}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


def test_check_deploy_is_clean_with_production_values():
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], _production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_refuses_to_start():
    env = _production_env()
    del env["DJANGO_SECRET_KEY"]
    result = _run(["check"], env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_debug_is_off_by_default():
    result = _run(
        ["shell", "-c", "from django.conf import settings; print(settings.DEBUG)"],
        _production_env(),
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_non_postgres_database_is_refused():
    env = _production_env()
    env["DATABASE_URL"] = "mysql://root@127.0.0.1/test"
    result = _run(["check"], env)
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_fragments_are_cached_in_production_and_not_in_development():
    show = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    production = _run(["shell", "-c", show], _production_env())
    assert production.stdout.strip().endswith("LocMemCache"), production.stderr
    development = _run(["shell", "-c", show], {**_production_env(), "DJANGO_DEBUG": "1"})
    assert development.stdout.strip().endswith("DummyCache"), development.stderr
