"""Log formats: the plain line or, with LOG_FORMAT=json, one JSON object per line.

Shared by Django's LOGGING (settings.py) and gunicorn's access and error logs
(gunicorn_logging.py), so that both speak the same format. Every line carries the request id.
"""

from lebrq.env import env_choice

LOG_FORMATS = ("plain", "json")
PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d] [req %(request_id)s] %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(process)d %(request_id)s %(message)s"
JSON_FORMATTER = "pythonjsonlogger.json.JsonFormatter"


def log_format():
    return env_choice("LOG_FORMAT", "plain", LOG_FORMATS)


def formatter_config(format_name):
    """A dictConfig formatter for `format_name` ("plain" or "json")."""
    if format_name == "json":
        return {"()": JSON_FORMATTER, "format": JSON_FIELDS, "rename_fields": {"levelname": "level", "name": "logger"}}
    return {"format": PLAIN_FORMAT}
