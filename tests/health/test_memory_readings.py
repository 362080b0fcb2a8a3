"""Memory readings honour a container's cgroup limit; psutil alone would report the host."""

import pytest

from health import memory
from health.memory import MemoryReading, memory_report, memory_status, read_cgroup_memory

GIB = 1024**3
MIB = 1024**2
HOST_TOTAL = 64 * GIB


def write_files(directory, **files):
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (directory / name.replace("_", ".", 1)).write_text(content)


def proc_cgroup(tmp_path, content):
    path = tmp_path / "proc-self-cgroup"
    path.write_text(content)
    return path


def test_cgroup_v2_limit_and_working_set_without_inactive_file(tmp_path):
    own = tmp_path / "sys" / "system.slice" / "lebrq.service"
    write_files(
        own, memory_max=str(2 * GIB), memory_current=str(1536 * MIB), memory_stat="anon 1\ninactive_file 512000000\n"
    )

    reading = read_cgroup_memory(
        tmp_path / "sys", HOST_TOTAL, proc_cgroup(tmp_path, "0::/system.slice/lebrq.service\n")
    )

    assert reading == MemoryReading(
        total_bytes=2 * GIB, available_bytes=2 * GIB - (1536 * MIB - 512000000), source="cgroup"
    )
    assert reading.used_percent == pytest.approx(100 * (1536 * MIB - 512000000) / (2 * GIB), abs=0.05)


def test_cgroup_v2_max_means_no_limit_so_the_host_applies(tmp_path):
    write_files(tmp_path / "sys", memory_max="max", memory_current=str(GIB), memory_stat="inactive_file 0\n")

    assert read_cgroup_memory(tmp_path / "sys", HOST_TOTAL, proc_cgroup(tmp_path, "0::/\n")) is None


def test_cgroup_limit_above_the_host_memory_is_ignored(tmp_path):
    write_files(tmp_path / "sys", memory_max=str(128 * GIB), memory_current=str(GIB), memory_stat="")

    assert read_cgroup_memory(tmp_path / "sys", HOST_TOTAL, proc_cgroup(tmp_path, "0::/\n")) is None


def test_cgroup_v1_memory_controller_of_a_hybrid_hierarchy(tmp_path):
    own = tmp_path / "sys" / "memory" / "docker" / "abc123"
    write_files(
        own,
        memory_limit_in_bytes=str(GIB),
        memory_usage_in_bytes=str(900 * MIB),
        memory_stat="cache 1\ntotal_inactive_file 104857600\n",
    )
    cgroups = "12:memory:/docker/abc123\n1:name=systemd:/docker/abc123\n0::/\n"

    reading = read_cgroup_memory(tmp_path / "sys", HOST_TOTAL, proc_cgroup(tmp_path, cgroups))

    assert reading.source == "cgroup"
    assert reading.total_bytes == GIB
    assert reading.used_bytes == 800 * MIB
    assert reading.used_percent == 78.1


def test_cgroup_v1_unlimited_is_the_huge_page_aligned_number(tmp_path):
    write_files(
        tmp_path / "sys" / "memory", memory_limit_in_bytes="9223372036854771712", memory_usage_in_bytes=str(GIB)
    )

    assert read_cgroup_memory(tmp_path / "sys", HOST_TOTAL, proc_cgroup(tmp_path, "4:memory:/\n")) is None


def test_working_set_never_goes_below_zero(tmp_path):
    write_files(
        tmp_path / "sys", memory_max=str(GIB), memory_current=str(MIB), memory_stat=f"inactive_file {2 * MIB}\n"
    )

    reading = read_cgroup_memory(tmp_path / "sys", HOST_TOTAL, proc_cgroup(tmp_path, "0::/\n"))

    assert reading.available_bytes == GIB
    assert reading.used_percent == 0.0


def test_no_cgroup_files_at_all_means_host(tmp_path):
    assert read_cgroup_memory(tmp_path / "empty", HOST_TOTAL, tmp_path / "missing") is None


@pytest.mark.parametrize(
    "used_percent, status",
    [(0.0, "ok"), (84.9, "ok"), (85.0, "warning"), (89.9, "warning"), (90.0, "critical"), (100.0, "critical")],
)
def test_memory_status_thresholds_are_inclusive(settings, used_percent, status):
    settings.MEMORY_THRESHOLD_PERCENT = 85.0
    settings.MEMORY_CRITICAL_PERCENT = 90.0

    assert memory_status(used_percent) == status


def test_memory_report_uses_the_cgroup_reading_when_one_applies(settings, monkeypatch):
    settings.MEMORY_THRESHOLD_PERCENT = 80.0
    monkeypatch.setattr(
        memory,
        "read_cgroup_memory",
        lambda host_total: MemoryReading(total_bytes=2 * GIB, available_bytes=GIB // 4, source="cgroup"),
    )

    report = memory_report()

    assert report["source"] == "cgroup"
    assert report["total_gb"] == 2.0
    assert report["available_gb"] == 0.25
    assert report["used_gb"] == 1.75
    assert report["used_percent"] == 87.5
    assert report["threshold_percent"] == 80.0
    assert report["status"] == "warning"
