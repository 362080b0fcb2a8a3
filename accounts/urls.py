from django.urls import path

from accounts.views import LogoutView, MeView, RegisterView, TokenRotateView, TokenView

urlpatterns = [
    path("register", RegisterView.as_view(), name="auth-register"),
    path("token", TokenView.as_view(), name="auth-token"),
    path("token/refresh", TokenRotateView.as_view(), name="auth-token-refresh"),
    path("logout", LogoutView.as_view(), name="auth-logout"),
    path("me", MeView.as_view(), name="auth-me"),
]
