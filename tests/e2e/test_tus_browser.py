"""tus-js-client, unchanged, in headless Chromium against the real server: a transfer cut at 50 %
by killing its TCP connection and resumed by the client to the right sha256, and a video
uploaded through tus that plays and seeks through the ranged media view."""

import hashlib
from pathlib import Path

import pytest
import requests

from tests.e2e.browser import PLAY_AND_SEEK_SCRIPT, UPLOAD_SCRIPT
from tests.e2e.relay import CuttingRelay
from tests.uploads.samples import sample_bytes

pytestmark = pytest.mark.e2e
MIB = 1024 * 1024
VIDEO_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "testsrc-6s.webm"  # ffmpeg testsrc, VP8, 6 s


def browser_upload(driver, base_url, token, name, kind="video", chunk_size=None):
    result = driver.execute_async_script(UPLOAD_SCRIPT, f"{base_url}/api/uploads/tus/", token, name, kind, chunk_size)
    assert "error" not in result, result
    return result["url"]


def stored_media(upload_url, token):
    response = requests.get(upload_url, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def play_and_seek(driver, media_url, seek_to=4.0):
    result = driver.execute_async_script(PLAY_AND_SEEK_SCRIPT, media_url, seek_to)
    assert "error" not in result, result
    return result


def test_a_browser_upload_cut_at_half_resumes_to_the_same_sha256(gunicorn_server, token, browser_page):
    driver, pages = browser_page
    server = gunicorn_server()
    relay = CuttingRelay(server.port)
    content = sample_bytes("mp4", 16 * MIB)
    pages.add_file("ceremony.mp4", content)
    relay.cut_after(len(content) // 2)

    url = browser_upload(driver, relay.base_url, token, "ceremony.mp4")

    assert relay.cut.is_set()
    assert stored_media(url, token)["sha256"] == hashlib.sha256(content).hexdigest()
    patches = [headers for method, _, headers in relay.requests if method == "PATCH"]
    offsets = [int(headers["upload-offset"]) for headers in patches]
    # Chromium itself replays a request whose reused socket was reset (offset 0 again, refused
    # with 409 and never stored); then tus-js-client asks HEAD and sends only the rest.
    assert offsets[0] == 0 and set(offsets[1:-1]) <= {0} and 0 < offsets[-1] <= len(content) // 2
    assert int(patches[-1]["content-length"]) == len(content) - offsets[-1]
    assert [method for method, _, _ in relay.requests].count("HEAD") >= 1
    relay.close()


@pytest.mark.parametrize("behind_nginx", [False, True], ids=["gunicorn", "nginx"])
def test_a_video_uploaded_through_tus_plays_and_seeks_through_the_ranged_view(
    behind_nginx, gunicorn_server, front_door, token, browser_page
):
    driver, pages = browser_page
    base_url = front_door().base_url if behind_nginx else gunicorn_server().base_url
    pages.add_file("testsrc.webm", VIDEO_FIXTURE.read_bytes())

    media = stored_media(browser_upload(driver, base_url, token, "testsrc.webm", chunk_size=16 * 1024), token)
    played = play_and_seek(driver, media["url"])

    assert media["url"].startswith(base_url)
    assert media["content_type"] == "video/webm" and media["size"] == VIDEO_FIXTURE.stat().st_size
    assert played["readyState"] >= 2 and abs(played["currentTime"] - 4.0) < 0.5
    assert played["duration"] == pytest.approx(6.0, abs=0.2)
