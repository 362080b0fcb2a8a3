"""`manage.py check --deploy` is clean with production settings from the environment."""

import os
import subprocess
import sys

import pytest

from tests.server import PROJECT_ROOT

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lebrq.settings",
    "DEBUG": "false",
    "HTTPS": "true",
    "SECRET_KEY": "k3N-8vQz_r2LwXo9TfYb4HcJmPa7UsDe1GiRnVt6ZqKyBxWj0Lh5",
    "ALLOWED_HOSTS": "lebrq.example,www.lebrq.example",
    # Production runs on Redis; the check only reads the setting, it does not connect.
    "CACHE_URL": "redis://127.0.0.1:6379/0",
}


def run_check(tmp_path, *options, **env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING", *options],
        cwd=PROJECT_ROOT,
        env={**os.environ, "VAR_DIR": str(tmp_path), **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_is_clean_in_production(tmp_path):
    result = run_check(tmp_path)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_security_checks_are_clean_in_production(tmp_path):
    # The same run limited to Django's security checks: tells a settings regression apart from
    # a view whose OpenAPI schema drf-spectacular warns about (reported by the full check above).
    result = run_check(tmp_path, "--tag", "security")

    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_without_https(tmp_path):
    result = run_check(tmp_path, HTTPS="false")

    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout  # no HSTS


@pytest.mark.parametrize("scheme", ["file", "locmem"])
def test_check_deploy_warns_about_a_per_host_cache_in_production(tmp_path, scheme):
    cache_url = f"file://{tmp_path / 'cache'}" if scheme == "file" else "locmem://"

    result = run_check(tmp_path, CACHE_URL=cache_url)

    assert result.returncode != 0
    assert "lebrq.W001" in result.stderr
    assert "DEBUG=false on a file or local-memory cache (default, throttle)" in result.stderr


def test_the_cache_check_is_quiet_with_debug_on(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **PRODUCTION_ENV, "VAR_DIR": str(tmp_path), "DEBUG": "true", "CACHE_URL": "locmem://"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = run_check(tmp_path, SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
