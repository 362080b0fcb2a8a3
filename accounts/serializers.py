from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.module_loading import import_string
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer, TokenRefreshSerializer

from accounts.lockout import LoginLockedOut, forget_failed_logins, seconds_until_unlocked
from accounts.models import User, gstin_state_mismatch
from accounts.services import EMAIL_TAKEN, register_user


class UserSerializer(serializers.ModelSerializer):
    # Filled by the callable settings.ACCOUNT_CALENDAR_FEED_URL names (notifications', an app to
    # the right of accounts, which accounts never imports); null when none is configured.
    calendar_feed_url = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id", "email", "email_verified", "full_name", "phone", "state_code", "gstin", "is_staff", "date_joined",
            "calendar_feed_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_calendar_feed_url(self, user) -> str | None:
        if not settings.ACCOUNT_CALENDAR_FEED_URL or not user.pk:
            return None
        return import_string(settings.ACCOUNT_CALENDAR_FEED_URL)(self.context.get("request"), user)


PASSWORD_MAX_LENGTH = 256


class ProfileUpdateSerializer(serializers.ModelSerializer):
    """PATCH /api/auth/me: any of these; the GSTIN's first two digits must equal the state code
    (the one sent, or the account's)."""

    class Meta:
        model = User
        fields = ["full_name", "phone", "gstin", "state_code"]

    def validate(self, attrs):
        gstin = attrs.get("gstin", self.instance.gstin)
        state_code = attrs.get("state_code", self.instance.state_code)
        mismatch = gstin_state_mismatch(gstin, state_code)
        if mismatch:
            raise serializers.ValidationError({"gstin": [mismatch]}, code="gstin_state_mismatch")
        return attrs


class PasswordResetSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class TokenSerializer(serializers.Serializer):
    uid = serializers.CharField(max_length=64)
    token = serializers.CharField(max_length=128)


class PasswordResetConfirmSerializer(TokenSerializer):
    new_password = serializers.CharField(max_length=PASSWORD_MAX_LENGTH, style={"input_type": "password"})


class RegistrationSerializer(serializers.ModelSerializer):
    # The length bounds are AUTH_PASSWORD_VALIDATORS' minimum and a cap on the hasher's work,
    # published in the schema; the other validators (common, numeric, similar) run in validate().
    password = serializers.CharField(
        write_only=True, min_length=8, max_length=PASSWORD_MAX_LENGTH, style={"input_type": "password"}
    )

    class Meta:
        model = User
        fields = ["email", "password", "full_name", "phone", "state_code", "gstin"]
        # The model's unique validator compares exactly, which is case-sensitive on SQLite and
        # not on MySQL's _ci collation; validate_email checks lower-cased on every backend.
        extra_kwargs = {"email": {"validators": []}}

    def validate_email(self, value):
        value = value.lower()
        if User.objects.filter(email=value).exists():
            raise serializers.ValidationError(EMAIL_TAKEN)
        return value

    def validate(self, attrs):
        mismatch = gstin_state_mismatch(attrs.get("gstin", ""), attrs.get("state_code", ""))
        if mismatch:
            raise serializers.ValidationError({"gstin": [mismatch]}, code="gstin_state_mismatch")
        candidate = User(**{key: value for key, value in attrs.items() if key != "password"})
        try:
            password_validation.validate_password(attrs["password"], user=candidate)
        except DjangoValidationError as error:
            raise serializers.ValidationError({"password": list(error.messages)}) from error
        return attrs

    def create(self, validated_data):
        return register_user(**validated_data)

    def to_representation(self, instance):
        return UserSerializer(instance).data


class LogoutSerializer(serializers.Serializer):
    refresh = serializers.CharField()


@extend_schema_serializer(component_name="TokenObtainPair")  # the schema keeps simplejwt's names
class LockoutAwareTokenObtainPairSerializer(TokenObtainPairSerializer):
    """Email and password. Repeated failures lock the account out from that address (429, Retry-After)."""

    def validate(self, attrs):
        # django-axes flags a lockout on the request; simplejwt would answer it as a plain 401.
        request = self.context["request"]
        credentials = {"email": attrs.get("email")}
        try:
            tokens = super().validate(attrs)
        except AuthenticationFailed:
            if getattr(request, "axes_locked_out", False):
                raise LoginLockedOut(wait=seconds_until_unlocked(request, credentials)) from None
            raise
        forget_failed_logins(request, credentials)
        return tokens


@extend_schema_serializer(component_name="TokenRefresh")
class TokenRotateSerializer(TokenRefreshSerializer):
    """A refresh token, exchanged for a new access token and a new refresh token."""

    def validate(self, attrs):
        # simplejwt looks the token's user up with .get(): a deleted user would be a 500.
        try:
            return super().validate(attrs)
        except User.DoesNotExist:
            raise AuthenticationFailed(self.error_messages["no_active_account"], "no_active_account") from None
