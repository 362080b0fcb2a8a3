"""The production settings with one more route that raises, for the error-report test."""

from lebrq.settings import *  # noqa: F403

ROOT_URLCONF = "tests.e2e.error_reporting_urls"
