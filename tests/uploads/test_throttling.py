from django.core.files.uploadedfile import SimpleUploadedFile

from lebrq.throttles import ScopedThrottle
from tests.uploads.samples import sample_bytes


def test_uploads_have_their_own_rate_and_reads_do_not_count(alice_client, monkeypatch):
    monkeypatch.setitem(ScopedThrottle.THROTTLE_RATES, "uploads", "2/min")

    def post():
        return alice_client.post(
            "/api/uploads/image", {"file": SimpleUploadedFile("a.png", sample_bytes("png"))}, format="multipart"
        )

    first, second = post(), post()
    url = first.json()["url"]
    reads = [alice_client.get(url).status_code for _ in range(3)]
    third = post()

    assert (first.status_code, second.status_code, third.status_code) == (201, 201, 429)
    assert reads == [200, 200, 200]
    assert "Retry-After" in third
