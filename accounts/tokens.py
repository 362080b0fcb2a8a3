"""Tokens of the password reset and the email verification: Django's PasswordResetTokenGenerator.

A reset token hashes the password hash and the last login, so it stops working once used; a
verification token hashes `email_verified` and the email, so it stops working once the address
is verified or changed. Both expire after PASSWORD_RESET_TIMEOUT.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from accounts.models import User


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.email}{user.email_verified}{timestamp}"


password_reset_tokens = default_token_generator
email_verification_tokens = EmailVerificationTokenGenerator()


def uid_of(user):
    return urlsafe_base64_encode(force_bytes(user.pk))


def user_with_token(uid, token, generator):
    """The user `uid` names when `token` is valid for them, else None (never says which failed)."""
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uid))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    return user if user.is_active and generator.check_token(user, token) else None
