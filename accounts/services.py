from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from rest_framework.exceptions import APIException, ValidationError

from accounts.models import User
from accounts.tokens import email_verification_tokens, password_reset_tokens, user_with_token
from lebrq.tasks import enqueue_on_commit

EMAIL_TAKEN = "A user with this email already exists."


def register_user(*, email, password, **profile):
    """Create a customer account. Two registrations of one email may both pass the serializer's
    check; the unique index then refuses the second, which is answered like the check's 400."""
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, password, **profile)
    except IntegrityError:
        if User.objects.filter(email=email.lower()).exists():
            raise ValidationError({"email": [EMAIL_TAKEN]}) from None
        raise
    from accounts.tasks import send_email_verification  # the task module imports this one's models

    enqueue_on_commit(send_email_verification, user.pk)
    return user


def resend_email_verification(user):
    """A new verification mail for an unverified account (the job checks again); nothing else."""
    if user.email_verified:
        return
    from accounts.tasks import send_email_verification

    enqueue_on_commit(send_email_verification, user.pk)


class CodedError(APIException):
    """`{"detail", "code"}` with the status of the subclass."""

    status_code = 400

    def __init__(self, detail=None, code=None):
        super().__init__({"detail": detail or self.default_detail, "code": code or self.default_code})


class InvalidToken(CodedError):
    default_detail = "This link is invalid or has expired. Ask for a new one."
    default_code = "invalid_token"


class EmailUnverified(CodedError):
    status_code = 403
    default_detail = (
        "Confirm your email address (POST /api/auth/verify-email; a new link: "
        "POST /api/auth/verify-email/resend) before booking."
    )
    default_code = "email_unverified"


def ensure_may_book(user):
    """REQUIRE_VERIFIED_EMAIL: a customer books once their address is verified; staff always may."""
    if settings.REQUIRE_VERIFIED_EMAIL and not user.is_staff and not user.email_verified:
        raise EmailUnverified()


def request_password_reset(email):
    """Always the same work in the request, whether or not the account exists: one job enqueued.
    The job looks the account up and mails it (accounts.tasks.send_password_reset)."""
    from accounts.tasks import send_password_reset

    enqueue_on_commit(send_password_reset, email)


def reset_password(*, uid, token, new_password):
    user = user_with_token(uid, token, password_reset_tokens)
    if user is None:
        raise InvalidToken()
    try:
        password_validation.validate_password(new_password, user=user)
    except DjangoValidationError as error:
        raise ValidationError({"new_password": list(error.messages)}) from error
    user.set_password(new_password)  # changes the hash, so the token is spent
    user.save(update_fields=["password"])
    return user


def verify_email(*, uid, token):
    user = user_with_token(uid, token, email_verification_tokens)
    if user is None:
        raise InvalidToken()
    user.email_verified = True  # part of the token's hash: the token is spent
    user.save(update_fields=["email_verified"])
    return user


def update_profile(user, **fields):
    """PATCH /api/auth/me: a changed email is not among the fields (it needs its own verification)."""
    for name, value in fields.items():
        setattr(user, name, value)
    try:
        user.full_clean(exclude=["password"])
    except DjangoValidationError as error:
        raise ValidationError(error.message_dict) from error
    user.save(update_fields=list(fields))
    return user


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
