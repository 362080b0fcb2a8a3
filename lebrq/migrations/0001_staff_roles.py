"""Ship the Front desk and Manager groups (lebrq/staff_roles.py)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from lebrq.staff_roles import ROLES, apply_staff_roles


def create_roles(apps, schema_editor):
    # Permissions are made after migrations run (post_migrate); on a fresh database make them now.
    for app_label in {dotted.split(".")[0] for codenames in ROLES.values() for dotted in codenames}:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0)
    apply_staff_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("bookings", "0007_booking_history_series_and_requests"),
        ("uploads", "0001_initial"),
        ("jobs", "0001_initial"),
        ("payments", "0001_initial"),
        ("invoices", "0004_invoice_replaced_on_reschedule"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
