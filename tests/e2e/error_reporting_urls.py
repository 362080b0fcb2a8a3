from django.urls import path

from lebrq.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def fail(request):
    raise RuntimeError("LeBrq error-report test failure")


urlpatterns = [path("api/test-failure", fail), *urlpatterns]
