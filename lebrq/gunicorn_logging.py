"""gunicorn's access and error logs, in the format LOG_FORMAT names (see lebrq/log_formats.py).

The access line stays safe to keep: `gunicorn.conf.py` logs `%(m)s %(U)s %(H)s` rather than
the request line, since a signed media URL's query string is a bearer capability. It ends with
the response's X-Request-ID, the id every application log line of that request carries.
"""

from gunicorn.glogging import Logger
from pythonjsonlogger.json import JsonFormatter

from lebrq.log_formats import JSON_FIELDS, log_format
from lebrq.request_id import NO_REQUEST, RequestIdLogFilter

# The access line's fields a JSON reader wants as fields rather than inside "message".
ACCESS_FIELDS = {"remote_addr": "h", "method": "m", "path": "U", "status": "s", "bytes": "B", "duration_ms": "M"}
JSON_RENAMES = {"levelname": "level", "name": "logger"}


class AccessLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        self.json = log_format() == "json"
        for handler in self.error_log.handlers:
            handler.addFilter(RequestIdLogFilter())
        if self.json:
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(JsonFormatter(JSON_FIELDS, rename_fields=JSON_RENAMES))

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # gunicorn's %(U)s is PATH_INFO, percent-decoded: a "%0A" in a path would start a forged
        # log line. The raw request target (gunicorn refuses control characters in it) up to
        # its query names the same path safely.
        atoms["U"] = environ.get("RAW_URI", "-").partition("?")[0]
        return atoms

    def access(self, resp, req, environ, request_time):
        if not self.access_log_enabled:
            return
        atoms = self.atoms_wrapper_class(self.atoms(resp, req, environ, request_time))
        extra = {"request_id": atoms["{x-request-id}o"] or NO_REQUEST}
        if self.json:
            extra.update({field: atoms[atom] for field, atom in ACCESS_FIELDS.items()})
        try:
            self.access_log.info(self.cfg.access_log_format, atoms, extra=extra)
        except Exception:
            self.exception("Could not write an access log line")
