"""The Makefile passes the user's exported SECRET_KEY through, and falls back to var/secret_key."""

import os
import shutil
import subprocess

import pytest

from tests.server import PROJECT_ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")

# Too short and too simple for Django's security.W009: `check --deploy` fails if this key is used.
WEAK_KEY = "weak-key"


def make_check_deploy(**env):
    # -o setup: the venv is already installed (make test got us here); only the target runs.
    environment = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    return subprocess.run(
        ["make", "--no-print-directory", "-o", "setup", "check-deploy"],
        cwd=PROJECT_ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_an_exported_secret_key_is_the_one_the_target_uses():
    result = make_check_deploy(SECRET_KEY=WEAK_KEY)

    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


@pytest.mark.skipif(not (PROJECT_ROOT / "var" / "secret_key").exists(), reason="make setup has not run")
def test_without_an_exported_key_the_generated_one_is_used():
    result = make_check_deploy()

    assert result.returncode == 0, result.stdout + result.stderr
