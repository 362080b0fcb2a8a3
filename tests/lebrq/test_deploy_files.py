"""deploy/ and .env.example: every variable the settings read is listed, the systemd units verify."""

import ast
import re
import shutil
import subprocess

import pytest

from tests.server import PROJECT_ROOT

ENV_EXAMPLE = PROJECT_ROOT / ".env.example"
READERS_OF_THE_ENVIRONMENT = ["lebrq/settings.py", "lebrq/log_formats.py", "gunicorn.conf.py"]
UNITS = sorted((PROJECT_ROOT / "deploy" / "systemd").glob("*.service"))


def variables_read(path):
    """Names passed to env_str/env_int/env_bool/... as a literal first argument."""
    tree = ast.parse((PROJECT_ROOT / path).read_text())
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id.startswith("env_")
        and node.args
        and isinstance(node.args[0], ast.Constant)
    }


def listed_variables():
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), re.MULTILINE))


@pytest.mark.parametrize("path", READERS_OF_THE_ENVIRONMENT)
def test_env_example_lists_every_variable_the_settings_read(path):
    missing = variables_read(path) - listed_variables()

    assert not missing, f".env.example lacks {sorted(missing)} (read by {path}): add each with its default"


def test_the_parser_finds_the_variables_it_should():
    assert {"SECRET_KEY", "DATABASE_URL", "METRICS_TOKEN", "SENTRY_DSN"} <= variables_read("lebrq/settings.py")
    assert "LOG_FORMAT" in variables_read("lebrq/log_formats.py")
    assert {"WEB_CONCURRENCY", "WORKER_MAX_RSS_MB"} <= variables_read("gunicorn.conf.py")


def test_there_is_a_unit_for_the_web_the_worker_and_the_scheduler():
    assert [unit.name for unit in UNITS] == ["lebrq-scheduler.service", "lebrq-web.service", "lebrq-worker.service"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_the_systemd_units_verify(tmp_path):
    """The units as installed (/srv/lebrq, /etc/lebrq/lebrq.env) pointed at this checkout."""
    for unit in UNITS:
        text = (
            unit.read_text().replace("/etc/lebrq/lebrq.env", str(ENV_EXAMPLE)).replace("/srv/lebrq", str(PROJECT_ROOT))
        )
        (tmp_path / unit.name).write_text(text)

    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *sorted(str(path) for path in tmp_path.glob("*.service"))],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0 and "error" not in result.stderr.lower(), result.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_verify_would_catch_a_broken_unit(tmp_path):
    broken = tmp_path / "lebrq-broken.service"
    broken.write_text("[Service]\nExecStart=/nonexistent/gunicorn -c gunicorn.conf.py\n")

    result = subprocess.run(["systemd-analyze", "verify", "--man=no", str(broken)], capture_output=True, text=True)

    assert result.returncode != 0
