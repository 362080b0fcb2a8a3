"""Settings read the environment through lebrq.env: a bad value must stop the process at start."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from lebrq.env import env_bool, env_float, env_int, env_list, env_str, env_throttle_rate, parse_cache_url
from tests.server import PROJECT_ROOT


@pytest.mark.parametrize(
    "raw, expected", [("true", True), ("Yes", True), (" 1 ", True), ("off", False), ("0", False), ("", False)]
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("LEBRQ_FLAG", raw)

    assert env_bool("LEBRQ_FLAG") is expected


def test_env_bool_rejects_anything_else(monkeypatch):
    monkeypatch.setenv("LEBRQ_FLAG", "ture")

    with pytest.raises(ImproperlyConfigured, match="LEBRQ_FLAG='ture' is not a boolean"):
        env_bool("LEBRQ_FLAG")


def test_unset_variables_give_their_defaults(monkeypatch):
    monkeypatch.delenv("LEBRQ_UNSET", raising=False)

    assert env_bool("LEBRQ_UNSET", True) is True
    assert env_int("LEBRQ_UNSET", 7) == 7
    assert env_float("LEBRQ_UNSET", 0.5) == 0.5
    assert env_str("LEBRQ_UNSET", "fallback") == "fallback"
    assert env_list("LEBRQ_UNSET", ("a",)) == ["a"]


def test_env_str_required_fails_when_missing(monkeypatch):
    monkeypatch.delenv("LEBRQ_UNSET", raising=False)

    with pytest.raises(ImproperlyConfigured, match="LEBRQ_UNSET is required"):
        env_str("LEBRQ_UNSET", required=True)


def test_env_int_rejects_a_typo(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "4O")

    with pytest.raises(ImproperlyConfigured, match="WEB_CONCURRENCY='4O' is not an integer"):
        env_int("WEB_CONCURRENCY", 2)


def test_env_int_enforces_the_minimum(monkeypatch):
    monkeypatch.setenv("CONN_MAX_AGE", "-1")

    with pytest.raises(ImproperlyConfigured, match="CONN_MAX_AGE=-1 must be at least 0"):
        env_int("CONN_MAX_AGE", 60, minimum=0)


@pytest.mark.parametrize("raw", ["8O", "101", "-5"])
def test_env_float_rejects_non_numbers_and_out_of_range(monkeypatch, raw):
    monkeypatch.setenv("MEMORY_THRESHOLD_PERCENT", raw)

    with pytest.raises(ImproperlyConfigured, match="MEMORY_THRESHOLD_PERCENT"):
        env_float("MEMORY_THRESHOLD_PERCENT", 85.0, minimum=0, maximum=100)


def test_env_float_accepts_a_value_in_range(monkeypatch):
    monkeypatch.setenv("MEMORY_THRESHOLD_PERCENT", "87.5")

    assert env_float("MEMORY_THRESHOLD_PERCENT", 85.0, minimum=0, maximum=100) == 87.5


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " lebrq.example , ,api.lebrq.example,")

    assert env_list("ALLOWED_HOSTS", []) == ["lebrq.example", "api.lebrq.example"]


def test_cache_url_redis_keeps_the_url_and_short_timeouts():
    cache = parse_cache_url("redis://127.0.0.1:6379/3")

    assert cache["BACKEND"] == "lebrq.redis_cache.PooledClientRedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert cache["OPTIONS"] == {"socket_connect_timeout": 1, "socket_timeout": 1}


def test_cache_url_rediss_is_redis_over_tls():
    assert parse_cache_url("rediss://cache.internal:6380/0")["BACKEND"] == "lebrq.redis_cache.PooledClientRedisCache"


def test_cache_url_file_needs_an_absolute_path():
    assert parse_cache_url("file:///var/lib/lebrq/cache") == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": "/var/lib/lebrq/cache",
    }
    with pytest.raises(ImproperlyConfigured, match="absolute path"):
        parse_cache_url("file://relative/cache")


def test_cache_url_locmem_and_dummy():
    assert parse_cache_url("locmem://")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert parse_cache_url("locmem://throttles")["LOCATION"] == "throttles"
    assert parse_cache_url("dummy://") == {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


@pytest.mark.parametrize("url", ["memcached://127.0.0.1:11211", "127.0.0.1:6379", "redis-cluster://x"])
def test_cache_url_unknown_scheme_fails_at_start(url):
    with pytest.raises(ImproperlyConfigured, match="unsupported scheme"):
        parse_cache_url(url)


@pytest.mark.parametrize(
    "raw, expected",
    [("5/min", "5/min"), ("30/m", "30/m"), (" 2 / hour ", "2/hour"), ("100/s", "100/s"), ("7/sec", "7/sec"),
     ("1000/day", "1000/day"), ("3/d", "3/d"), ("10/minute", "10/minute"), ("05/h", "5/h")],
)  # fmt: skip
def test_env_throttle_rate_reads_drfs_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("THROTTLE_RATE_AUTH", raw)

    assert env_throttle_rate("THROTTLE_RATE_AUTH", "5/min") == expected


@pytest.mark.parametrize("raw", ["five/min", "5/mon", "5/week", "5", "/min", "0/min", "-1/min", "5/min/2", ""])
def test_env_throttle_rate_rejects_anything_else(monkeypatch, raw):
    monkeypatch.setenv("THROTTLE_RATE_AUTH", raw)

    with pytest.raises(ImproperlyConfigured, match=f"THROTTLE_RATE_AUTH={raw!r} is not a throttle rate"):
        env_throttle_rate("THROTTLE_RATE_AUTH", "5/min")


def load_settings(**env):
    """Import lebrq.settings in a fresh interpreter with exactly `env` (plus PATH)."""
    return subprocess.run(
        [sys.executable, "-c", "import lebrq.settings"],
        cwd=PROJECT_ROOT,
        env={"PATH": os.environ["PATH"], "SECRET_KEY": "s" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "name", ["THROTTLE_RATE_AUTH", "THROTTLE_RATE_LOGIN", "THROTTLE_RATE_REFRESH", "THROTTLE_RATE_GENERAL"]
)
def test_settings_refuse_a_bad_throttle_rate_at_start(tmp_path, name):
    result = load_settings(VAR_DIR=str(tmp_path), **{name: "five/min"})

    assert result.returncode != 0
    assert f"ImproperlyConfigured: {name}='five/min' is not a throttle rate" in result.stderr


def test_login_refresh_and_register_rates_default_to_the_auth_rate(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "from lebrq import settings; print(settings.THROTTLE_RATES)"],
        cwd=PROJECT_ROOT,
        env={"PATH": os.environ["PATH"], "SECRET_KEY": "s" * 50, "VAR_DIR": str(tmp_path),
             "THROTTLE_RATE_AUTH": "7/min", "THROTTLE_RATE_REFRESH": "60/hour"},
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "'login': '7/min', 'refresh': '60/hour', 'register': '7/min'" in result.stdout
