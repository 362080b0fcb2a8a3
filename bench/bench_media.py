"""1 GiB media download under gunicorn (one worker): LeBrq's ranged media route against nginx
serving the same file, Django's plain FileResponse and django-ranged-response 0.2.0, in the
same run. Full download throughput, latency of a 1 MiB range from the middle, worker peak RSS.

Goals (issue 5): full download >= 0.8x nginx, a 1 MiB range in < 5 ms, RSS flat.
"""

import hashlib
import http.client
import os
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from bench_uploads import bench_database, nginx, upload_server
from common import MEBIBYTE, PROJECT_ROOT, PeakRssSampler, print_result

FILE_MIB = 1024
RANGE_REQUESTS = 50
MIDDLE = f"bytes={512 * MEBIBYTE}-{513 * MEBIBYTE - 1}"


def create_video(media_root):
    """A 1 GiB file in MEDIA_ROOT/video and its MediaFile row (the bench process has Django set up)."""
    from accounts.models import User
    from uploads.models import MediaFile

    stored_name = f"{uuid.uuid4().hex}.mp4"
    path = Path(media_root) / "video" / stored_name
    path.parent.mkdir(parents=True, exist_ok=True)
    block, digest = os.urandom(16 * MEBIBYTE), hashlib.sha256()
    with open(path, "wb") as file:
        for _ in range(FILE_MIB // 16):
            file.write(block)
            digest.update(block)
    MediaFile.objects.create(
        kind="video",
        stored_name=stored_name,
        size=path.stat().st_size,
        sha256=digest.hexdigest(),
        content_type="video/mp4",
        original_name="big.mp4",
        owner=User.objects.get(),
    )
    return stored_name


def fetch(port, path, range_header=None, connection=None):
    """(status, body bytes, seconds); the body is read into a reused buffer, never kept."""
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    buffer = memoryview(bytearray(MEBIBYTE))
    started = time.perf_counter()
    connection.request("GET", path, headers={"Range": range_header} if range_header else {})
    response = connection.getresponse()
    received = 0
    while count := response.readinto(buffer):
        received += count
    elapsed = time.perf_counter() - started
    if own:
        connection.close()
    return response.status, received, elapsed


def measure(port, path, pids_fn, range_requests=RANGE_REQUESTS):
    with PeakRssSampler(pids_fn) as rss:
        full = min((fetch(port, path) for _ in range(2)), key=lambda result: result[2])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        ranges = [fetch(port, path, MIDDLE, connection) for _ in range(range_requests)]
        connection.close()
    range_status, range_bytes = ranges[0][0], ranges[0][1]
    return {
        "full_status": full[0],
        "full_mib_per_s": full[1] / MEBIBYTE / full[2],
        "range_status": range_status,
        "range_bytes": range_bytes,
        "range_ms_p50": statistics.median(result[2] for result in ranges) * 1000,
        "range_ms_max": max(result[2] for result in ranges) * 1000,
        "rss_growth_mib": rss.peak_growth_mib(),
    }


def main():
    workdir = Path(tempfile.mkdtemp(prefix="bench-media-", dir=PROJECT_ROOT / "var"))
    try:
        run(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(workdir):
    database_url, _ = bench_database(workdir)
    media_root = workdir / "media"
    name = create_video(media_root)
    results = {}
    with upload_server(workdir, database_url, media_root) as server:
        port, pids = server.port, server.worker_pids
        results["lebrq"] = measure(port, f"/api/uploads/video/{name}", pids)
        results["file_response"] = measure(port, f"/bench/file-response/{name}", pids)
        # Reads the whole file into memory on every request, ranges included: a few requests suffice.
        results["ranged_response"] = measure(port, f"/bench/ranged-response/{name}", pids, range_requests=3)
    with nginx(workdir, media_root) as (port, nginx_pids):
        results["nginx"] = measure(port, f"/media/video/{name}", nginx_pids)

    for variant, result in results.items():
        print_result(f"download_1GiB_{variant}", **result)
    nginx_speed = results["nginx"]["full_mib_per_s"]
    print_result(
        "download_1GiB_ratios",
        lebrq_vs_nginx=results["lebrq"]["full_mib_per_s"] / nginx_speed,
        file_response_vs_nginx=results["file_response"]["full_mib_per_s"] / nginx_speed,
        ranged_response_vs_nginx=results["ranged_response"]["full_mib_per_s"] / nginx_speed,
        lebrq_range_ms_p50=results["lebrq"]["range_ms_p50"],
        goal="lebrq_vs_nginx>=0.8 range<5ms rss_flat",
    )


if __name__ == "__main__":
    main()
