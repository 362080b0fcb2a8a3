from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.deconstruct import deconstructible

from lebrq.gstin import gstin_problem
from lebrq.validators import refuse_control_characters


@deconstructible
class GstinValidator(RegexValidator):
    """A GSTIN with a valid check digit (python-stdnum, lebrq.gstin).

    A RegexValidator so the OpenAPI schema publishes the shape as a `pattern`; the check digit
    and the state code are checked on top of it.
    """

    regex = r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$"
    message = "Enter a valid 15-character GSTIN."
    code = "invalid_gstin"

    def __call__(self, value):
        super().__call__(value)
        problem = gstin_problem(value)
        if problem:
            raise ValidationError(problem, code=self.code)


GSTIN_VALIDATOR = GstinValidator()
STATE_CODE_VALIDATOR = RegexValidator(r"^[0-9]{2}$", "Enter the two-digit GST state code, e.g. 29.")


def gstin_state_mismatch(gstin, state_code):
    """Why `gstin` cannot belong to a buyer in `state_code`, or None (also when there is no GSTIN)."""
    if not gstin or gstin[:2] == state_code:
        return None
    if not state_code:
        return f"A GSTIN needs the state_code it was issued in ({gstin[:2]}, its first two digits)."
    return (
        f"This GSTIN was issued in state {gstin[:2]}, not in state_code {state_code}: its first two digits must match."
    )


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        # Emails are stored lower-cased, so "Alice@Example.com" signs in as alice@example.com.
        return self.get(email=email.lower())

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A customer or staff member who signs in with an email address.

    `state_code` and `gstin` are the buyer details a GST invoice needs: the state decides
    CGST+SGST (same state as the seller) or IGST (another state).
    """

    username = None
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150, blank=True, validators=[refuse_control_characters])
    phone = models.CharField(max_length=20, blank=True, validators=[refuse_control_characters])
    state_code = models.CharField(max_length=2, blank=True, validators=[STATE_CODE_VALIDATOR])
    gstin = models.CharField("GSTIN", max_length=15, blank=True, validators=[GSTIN_VALIDATOR])
    email_verified = models.BooleanField(
        default=False, help_text="Set by POST /api/auth/verify-email; REQUIRE_VERIFIED_EMAIL needs it to book."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = self.email.lower()
        mismatch = gstin_state_mismatch(self.gstin, self.state_code)
        if mismatch:
            raise ValidationError({"gstin": ValidationError(mismatch, code="gstin_state_mismatch")})

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email
