"""DRF permissions for staff routes: being staff is not enough, the model permission decides."""

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions

VIEW = "%(app_label)s.view_%(model_name)s"


class StaffModelPermissions(DjangoModelPermissions):
    """Staff holding the model permission of the method; reading needs `view_<model>` too.

    DRF's default map lets any authenticated user GET, which on a staff list or export would
    hand every customer's email to a member of staff who was given no permission at all.
    A view without a queryset names its model with a sentinel `queryset = Model.objects.none()`,
    as DRF's documentation suggests.
    """

    perms_map = {**DjangoModelPermissions.perms_map, "GET": [VIEW], "HEAD": [VIEW], "OPTIONS": [VIEW]}

    def has_permission(self, request, view):
        if request.method.lower() not in view.http_method_names:
            return True  # the view answers 405 to a method it never takes, whoever asks
        return bool(request.user and request.user.is_staff) and super().has_permission(request, view)


class PublicReadStaffWrite(StaffModelPermissions):
    """Anyone reads; writing needs staff with `add_<model>` (POST) or `change_<model>` (PUT, PATCH)."""

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS or super().has_permission(request, view)


class StaffWithPermission(StaffModelPermissions):
    """Staff holding the view's `staff_permission` (an action beyond add/change/delete/view)."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_staff and user.has_perm(view.staff_permission))
