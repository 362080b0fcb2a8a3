from pathlib import Path

import pytest
from rest_framework_simplejwt.tokens import RefreshToken

from tests.e2e.browser import PageServer, needs_browser, start_chromium


@pytest.fixture
def token(alice):
    """alice's access token, for requests sent to a gunicorn server."""
    return str(RefreshToken.for_user(alice).access_token)


@pytest.fixture
def media_root(settings):
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    return root


@pytest.fixture
def browser_page(tmp_path, monkeypatch):
    """(driver, page server) with the test page open in headless Chromium."""
    needs_browser()
    monkeypatch.setenv("SE_OFFLINE", "true")  # selenium must not try to download a browser or driver
    pages = PageServer(tmp_path / "page")
    driver = start_chromium(tmp_path / "chromium-profile")
    driver.get(pages.url)
    yield driver, pages
    driver.quit()
    pages.stop()
