"""Settings for the pytest run: production settings plus a test secret and a fast hasher."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")

from lebrq.settings import *  # noqa: E402,F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The manifest storage needs `collectstatic` output; tests render the admin and API docs
# from the app directories instead (the e2e docs test collects into its own STATIC_ROOT).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405

# The suite runs DEBUG=false on a file cache on purpose (the demo's default); the warning that
# production should use Redis is tested on its own in tests/lebrq/test_deploy_check.py.
SILENCED_SYSTEM_CHECKS = ["lebrq.W001"]

# The API takes JSON only (multipart on the upload routes, which the tests ask for by name).
REST_FRAMEWORK = {**REST_FRAMEWORK, "TEST_REQUEST_DEFAULT_FORMAT": "json"}  # noqa: F405
