"""MEDIA_STORAGE=s3 is checked when the process starts: the S3_* variables all or none."""

import os
import subprocess
import sys

import pytest

from tests.server import PROJECT_ROOT

PRINT_MEDIA = (
    "import json; from lebrq import settings as s; "
    "print(json.dumps(s.STORAGES.get('media', {}).get('OPTIONS'), default=str))"
)
COMPLETE = {"MEDIA_STORAGE": "s3", "S3_BUCKET": "media", "S3_REGION": "ap-south-1"}


def start_settings(tmp_path, **env):
    return subprocess.run(
        [sys.executable, "-c", PRINT_MEDIA],
        cwd=PROJECT_ROOT,
        env={"PATH": os.environ["PATH"], "VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_default_is_the_filesystem(tmp_path):
    result = start_settings(tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "null"


def test_complete_s3_settings_configure_the_storage(tmp_path):
    result = start_settings(
        tmp_path,
        **COMPLETE,
        S3_ENDPOINT_URL="http://127.0.0.1:9000",
        S3_ACCESS_KEY_ID="k",
        S3_SECRET_ACCESS_KEY="s",
        S3_PRESIGN_SECONDS="120",
    )

    assert result.returncode == 0, result.stderr
    for expected in ('"bucket_name": "media"', '"querystring_expire": 120', '"addressing_style": "path"'):
        assert expected in result.stdout


@pytest.mark.parametrize(
    "env, message",
    [
        ({"MEDIA_STORAGE": "s3", "S3_REGION": "ap-south-1"}, "MEDIA_STORAGE=s3 needs S3_BUCKET"),
        ({"MEDIA_STORAGE": "s3"}, "MEDIA_STORAGE=s3 needs S3_BUCKET, S3_REGION"),
        ({**COMPLETE, "S3_ACCESS_KEY_ID": "k"}, "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together"),
        ({**COMPLETE, "S3_ENDPOINT_URL": "127.0.0.1:9000"}, "not an http:// or https:// URL"),
        ({"S3_BUCKET": "media"}, "S3_BUCKET set but MEDIA_STORAGE is not s3"),
        ({"MEDIA_STORAGE": "gcs"}, "MEDIA_STORAGE='gcs' is not one of: local, s3"),
        ({**COMPLETE, "S3_MULTIPART_CHUNK_MB": "1"}, "S3_MULTIPART_CHUNK_MB"),
    ],
)
def test_incomplete_or_stray_s3_settings_stop_the_process(tmp_path, env, message):
    result = start_settings(tmp_path, **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr
