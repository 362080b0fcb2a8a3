from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from accounts.serializers import (
    LockoutAwareTokenObtainPairSerializer,
    LogoutSerializer,
    RegistrationSerializer,
    TokenRotateSerializer,
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
