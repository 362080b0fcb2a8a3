from django.db import IntegrityError, transaction
from rest_framework.exceptions import ValidationError

from accounts.models import User

EMAIL_TAKEN = "A user with this email already exists."


def register_user(*, email, password, **profile):
    """Create a customer account. Two registrations of one email may both pass the serializer's
    check; the unique index then refuses the second, which is answered like the check's 400."""
    try:
        with transaction.atomic():
            return User.objects.create_user(email, password, **profile)
    except IntegrityError:
        if User.objects.filter(email=email.lower()).exists():
            raise ValidationError({"email": [EMAIL_TAKEN]}) from None
        raise


def customer_for_booking(email, full_name="", phone=""):
    """The customer a staff member books for (phone, walk-in): found by email, or created now
    without a usable password (they set one through a password reset when they want to log in).

    A new account takes the name and phone given; an existing one keeps its own.
    """
    email = User.objects.normalize_email(email).lower()
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return User.objects.create_user(email, None, full_name=full_name, phone=phone)
    except IntegrityError:  # created meanwhile by a registration or another desk
        return User.objects.get(email=email)
