"""Numbering per seller registration (GSTIN), and the 16-character formats of GST Rule 46.

Issued documents keep their numbers. Each learns the GSTIN that issued it from its own seller
snapshot; each counter takes the GSTIN of the documents it numbered (split in one counter per
GSTIN should there be several) and the time of its last one, so the year's sequence carries on
in the new format. The credit-note series `LB-CN` is now `CN`: its counters and documents are
relabelled (their numbers stay `LB-CN/...`) so the year's credit notes stay one series.
"""

from collections import defaultdict

from django.db import migrations, models
from django.db.models import Max

OLD_CREDIT_NOTE_SERIES, CREDIT_NOTE_SERIES = "LB-CN", "CN"
BATCH = 500


def fill_seller_gstins(apps, schema_editor):
    Invoice = apps.get_model("invoices", "Invoice")
    DocumentCounter = apps.get_model("invoices", "DocumentCounter")
    by_gstin = defaultdict(list)
    for pk, seller in Invoice.objects.values_list("pk", "seller").iterator(chunk_size=BATCH):
        by_gstin[(seller or {}).get("gstin", "")].append(pk)
    for gstin, pks in by_gstin.items():
        for start in range(0, len(pks), BATCH):
            Invoice.objects.filter(pk__in=pks[start : start + BATCH]).update(seller_gstin=gstin)
    Invoice.objects.filter(series=OLD_CREDIT_NOTE_SERIES).update(series=CREDIT_NOTE_SERIES)
    DocumentCounter.objects.filter(series=OLD_CREDIT_NOTE_SERIES).update(series=CREDIT_NOTE_SERIES)

    for counter in DocumentCounter.objects.filter(seller_gstin=""):
        issued = (
            Invoice.objects.filter(series=counter.series, financial_year=counter.financial_year)
            .values("seller_gstin")
            .annotate(last_sequence=Max("sequence"), last_issued_at=Max("issued_at"))
            .order_by("seller_gstin")
        )
        # A counter that numbered nothing keeps an empty GSTIN: no registration's series uses it.
        for index, group in enumerate(issued):
            if index == 0:
                counter.seller_gstin = group["seller_gstin"]
                counter.last_issued_at = group["last_issued_at"]
                counter.save(update_fields=["seller_gstin", "last_issued_at"])
            else:
                DocumentCounter.objects.create(
                    seller_gstin=group["seller_gstin"], series=counter.series, financial_year=counter.financial_year,
                    last_sequence=group["last_sequence"], last_issued_at=group["last_issued_at"],
                )  # fmt: skip


def restore_single_series(apps, schema_editor):
    Invoice = apps.get_model("invoices", "Invoice")
    DocumentCounter = apps.get_model("invoices", "DocumentCounter")
    # Going back to one series per year for the whole seller only works with one registration
    # (the old unique constraints are restored after this and refuse anything else).
    Invoice.objects.filter(series=CREDIT_NOTE_SERIES).update(series=OLD_CREDIT_NOTE_SERIES)
    DocumentCounter.objects.filter(series=CREDIT_NOTE_SERIES).update(series=OLD_CREDIT_NOTE_SERIES)


class Migration(migrations.Migration):
    dependencies = [
        ("invoices", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="documentcounter", name="document_counter_series_year"),
        migrations.RemoveConstraint(model_name="invoice", name="invoice_series_year_sequence"),
        migrations.AddField(
            model_name="documentcounter",
            name="seller_gstin",
            field=models.CharField(default="", max_length=15, verbose_name="seller GSTIN"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="documentcounter",
            name="last_issued_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Issue time of the last number: a backdated document may not precede it.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="invoice",
            name="seller_gstin",
            field=models.CharField(
                default="", help_text="The registration that issued it.", max_length=15, verbose_name="seller GSTIN"
            ),
            preserve_default=False,
        ),
        migrations.AlterField(model_name="invoice", name="number", field=models.CharField(max_length=30)),
        migrations.AlterField(
            model_name="invoice",
            name="place_of_supply",
            field=models.CharField(help_text="GST state code where the venue is.", max_length=2),
        ),
        migrations.RunPython(fill_seller_gstins, restore_single_series, elidable=False),
        migrations.AddConstraint(
            model_name="documentcounter",
            constraint=models.UniqueConstraint(
                fields=("seller_gstin", "series", "financial_year"), name="document_counter_gstin_series_year"
            ),
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.UniqueConstraint(
                fields=("seller_gstin", "series", "financial_year", "sequence"),
                name="invoice_gstin_series_year_sequence",
            ),
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.UniqueConstraint(fields=("seller_gstin", "number"), name="invoice_gstin_number"),
        ),
    ]
