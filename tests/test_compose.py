"""docker-compose.yml wires PostgreSQL 16 and the web app together (no Docker engine here)."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_database_is_postgres_16_with_healthcheck_and_named_volume():
    compose = _compose()
    db = compose["services"]["db"]
    assert db["image"].startswith("postgres:16")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]


def test_web_waits_for_a_healthy_database_and_gets_its_settings():
    web = _compose()["services"]["web"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    env = web["environment"]
    assert env["DATABASE_URL"].startswith("postgresql://") and "@db:5432/" in env["DATABASE_URL"]
    assert "DJANGO_SECRET_KEY" in env and ":?" in env["DJANGO_SECRET_KEY"]  # required, no default
    assert "DJANGO_DEBUG" not in env  # off by default
    assert "migrate" in web["command"] and "gunicorn" in web["command"]
    assert web["build"] == "."
    assert (ROOT / "Dockerfile").exists()


def test_dockerfile_serves_static_through_whitenoise_build():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "collectstatic" in dockerfile and "gunicorn" in dockerfile


def test_notifications_service_runs_the_command_periodically_with_the_web_settings():
    compose = _compose()
    service = compose["services"]["notifications"]
    web = compose["services"]["web"]
    assert service["build"] == web["build"]
    assert service["depends_on"]["db"]["condition"] == "service_healthy"
    for name, value in web["environment"].items():
        assert service["environment"][name] == value
    assert "send_notifications" in service["command"] and "sleep 300" in service["command"]
    assert "while true" in service["command"]
