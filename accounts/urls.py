from django.urls import path

from accounts.views import (
    LogoutView,
    MeView,
    PasswordResetConfirmView,
    PasswordResetView,
    RegisterView,
    ResendVerificationView,
    TokenRotateView,
    TokenView,
    VerifyEmailView,
)

urlpatterns = [
    path("register", RegisterView.as_view(), name="auth-register"),
    path("token", TokenView.as_view(), name="auth-token"),
    path("token/refresh", TokenRotateView.as_view(), name="auth-token-refresh"),
    path("logout", LogoutView.as_view(), name="auth-logout"),
    path("me", MeView.as_view(), name="auth-me"),
    path("password-reset", PasswordResetView.as_view(), name="auth-password-reset"),
    path("password-reset/confirm", PasswordResetConfirmView.as_view(), name="auth-password-reset-confirm"),
    path("verify-email", VerifyEmailView.as_view(), name="auth-verify-email"),
    path("verify-email/resend", ResendVerificationView.as_view(), name="auth-verify-email-resend"),
]
