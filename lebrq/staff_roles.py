"""The two staff roles LeBrq ships, as Django groups of model permissions (see docs/roles.md).

A data migration (lebrq/migrations) creates them; `manage.py staff_roles` re-applies them after a
release adds a permission. Staff routes and admin actions check these permissions, never is_staff
alone, so a member of staff with neither group can log in to the admin and do nothing.
"""

FRONT_DESK = "Front desk"
MANAGER = "Manager"

FRONT_DESK_PERMISSIONS = (
    "bookings.view_booking",
    "bookings.add_booking",
    "bookings.book_for_customer",
    "bookings.confirm_booking",
    "bookings.reschedule_booking",
    "bookings.cancel_booking",
    "bookings.view_venue",
    "bookings.view_item",
    "bookings.view_closure",
    "bookings.view_refund",
    "bookings.view_bookingseries",
    "bookings.view_bookingchange",
    "payments.view_payment",
    "payments.add_payment",
    "invoices.view_invoice",
    "uploads.view_mediafile",
    "jobs.view_bookingnotification",
)
# Everything the front desk does, and the decisions that cost money or change what may be booked.
MANAGER_PERMISSIONS = (
    *FRONT_DESK_PERMISSIONS,
    "bookings.change_booking",
    "bookings.approve_booking",
    "bookings.refund_above_policy",
    "bookings.settle_refund",
    "bookings.change_refund",
    "bookings.change_venue",
    "bookings.add_item",
    "bookings.change_item",
    "bookings.add_closure",
    "bookings.change_closure",
    "bookings.delete_closure",
    "uploads.delete_mediafile",
)
ROLES = {FRONT_DESK: FRONT_DESK_PERMISSIONS, MANAGER: MANAGER_PERMISSIONS}


def apply_staff_roles(group_model, permission_model):
    """Create or update each role's group to hold exactly its permissions; returns the groups."""
    groups = []
    for name, codenames in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.set([_permission(permission_model, dotted) for dotted in codenames])
        groups.append(group)
    return groups


def _permission(permission_model, dotted):
    app_label, codename = dotted.split(".")
    return permission_model.objects.get(content_type__app_label=app_label, codename=codename)
