"""docker-compose.yml wires the stateless deployment together (no Docker engine here, so the
file itself is checked): PostgreSQL 16, Redis, an S3-compatible store, two web replicas behind a
reverse proxy and the task worker, each with a healthcheck, sharing one set of settings."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web1", "web2", "worker")


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_every_service_has_a_healthcheck_but_the_one_off_migration():
    services = _compose()["services"]
    assert set(services) >= {"db", "redis", "objects", "migrate", "proxy", *APP_SERVICES}
    for name, service in services.items():
        if name != "migrate":
            assert service["healthcheck"]["test"], name


def test_database_is_postgres_16_with_healthcheck_and_named_volume():
    compose = _compose()
    db = compose["services"]["db"]
    assert db["image"].startswith("postgres:16")
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]


def test_redis_and_minio_back_the_cache_and_the_materials():
    services = _compose()["services"]
    assert services["redis"]["image"].startswith("redis:")
    assert "ping" in services["redis"]["healthcheck"]["test"]
    assert services["objects"]["image"].startswith("minio/minio:")
    assert services["objects"]["image"] != "minio/minio:latest"  # pinned
    for name in APP_SERVICES:
        env = services[name]["environment"]
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert env["DJANGO_S3_BUCKET"] and env["DJANGO_S3_ENDPOINT_URL"] == "http://objects:9000"


def test_app_services_share_settings_and_wait_for_everything():
    services = _compose()["services"]
    envs = [services[name]["environment"] for name in (*APP_SERVICES, "migrate")]
    assert all(env == envs[0] for env in envs)
    env = envs[0]
    assert env["DATABASE_URL"].startswith("postgresql://") and "@db:5432/" in env["DATABASE_URL"]
    assert "DJANGO_SECRET_KEY" in env and ":?" in env["DJANGO_SECRET_KEY"]  # required, no default
    assert "DJANGO_DEBUG" not in env and "DJANGO_DEMO" not in env  # production, no demo users
    for name in APP_SERVICES:
        depends = services[name]["depends_on"]
        for needed in ("db", "redis", "objects"):
            assert depends[needed]["condition"] == "service_healthy", (name, needed)
        assert depends["migrate"]["condition"] == "service_completed_successfully"
        assert services[name]["build"] == "."
    assert "migrate" in services["migrate"]["command"]


def test_two_web_replicas_run_gunicorn_behind_the_proxy():
    compose = _compose()
    services = compose["services"]
    for name in ("web1", "web2"):
        assert services[name]["command"][:3] == ["gunicorn", "--config", "config/gunicorn.conf.py"]
        assert "ports" not in services[name]  # reached through the proxy only
    proxy = services["proxy"]
    assert proxy["image"].startswith("caddy:")
    assert {proxy["depends_on"][n]["condition"] for n in ("web1", "web2")} == {"service_healthy"}
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert re.search(r"reverse_proxy\s+web1:8000\s+web2:8000", caddyfile)
    assert "health_uri /healthz/" in caddyfile


def test_the_worker_runs_procrastinate():
    worker = _compose()["services"]["worker"]
    assert worker["command"] == ["python", "manage.py", "procrastinate", "worker"]
    assert "healthchecks" in worker["healthcheck"]["test"]


def test_dockerfile_serves_static_through_whitenoise_build():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "collectstatic" in dockerfile and "gunicorn" in dockerfile
    assert "config/gunicorn.conf.py" in dockerfile
