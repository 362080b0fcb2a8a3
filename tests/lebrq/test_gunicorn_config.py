"""gunicorn.conf.py reads the environment through lebrq.env, and refuses a public bind while
the demo's published staff password works."""

import os
import re
import subprocess
import sys

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from payments.management.commands.seed_demo import ADMIN
from tests.server import PROJECT_ROOT, GunicornServer, environment_for_test_server


def gunicorn_config(tmp_path, *options, **env):
    return subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", *options],
        cwd=PROJECT_ROOT,
        env={**os.environ, "VAR_DIR": str(tmp_path), "SECRET_KEY": "s" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "name, raw, message",
    [
        ("WEB_CONCURRENCY", "0", "WEB_CONCURRENCY=0 must be at least 1."),
        ("GUNICORN_THREADS", "0", "GUNICORN_THREADS=0 must be at least 1."),
        ("GUNICORN_TIMEOUT", "2m", "GUNICORN_TIMEOUT='2m' is not an integer."),
        ("GUNICORN_PRELOAD", "maybe", "GUNICORN_PRELOAD='maybe' is not a boolean"),
        ("WORKER_MAX_RSS_MB", "512MB", "WORKER_MAX_RSS_MB='512MB' is not an integer."),
    ],
)
def test_gunicorn_refuses_a_bad_value_naming_the_variable(tmp_path, name, raw, message):
    result = gunicorn_config(tmp_path, "--check-config", **{name: raw})

    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr


def test_gunicorn_refuses_a_typo_in_web_concurrency(tmp_path):
    # gunicorn itself reads WEB_CONCURRENCY (its `workers` default) when it is imported, before
    # gunicorn.conf.py runs: its bare ValueError shows the variable in the failing line.
    result = gunicorn_config(tmp_path, "--check-config", WEB_CONCURRENCY="4O")

    assert result.returncode != 0
    assert 'int(os.environ.get("WEB_CONCURRENCY", 1))' in result.stderr
    assert "invalid literal for int() with base 10: '4O'" in result.stderr


@pytest.mark.parametrize("raw, preload", [("on", True), ("yes", True), ("off", False), ("0", False)])
def test_gunicorn_preload_reads_the_usual_boolean_spellings(tmp_path, raw, preload):
    result = gunicorn_config(tmp_path, "--print-config", GUNICORN_PRELOAD=raw)

    assert result.returncode == 0, result.stderr
    assert re.search(rf"^preload_app\s*= {preload}$", result.stdout, re.MULTILINE)


@pytest.fixture
def demo_admin(transactional_db, django_user_model):
    email, password = ADMIN
    admin = django_user_model.objects.create_superuser(email)
    # Hashed as the server hashes (the suite's fast MD5 hasher is unknown to it); few rounds, for speed.
    hasher = PBKDF2PasswordHasher()
    admin.password = hasher.encode(password, hasher.salt(), iterations=1000)
    admin.save()
    return admin


def server_bound_to(tmp_path, host):
    server = GunicornServer(tmp_path, environment_for_test_server(tmp_path, {"WEB_CONCURRENCY": 1}))
    server.env["BIND"] = f"{host}:{server.port}"
    return server


@pytest.fixture
def stopped_servers():
    servers = []
    yield servers
    for server in servers:
        server.stop()


@pytest.mark.e2e
def test_a_public_bind_is_refused_while_the_demo_password_works(tmp_path, demo_admin, stopped_servers):
    server = server_bound_to(tmp_path, "0.0.0.0")
    stopped_servers.append(server)

    with pytest.raises(RuntimeError, match="gunicorn exited early") as refused:
        server.start()

    assert server.process.returncode == 1
    assert f"Refusing to serve on 0.0.0.0:{server.port}: a demo staff account ({ADMIN[0]}" in str(refused.value)


@pytest.mark.e2e
def test_a_loopback_bind_serves_with_the_demo_password(tmp_path, demo_admin, stopped_servers):
    server = server_bound_to(tmp_path, "127.0.0.1")
    stopped_servers.append(server.start())

    assert requests.get(server.url("/api/health"), timeout=10).status_code == 200


@pytest.mark.e2e
def test_a_public_bind_serves_once_the_demo_password_is_changed(tmp_path, demo_admin, stopped_servers):
    demo_admin.set_password("a-private-password-nobody-published")
    demo_admin.save()
    server = server_bound_to(tmp_path, "0.0.0.0")
    stopped_servers.append(server.start())

    assert requests.get(server.url("/api/health"), timeout=10).status_code == 200


def test_a_demo_desk_account_with_its_published_password_counts_as_published(db):
    from django.contrib.auth import get_user_model

    from lebrq.checks import published_demo_password_works
    from payments.management.commands.seed_demo import STAFF

    email, password, *_ = STAFF[0]
    desk = get_user_model().objects.create_user(email, password, is_staff=True)
    assert published_demo_password_works()
    desk.set_password("changed-by-the-operator-2026")
    desk.save()
    assert not published_demo_password_works()
