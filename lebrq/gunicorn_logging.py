"""gunicorn's access log, safe to keep: `gunicorn.conf.py` logs `%(m)s %(U)s %(H)s` rather than
the request line, since a signed media URL's query string is a bearer capability."""

from gunicorn.glogging import Logger


class AccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # gunicorn's %(U)s is PATH_INFO, percent-decoded: a "%0A" in a path would start a forged
        # log line. The raw request target (gunicorn refuses control characters in it) up to
        # its query names the same path safely.
        atoms["U"] = environ.get("RAW_URI", "-").partition("?")[0]
        return atoms
