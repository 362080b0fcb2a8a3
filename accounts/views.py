from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from accounts import services
from accounts.serializers import (
    LockoutAwareTokenObtainPairSerializer,
    LogoutSerializer,
    PasswordResetConfirmSerializer,
    PasswordResetSerializer,
    ProfileUpdateSerializer,
    RegistrationSerializer,
    TokenRotateSerializer,
    TokenSerializer,
    UserSerializer,
)


class RegisterView(generics.CreateAPIView):
    serializer_class = RegistrationSerializer
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "register"


class TokenView(TokenObtainPairView):
    """Email + password -> access and refresh tokens."""

    serializer_class = LockoutAwareTokenObtainPairSerializer
    throttle_scope = "login"


class TokenRotateView(TokenRefreshView):
    """A refresh token -> a new access token and a new refresh token (the old one is blacklisted)."""

    serializer_class = TokenRotateSerializer
    throttle_scope = "refresh"


class LogoutView(APIView):
    """Blacklists the given refresh token so it can no longer be rotated."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "refresh"  # like a refresh: one refresh token in, no password

    @extend_schema(request=LogoutSerializer, responses={205: None})
    def post(self, request):
        serializer = LogoutSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            RefreshToken(serializer.validated_data["refresh"]).blacklist()
        except TokenError as error:
            raise ValidationError({"refresh": [str(error)]}) from error
        return Response(status=status.HTTP_205_RESET_CONTENT)


class MeView(generics.RetrieveAPIView):
    serializer_class = UserSerializer
    permission_classes = [IsAuthenticated]

    def get_object(self):
        return self.request.user

    @extend_schema(request=ProfileUpdateSerializer, responses={200: UserSerializer})
    def patch(self, request):
        payload = ProfileUpdateSerializer(request.user, data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        user = services.update_profile(request.user, **payload.validated_data)
        return Response(self.get_serializer(user).data)


class AnonymousPostView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_scope = "password_reset"


class PasswordResetView(AnonymousPostView):
    """Mails a reset token when the account exists; 204 either way, so no one learns which exists."""

    @extend_schema(request=PasswordResetSerializer, responses={204: None})
    def post(self, request):
        payload = PasswordResetSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.request_password_reset(payload.validated_data["email"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetConfirmView(AnonymousPostView):
    """The mailed uid and token and a new password (the password validators apply); single use."""

    @extend_schema(request=PasswordResetConfirmSerializer, responses={204: None})
    def post(self, request):
        payload = PasswordResetConfirmSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.reset_password(**payload.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class VerifyEmailView(AnonymousPostView):
    """The uid and token mailed at registration: marks the address verified; single use."""

    @extend_schema(request=TokenSerializer, responses={204: None})
    def post(self, request):
        payload = TokenSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.verify_email(**payload.validated_data)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ResendVerificationView(APIView):
    """Mails the signed-in customer a new verification link: 204, also when already verified."""

    permission_classes = [IsAuthenticated]
    throttle_scope = "password_reset"

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        services.resend_email_verification(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
