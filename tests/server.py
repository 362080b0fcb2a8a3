"""Start the real app under gunicorn on a free port for end-to-end tests."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import requests
from django.db import connection

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url_of_test_db():
    """The URL of the database pytest-django created, so gunicorn sees the test's rows."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"mysql://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 3306}/{db['NAME']}"


def environment_for_test_server(workdir, overrides):
    """Environment for a gunicorn serving the test database, media root and a shared cache."""
    from django.conf import settings

    cache_url = os.environ.get("CACHE_URL", "")
    if not cache_url.startswith(("redis", "file")):
        cache_url = f"file://{Path(workdir) / 'cache'}"
    env = {
        "DATABASE_URL": database_url_of_test_db(),
        "CACHE_URL": cache_url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SECRET_KEY": settings.SECRET_KEY,
        "CONN_MAX_AGE": "0",
        "THROTTLE_RATE_AUTH": "1000/min",
        "THROTTLE_RATE_UPLOADS": "1000/min",
        "THROTTLE_RATE_SEARCH": "1000/min",
        "THROTTLE_RATE_GENERAL": "10000/min",
        "LOGIN_MAX_FAILURES": "1000",
    }
    env.update({key: str(value) for key, value in overrides.items()})
    return env


def collect_static(static_root, workdir):
    """`manage.py collectstatic` into `static_root` (hashed names, as production serves them);
    pass STATIC_ROOT=static_root to the server so whitenoise finds them."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=PROJECT_ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lebrq.settings",
            "STATIC_ROOT": str(static_root),
            "VAR_DIR": str(Path(workdir) / "var"),
        },
        check=True,
        timeout=120,
    )
    return static_root


class GunicornServer:
    """gunicorn running gunicorn.conf.py on a free port of 127.0.0.1, logging to a file in workdir.

    `env` is laid over the current environment; DATABASE_URL, SECRET_KEY, MEDIA_ROOT and
    CACHE_URL should be in it. Used by the end-to-end tests and by the benchmarks.
    """

    app_module = ()  # the config's wsgi_app; a benchmark may serve another project with the same config
    cwd = PROJECT_ROOT  # a host of its own (tests/e2e/test_two_hosts.py) starts elsewhere

    def __init__(self, workdir, env):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(workdir) / f"gunicorn-{self.port}.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lebrq.settings",
            "VAR_DIR": str(Path(workdir) / "var"),
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_THREADS": "4",
            "PYTHONUNBUFFERED": "1",
            **env,
            "BIND": f"127.0.0.1:{self.port}",
        }
        self.process = None

    def start(self, timeout=30):
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(PROJECT_ROOT / "gunicorn.conf.py"), *self.app_module],
            cwd=self.cwd,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.log_text()}")
            if self._all_workers_answer():
                return self
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {timeout}s:\n{self.log_text()}")

    def _all_workers_answer(self):
        """Ready once one worker answers and every configured worker has been forked:
        tests that count workers or spread requests over them must not race the boot."""
        try:
            requests.get(f"{self.base_url}/api/health/memory", timeout=1)
        except (requests.ConnectionError, requests.Timeout):  # workers still booting
            return False
        return len(self.worker_pids()) >= int(self.env["WEB_CONCURRENCY"])

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def url(self, path):
        return f"{self.base_url}{path}"

    def worker_pids(self):
        return sorted(child.pid for child in psutil.Process(self.process.pid).children())

    def all_pids(self):
        return [self.process.pid, *self.worker_pids()]

    def log_text(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
