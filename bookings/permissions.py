"""Who may act on a booking they can see."""

from rest_framework.permissions import IsAuthenticated

# Staff who see a customer's booking (`bookings.view_booking`) may act on it only with these.
STAFF_ACTION_PERMISSIONS = {}


class OwnerOrPermittedStaff(IsAuthenticated):
    """The owner acts on their own booking; anyone else needs the action's model permission.

    Reaching someone else's booking at all takes `view_booking` (the selector answers 404
    otherwise), so the 403 here confirms nothing the user could not already see.
    """

    def has_object_permission(self, request, view, obj):
        if obj.user_id == request.user.pk:
            return True
        needed = STAFF_ACTION_PERMISSIONS.get(view.action)
        return needed is None or request.user.has_perm(needed)
