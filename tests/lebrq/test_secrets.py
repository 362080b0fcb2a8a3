"""Keys: no public development key signs anything, and JWTs are signed with their own key."""

import json
import os
import subprocess
import sys

import jwt
import pytest
from django.conf import settings
from django.utils import timezone

from tests.server import PROJECT_ROOT

PRINT_KEYS = (
    "import json; from lebrq import settings as s; "
    "print(json.dumps({'secret': s.SECRET_KEY, 'jwt': s.SIMPLE_JWT['SIGNING_KEY']}))"
)


def keys_with(tmp_path, **env):
    result = subprocess.run(
        [sys.executable, "-c", PRINT_KEYS],
        cwd=PROJECT_ROOT,
        env={"PATH": os.environ["PATH"], "VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def test_debug_without_a_secret_key_uses_a_random_key_per_process(tmp_path):
    first, warning = keys_with(tmp_path, DEBUG="true")
    second, _ = keys_with(tmp_path, DEBUG="true")

    assert first["secret"] != second["secret"]
    assert first["jwt"] != second["jwt"]
    assert len(first["secret"]) >= 50
    assert "insecure" not in first["secret"]
    assert "SECRET_KEY is not set: using a random key for this process (DEBUG=true)" in warning


def test_the_jwt_key_is_derived_from_the_secret_key_but_differs_from_it(tmp_path):
    one, _ = keys_with(tmp_path, SECRET_KEY="a" * 50)
    again, _ = keys_with(tmp_path, SECRET_KEY="a" * 50)
    rotated, _ = keys_with(tmp_path, SECRET_KEY="b" * 50)

    assert one["jwt"] == again["jwt"]  # stable across processes and workers
    assert one["jwt"] != one["secret"]
    assert rotated["jwt"] != one["jwt"]  # rotating SECRET_KEY rotates tokens


def test_jwt_signing_key_from_the_environment_wins(tmp_path):
    keys, _ = keys_with(tmp_path, SECRET_KEY="a" * 50, JWT_SIGNING_KEY="j" * 40)

    assert keys["jwt"] == "j" * 40


def test_a_short_jwt_signing_key_is_refused_at_start(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import lebrq.settings"],
        cwd=PROJECT_ROOT,
        env={"PATH": os.environ["PATH"], "VAR_DIR": str(tmp_path), "SECRET_KEY": "a" * 50, "JWT_SIGNING_KEY": "short"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "JWT_SIGNING_KEY must be at least 32 characters" in result.stderr


def forged_access_token(user, key):
    now = int(timezone.now().timestamp())
    claims = {"token_type": "access", "exp": now + 300, "iat": now, "jti": "forged", "user_id": str(user.pk)}
    return jwt.encode(claims, key, algorithm="HS256")


@pytest.mark.django_db
def test_a_token_signed_with_the_secret_key_is_refused(anon_client, charlie):
    anon_client.credentials(HTTP_AUTHORIZATION=f"Bearer {forged_access_token(charlie, settings.SECRET_KEY)}")

    assert anon_client.get("/api/auth/me").status_code == 401


@pytest.mark.django_db
def test_a_token_signed_with_the_jwt_key_is_accepted(anon_client, charlie):
    anon_client.credentials(HTTP_AUTHORIZATION=f"Bearer {forged_access_token(charlie, settings.JWT_SIGNING_KEY)}")

    assert anon_client.get("/api/auth/me").json()["email"] == charlie.email
