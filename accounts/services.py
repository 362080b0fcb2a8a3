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
