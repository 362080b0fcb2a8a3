from django.urls import path

from health.views import HealthView, MemoryHealthView

urlpatterns = [
    path("health", HealthView.as_view(), name="health"),
    path("health/memory", MemoryHealthView.as_view(), name="health-memory"),
]
