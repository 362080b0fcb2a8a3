import pytest

from invoices.models import ImmutableDocumentError, Invoice


def test_an_issued_invoice_cannot_be_deleted(alice_invoice):
    with pytest.raises(ImmutableDocumentError):
        alice_invoice.delete()
    with pytest.raises(ImmutableDocumentError):
        Invoice.objects.filter(pk=alice_invoice.pk).delete()

    assert Invoice.objects.filter(pk=alice_invoice.pk).exists()


def test_an_issued_invoice_cannot_be_renumbered_or_changed(alice_invoice):
    alice_invoice.number = "LB/2026-27/999999"
    with pytest.raises(ImmutableDocumentError):
        alice_invoice.save()
    with pytest.raises(ImmutableDocumentError):
        Invoice.objects.filter(pk=alice_invoice.pk).update(number="LB/2026-27/999999")

    alice_invoice.refresh_from_db()
    assert alice_invoice.number.endswith("/000001")


def test_the_stored_hash_covers_the_snapshot(alice_invoice):
    stored = Invoice.objects.get(pk=alice_invoice.pk)

    assert stored.content_hash == stored.snapshot_hash()
    stored.lines[0]["total"] = "0.01"
    assert stored.snapshot_hash() != stored.content_hash
