"""The minimum upload rate: a body slower than UPLOAD_MIN_BYTES_PER_SECOND over a whole window
is refused (408). Time is a counter the tests move; the gunicorn test is in
tests/e2e/test_slow_clients_gunicorn.py."""

import io
import socket

import pytest

from uploads.exceptions import UploadTooSlow
from uploads.handlers import CompleteBodyStream, RateFloor


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_body_at_the_floor_passes_window_after_window():
    floor = RateFloor(min_bytes_per_second=100, window_seconds=10, started_at=0)

    for window_end in (10, 20, 30):
        floor.record(1000)
        assert not floor.too_slow(window_end)


def test_a_window_below_the_floor_is_too_slow():
    floor = RateFloor(min_bytes_per_second=100, window_seconds=10, started_at=0)
    floor.record(1000)
    assert not floor.too_slow(10)

    floor.record(999)

    assert floor.too_slow(20)


def test_the_rate_is_judged_only_once_a_whole_window_has_passed():
    floor = RateFloor(min_bytes_per_second=100, window_seconds=10, started_at=0)

    assert not floor.too_slow(9.9)  # nothing received yet, but the window is not over
    assert floor.too_slow(10)


def test_a_window_judged_late_asks_for_the_rate_over_all_of_it():
    floor = RateFloor(min_bytes_per_second=100, window_seconds=10, started_at=0)
    floor.record(1500)

    assert floor.too_slow(25)  # 1500 bytes in 25 s is 60 bytes/s


class TricklingBody(io.BytesIO):
    """A body whose every read takes `seconds_per_read` of the clock."""

    def __init__(self, content, clock, seconds_per_read, piece):
        super().__init__(content)
        self.clock, self.seconds_per_read, self.piece = clock, seconds_per_read, piece

    def read(self, size=-1):
        self.clock.now += self.seconds_per_read
        return super().read(min(self.piece, size if size >= 0 else self.piece))


@pytest.fixture
def floor_of_1000_bytes_per_10s(settings):
    settings.UPLOAD_MIN_BYTES_PER_SECOND = 100
    settings.UPLOAD_RATE_WINDOW_SECONDS = 10


def test_a_body_read_slower_than_the_floor_raises_408(floor_of_1000_bytes_per_10s):
    clock = Clock()
    stream = CompleteBodyStream(TricklingBody(b"x" * 5000, clock, 1, piece=50), 5000, clock=clock)

    with pytest.raises(UploadTooSlow) as raised:
        while stream.read(1024):
            pass

    assert raised.value.status_code == 408
    assert raised.value.get_codes() == "upload_too_slow"
    assert "slower than 100 bytes/s over 10 s" in str(raised.value.detail)


def test_a_body_read_at_the_floor_is_read_whole(floor_of_1000_bytes_per_10s):
    clock = Clock()
    stream = CompleteBodyStream(TricklingBody(b"x" * 5000, clock, 1, piece=100), 5000, clock=clock)

    received = b""
    while piece := stream.read(1024):
        received += piece

    assert received == b"x" * 5000


def test_time_before_the_first_read_is_the_servers_not_the_clients(floor_of_1000_bytes_per_10s):
    clock = Clock()
    stream = CompleteBodyStream(io.BytesIO(b"x" * 100), 100, clock=clock)
    clock.now += 3600  # e.g. waiting for a database lock before parsing the body

    assert stream.read(100) == b"x" * 100


def test_a_zero_floor_turns_the_check_off(settings):
    settings.UPLOAD_MIN_BYTES_PER_SECOND = 0
    clock = Clock()
    stream = CompleteBodyStream(TricklingBody(b"x" * 100, clock, 3600, piece=1), 100, clock=clock)

    assert b"".join(iter(lambda: stream.read(10), b"")) == b"x" * 100


def test_the_watchdog_ends_a_read_that_a_silent_client_keeps_blocked(settings):
    settings.UPLOAD_MIN_BYTES_PER_SECOND = 1000
    settings.UPLOAD_RATE_WINDOW_SECONDS = 0.2
    server_side, client_side = socket.socketpair()
    client_side.sendall(b"only a few bytes")
    stream = CompleteBodyStream(server_side.makefile("rb", buffering=0), 10_000, sock=server_side)
    try:
        assert stream.read(16) == b"only a few bytes"
        with pytest.raises(UploadTooSlow):
            stream.read(1024)  # blocks: the client sends nothing more and stays connected
    finally:
        client_side.close()
        server_side.close()
