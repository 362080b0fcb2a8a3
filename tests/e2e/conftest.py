from pathlib import Path

import pytest
from rest_framework_simplejwt.tokens import RefreshToken


@pytest.fixture
def token(alice):
    """alice's access token, for requests sent to a gunicorn server."""
    return str(RefreshToken.for_user(alice).access_token)


@pytest.fixture
def media_root(settings):
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root
