import logging

import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_every_dependency_ok(anon_client):
    response = anon_client.get("/api/health")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "media_disk"}
    assert all(check["ok"] for check in body["checks"].values())


def test_health_names_the_dependency_that_is_down_and_logs_why(anon_client, monkeypatch, caplog):
    from health import checks

    def refused():
        raise ConnectionError("Error 111 connecting to cache.internal:6379 as lebrq_user. Connection refused.")

    monkeypatch.setitem(checks.CHECKS, "cache", refused)

    with caplog.at_level(logging.WARNING, logger="lebrq.health"):
        response = anon_client.get("/api/health")

    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "checks": {"database": {"ok": True}, "cache": {"ok": False}, "media_disk": {"ok": True}},
        "detail": "Unavailable: cache",
    }
    assert "cache.internal" not in response.content.decode()
    assert "Health check cache failed: ConnectionError: Error 111 connecting to cache.internal:6379" in caplog.text


def test_a_full_media_disk_is_reported_as_down_without_figures(anon_client, monkeypatch, caplog):
    from health import checks

    monkeypatch.setattr(checks, "MIN_FREE_MEDIA_BYTES", 2**62)

    with caplog.at_level(logging.WARNING, logger="lebrq.health"):
        response = anon_client.get("/api/health")

    assert response.status_code == 503
    assert response.json()["checks"]["media_disk"] == {"ok": False}
    assert "MiB free under MEDIA_ROOT" in caplog.text


def test_memory_endpoint_has_the_seed_fields(anon_client):
    response = anon_client.get("/api/health/memory")

    assert response.status_code == 200
    body = response.json()
    for field in ("total_gb", "available_gb", "used_percent", "used_gb", "threshold_percent", "status"):
        assert field in body
    assert body["source"] in ("cgroup", "host")
    assert body["status"] in ("ok", "warning", "critical")
    assert 0 < body["process_rss_mb"] < 4096
    assert body["used_gb"] == pytest.approx(body["total_gb"] - body["available_gb"], abs=0.02)
