"""LOG_FORMAT: plain lines by default, JSON lines with `json`, and a typo stops the process."""

import json
import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from lebrq.env import env_choice
from tests.server import PROJECT_ROOT

LOG_A_LINE = (
    "import django, logging; django.setup(); from lebrq.request_id import bound_request_id\n"
    "with bound_request_id('abc123'): logging.getLogger('lebrq.demo').warning('Hello %s', 'there')"
)


def run_settings(tmp_path, **env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lebrq.settings", "VAR_DIR": str(tmp_path), **env}
    environment.setdefault("SECRET_KEY", "log-format-test-secret-key-0123456789abcdefghijklmnop")
    return subprocess.run(
        [sys.executable, "-c", LOG_A_LINE], cwd=PROJECT_ROOT, env=environment, capture_output=True, text=True
    )


def test_json_lines_carry_level_logger_pid_and_request_id(tmp_path):
    result = run_settings(tmp_path, LOG_FORMAT="json")

    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "Hello there"
    assert (line["level"], line["logger"], line["request_id"]) == ("WARNING", "lebrq.demo", "abc123")
    assert line["process"] > 0 and line["asctime"]


def test_plain_is_the_default_and_names_the_request(tmp_path):
    result = run_settings(tmp_path, LOG_FORMAT="plain")

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("WARNING lebrq.demo [pid %s] [req abc123] Hello there" % line_pid(result))


def line_pid(result):
    return result.stderr.split("[pid ")[-1].split("]")[0]


def test_an_unknown_format_stops_the_process(tmp_path):
    result = run_settings(tmp_path, LOG_FORMAT="xml")

    assert result.returncode != 0
    assert "LOG_FORMAT='xml' is not one of: plain, json." in result.stderr


def test_env_choice_is_case_insensitive_and_strict(monkeypatch):
    monkeypatch.setenv("LEBRQ_CHOICE", " JSON ")
    assert env_choice("LEBRQ_CHOICE", "plain", ("plain", "json")) == "json"

    monkeypatch.setenv("LEBRQ_CHOICE", "jsonl")
    with pytest.raises(ImproperlyConfigured):
        env_choice("LEBRQ_CHOICE", "plain", ("plain", "json"))
