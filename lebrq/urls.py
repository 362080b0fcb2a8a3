from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from lebrq.views import metrics

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="api-docs"), name="home"),
    path("admin/", admin.site.urls),
    path("api/auth/", include("accounts.urls")),
    path("api/", include("notifications.urls")),  # calendars (one under /api/auth/me/)
    path("api/", include("health.urls")),
    path("api/", include("payments.urls")),  # before bookings: its routes nest under /api/bookings/{id}/
    path("api/", include("bookings.urls")),
    path("api/", include("uploads.urls")),
    path("api/", include("invoices.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
    path("metrics", metrics, name="metrics"),
]

handler400 = "lebrq.errors.json_bad_request"
handler403 = "lebrq.errors.json_permission_denied"
handler404 = "lebrq.errors.json_not_found"
handler500 = "lebrq.errors.json_server_error"
