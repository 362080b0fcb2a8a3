"""Foundation benchmark: idle memory of master + 4 workers, and the memory guard's cost per request.

Memory: the full app and a bare Django + DRF project with one viewset (generated into a temp
dir in this run) are served by the same gunicorn.conf.py, with and without preload. Each
server answers a burst of requests on fresh connections (so every worker has imported its
views), then idles a moment; RSS and PSS are summed over master and workers from
/proc/PID/smaps_rollup. PSS is the honest figure: pages shared copy-on-write after a
preloaded fork count once, split among the processes sharing them.

Guard: MemoryGuardMiddleware.__call__ around a trivial get_response, against calling
get_response directly, timed in process (the memory reading cached as in production).

Goals (issue 3): full app with preload within 1.2x the bare project's PSS; guard < 20 us.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import timeit
from pathlib import Path

import requests
from common import MEBIBYTE, PROJECT_ROOT, bench_environment, print_result, total_memory

from tests.server import GunicornServer  # noqa: E402  (common puts the project on sys.path)

WORKERS = 4
WARM_UP_REQUESTS = 60

BARE_SETTINGS = """
SECRET_KEY = "bench-bare-project-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "rest_framework"]
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "bareproj.urls"
WSGI_APPLICATION = "bareproj.wsgi.application"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": __import__("os").environ["BARE_DB"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
"""

BARE_URLS = """
from django.contrib.auth.models import Group
from rest_framework import routers, serializers, viewsets


class GroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = Group
        fields = ["id", "name"]


class GroupViewSet(viewsets.ModelViewSet):
    queryset = Group.objects.order_by("id")
    serializer_class = GroupSerializer


router = routers.DefaultRouter()
router.register("groups", GroupViewSet)
urlpatterns = router.urls
"""

BARE_WSGI = """
import os
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bareproj.settings")
application = get_wsgi_application()
"""


class BareServer(GunicornServer):
    app_module = ("bareproj.wsgi:application",)


def generate_bare_project(root):
    package = root / "bareproj"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, source in (("settings", BARE_SETTINGS), ("urls", BARE_URLS), ("wsgi", BARE_WSGI)):
        (package / f"{name}.py").write_text(textwrap.dedent(source))
    env = bench_environment(PYTHONPATH=root, DJANGO_SETTINGS_MODULE="bareproj.settings", BARE_DB=root / "bare.sqlite3")
    migrate(env)
    return env


def app_environment(root):
    env = bench_environment(
        DATABASE_URL=f"sqlite:///{root / 'app.sqlite3'}",
        CACHE_URL=f"file://{root / 'cache'}",
        MEDIA_ROOT=str(root / "media"),
        DJANGO_SETTINGS_MODULE="lebrq.settings",
    )
    migrate(env)
    return env


def migrate(env):
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        check=True,
    )


def idle_memory(server_class, root, env, path, preload):
    server = server_class(root, {**env, "WEB_CONCURRENCY": str(WORKERS), "GUNICORN_PRELOAD": str(preload).lower()})
    server.start(timeout=60)
    try:
        boot_rss, boot_pss = total_memory(server.all_pids())
        for _ in range(WARM_UP_REQUESTS):
            requests.get(server.url(path), timeout=10).raise_for_status()
        time.sleep(1.0)
        rss, pss = total_memory(server.all_pids())
        master_pss = total_memory([server.process.pid])[1]
        worker_rss = max(total_memory([pid])[0] for pid in server.worker_pids())
    finally:
        server.stop()
    return {"boot_pss": boot_pss, "rss": rss, "pss": pss, "master_pss": master_pss, "worker_rss": worker_rss}


def measure_memory(root):
    bare_env = generate_bare_project(root)
    app_env = app_environment(root)
    results = {}
    for preload in (False, True):
        label = "preload" if preload else "no_preload"
        results[f"bare_{label}"] = idle_memory(BareServer, root, bare_env, "/groups/", preload)
        results[f"app_{label}"] = idle_memory(GunicornServer, root, app_env, "/api/health", preload)
    for name, figures in results.items():
        print_result(
            f"idle_memory_{name}",
            processes=WORKERS + 1,
            pss_mib=figures["pss"] / MEBIBYTE,
            rss_mib=figures["rss"] / MEBIBYTE,
            boot_pss_mib=figures["boot_pss"] / MEBIBYTE,
            pss_per_worker_mib=(figures["pss"] - figures["master_pss"]) / WORKERS / MEBIBYTE,
            peak_worker_rss_mib=figures["worker_rss"] / MEBIBYTE,
        )
    bare = results["bare_no_preload"]["pss"]
    print_result(
        "idle_pss_ratio",
        app_preload_vs_bare=results["app_preload"]["pss"] / bare,
        app_preload_vs_bare_preload=results["app_preload"]["pss"] / results["bare_preload"]["pss"],
        app_no_preload_vs_bare=results["app_no_preload"]["pss"] / bare,
        goal="<=1.2 (app_preload_vs_bare)",
    )
    return app_env


def measure_guard(app_env):
    os.environ.update({key: str(value) for key, value in app_env.items()})
    import django

    django.setup()
    from django.http import HttpResponse
    from django.test import RequestFactory

    from health.memory import read_memory
    from health.middleware import MemoryGuardMiddleware

    answer = HttpResponse("ok")
    bare_view = lambda request: answer  # noqa: E731
    guard = MemoryGuardMiddleware(bare_view)
    requests_by_method = {
        "get": RequestFactory().get("/api/bookings/?page=2"),
        "post": RequestFactory().post("/api/bookings/", b'{"venue": 1}', content_type="application/json"),
    }
    for method, request in requests_by_method.items():
        assert guard(request) is answer, "the guard rejected the benchmark request (is memory that high?)"
        with_guard = per_call_microseconds(lambda request=request: guard(request))
        without_guard = per_call_microseconds(lambda request=request: bare_view(request))
        print_result(
            f"memory_guard_{method}",
            overhead_us=with_guard - without_guard,
            with_guard_us=with_guard,
            without_guard_us=without_guard,
            goal="<20us",
        )
    print_result("memory_reading_uncached", read_us=per_call_microseconds(read_memory, number=2000))


def per_call_microseconds(call, number=50_000, repeat=7):
    """Median over `repeat` runs of `number` calls: robust to a neighbour stealing the CPU."""
    return statistics.median(timeit.repeat(call, number=number, repeat=repeat)) / number * 1e6


def main():
    with tempfile.TemporaryDirectory(prefix="bench-foundation-") as workdir:
        app_env = measure_memory(Path(workdir))
        measure_guard(app_env)


if __name__ == "__main__":
    main()
