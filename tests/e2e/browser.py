"""Headless Chromium (Debian's chromium and chromium-driver, through selenium) loading the official
tus browser client (tus-js-client from tests/e2e/js/node_modules) on a page a test serves."""

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from tests.server import free_port

JS_DIR = Path(__file__).resolve().parent / "js"
TUS_JS = JS_DIR / "node_modules" / "tus-js-client" / "dist" / "tus.min.js"
CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
PAGE = """<!doctype html><meta charset="utf-8"><title>tus</title><script src="tus.min.js"></script>"""

# Upload a file fetched from the page's server with tus-js-client; resolves {url} or {error}.
# One PATCH for the whole file unless a chunk size is given; retries (the client's own resume:
# HEAD, then PATCH from the stored offset) after a lost connection.
UPLOAD_SCRIPT = """
const [endpoint, token, fileName, kind, chunkSize, done] = arguments;
fetch(fileName).then(r => r.blob()).then(blob => {
  const upload = new tus.Upload(new File([blob], fileName), {
    endpoint, headers: {Authorization: "Bearer " + token},
    metadata: {kind, filename: fileName, filetype: blob.type},
    chunkSize: chunkSize || Infinity, retryDelays: [0, 250, 500, 1000, 2000, 4000],
    storeFingerprintForResuming: false,
    onSuccess: () => done({url: upload.url}),
    onError: error => done({error: String(error)}),
  });
  upload.start();
});
"""

# Play a video and seek in it; resolves what the element reports after the seek.
PLAY_AND_SEEK_SCRIPT = """
const [src, seekTo, done] = arguments;
const video = document.createElement("video");
video.muted = true;
video.preload = "auto";
video.onerror = () => done({error: String(video.error && video.error.message)});
video.onloadedmetadata = () => {
  video.onseeked = () => done({readyState: video.readyState, currentTime: video.currentTime,
                               duration: video.duration, seekable: video.seekable.length});
  video.currentTime = seekTo;
};
video.src = src;
document.body.appendChild(video);
"""


def needs_chromium():
    missing = [name for name, found in [("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)] if not found]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)} (apt-get install chromium chromium-driver)")


def needs_browser():
    needs_chromium()
    if not TUS_JS.exists():
        pytest.skip("needs tus-js-client: make js-deps (npm ci in tests/e2e/js)")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class PageServer:
    """Serves `directory` (the test page, tus.min.js, the files to upload) on 127.0.0.1."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        (self.directory / "index.html").write_text(PAGE)
        shutil.copy(TUS_JS, self.directory / "tus.min.js")
        handler = functools.partial(QuietHandler, directory=str(self.directory))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/index.html"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add_file(self, name, content):
        (self.directory / name).write_bytes(content)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def start_chromium(profile_dir):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # root in CI containers
        "--disable-dev-shm-usage",
        "--disable-gpu",
        # The page is served by the test, the API by gunicorn or nginx on other ports: the test
        # page is not what CORS protects (the API's CORS settings are not under test here).
        "--disable-web-security",
        f"--user-data-dir={profile_dir}",
        "--mute-audio",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_script_timeout(180)
    return driver
