from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand

from lebrq.staff_roles import ROLES, apply_staff_roles


class Command(BaseCommand):
    help = "Create or reset the Front desk and Manager groups to exactly their permissions (lebrq/staff_roles.py)."

    def handle(self, *args, **options):
        for group in apply_staff_roles(Group, Permission):
            self.stdout.write(f"{group.name}: {len(ROLES[group.name])} permissions")
