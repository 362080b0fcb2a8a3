"""Upload kinds are declared once (MediaFile.Kind, with one policy each); routes, URL converters
and limit variables follow from that declaration."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from tests.server import PROJECT_ROOT
from uploads.models import PUBLIC_KINDS, MediaFile
from uploads.policies import POLICIES, PUBLIC_POLICIES, check_limit_variables


def test_every_kind_of_the_model_has_exactly_one_policy():
    assert set(POLICIES) == set(MediaFile.Kind)
    assert all(policy.kind == kind for kind, policy in POLICIES.items())


def test_every_public_kind_has_an_upload_route_and_a_media_route():
    for policy in PUBLIC_POLICIES:
        assert reverse(f"uploads:upload-{policy.route}") == f"/api/uploads/{policy.route}"
        name = f"{'0' * 32}.png"
        assert (
            reverse("uploads:media", kwargs={"kind": policy.kind, "name": name}) == f"/api/uploads/{policy.kind}/{name}"
        )
    assert MediaFile.Kind.AUDIO not in PUBLIC_KINDS


def test_limit_variables_are_named_after_the_kinds():
    assert [policy.limit_variable for policy in POLICIES.values()] == [
        "UPLOAD_LIMIT_POSTER_MB",
        "UPLOAD_LIMIT_IMAGE_MB",
        "UPLOAD_LIMIT_VIDEO_MB",
        "UPLOAD_LIMIT_PROGRAM_IMAGE_MB",
        "UPLOAD_LIMIT_AUDIO_MB",
    ]


def test_a_limit_set_in_settings_overrides_the_kinds_default(settings):
    settings.UPLOAD_LIMITS_MB = {"video": 3}

    assert POLICIES[MediaFile.Kind.VIDEO].max_file_bytes == 3 * 1024 * 1024
    assert POLICIES[MediaFile.Kind.IMAGE].max_file_bytes == 20 * 1024 * 1024


def test_a_limit_for_no_kind_is_refused():
    with pytest.raises(ImproperlyConfigured, match="UPLOAD_LIMIT_VIDOE_MB: no such upload kind"):
        check_limit_variables({"vidoe": 3, "video": 3})


def test_a_misspelt_limit_variable_stops_the_app_at_start():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lebrq.settings", "UPLOAD_LIMIT_VIDOE_MB": "4096"}

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode != 0
    assert "UPLOAD_LIMIT_VIDOE_MB: no such upload kind" in result.stderr
