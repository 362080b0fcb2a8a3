from pathlib import Path

import pytest
from rest_framework_simplejwt.tokens import RefreshToken

from tests.e2e.browser import PageServer, needs_browser, start_chromium
from tests.e2e.front_door import FrontDoor, body_secret, nginx_available


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


@pytest.fixture
def front_door(gunicorn_server, media_root, tmp_path):
    """Factory: `front_door(WEB_CONCURRENCY=1)` starts gunicorn (media by X-Accel-Redirect, the
    body secret set) and deploy/nginx/ in front of it; `.gunicorn` is the server behind."""
    doors = []

    def start(**gunicorn_env):
        if not nginx_available():
            pytest.skip("needs nginx (apt-get install nginx-light)")
        secret = body_secret()
        server = gunicorn_server(MEDIA_ACCEL_REDIRECT="/protected-media/", NGINX_BODY_SECRET=secret, **gunicorn_env)
        door = FrontDoor(tmp_path / f"nginx-{len(doors)}", server.port, media_root, secret).start()
        door.gunicorn, door.secret = server, secret
        doors.append(door)
        return door

    yield start
    for door in doors:
        door.stop()
