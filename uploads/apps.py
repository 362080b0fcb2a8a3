from django.apps import AppConfig
from django.conf import settings


class UploadsConfig(AppConfig):
    name = "uploads"
    verbose_name = "Uploads and media"

    def ready(self):
        from uploads.policies import check_limit_variables

        check_limit_variables(settings.UPLOAD_LIMITS_MB)
