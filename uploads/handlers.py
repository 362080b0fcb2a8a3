"""Upload handlers that stream each file from the socket into a `.part` file beside its
final place under MEDIA_ROOT, hashing as they go; nothing is buffered whole in memory or /tmp.

Django's multipart parser reads in pieces of the smallest `chunk_size` among the handlers
in force, so `StreamingUploadHandler` must be the only handler on upload routes.
"""

import errno
import hashlib
import os
import socket
import threading
import time
import uuid
from contextlib import contextmanager, suppress

import filetype
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler

from uploads.exceptions import (
    InsufficientStorage,
    InvalidUpload,
    UnsupportedFileType,
    UploadIncomplete,
    UploadTooLarge,
    UploadTooSlow,
)
from uploads.models import media_directory
from uploads.storage import delete_object, media_on_s3, put_file

# filetype looks at most at the first 261 bytes.
SNIFF_BYTES = 262
MAX_ORIGINAL_NAME = 255
DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


class ReceivedFile:
    """A complete upload sitting in its `.part` file, waiting to be claimed by a database row.

    `close()` (called by Django at the end of every request for each uploaded file) removes
    the `.part` file unless `move_into_place()` already renamed it.
    """

    def __init__(self, part_path, stored_name, size, sha256, content_type, original_name):
        self.part_path = part_path
        self.stored_name = stored_name
        self.size = size
        self.sha256 = sha256
        self.content_type = content_type
        self.original_name = original_name
        self.final_path = part_path.with_name(stored_name)
        self.kind = part_path.parent.name  # a `.part` file sits in its kind's directory
        self.moved = False

    @classmethod
    def arrived(cls, policy, part_path, *, detected, size, sha256, original_name):
        """A whole file of `policy`'s kind in `part_path`, whether it came by multipart or tus:
        named after the `.part` file with the extension of its detected type."""
        return cls(
            part_path=part_path,
            stored_name=f"{part_path.stem}.{policy.accepted_types[detected]}",
            size=size,
            sha256=sha256,
            content_type=policy.served_type(detected),
            original_name=(original_name or "")[:MAX_ORIGINAL_NAME],
        )

    def move_into_place(self):
        """Rename the `.part` file to its final name or, on S3, send it to the bucket and remove
        it; once moved, a second call does nothing."""
        if self.moved:
            return
        if media_on_s3():
            put_file(self.part_path, self.kind, self.stored_name, self.content_type)
            self.moved = True
            self.part_path.unlink(missing_ok=True)
            return
        os.replace(self.part_path, self.final_path)  # atomic: same directory, same filesystem
        self.moved = True

    def discard(self):
        if self.moved and media_on_s3():
            self.moved = False
            delete_object(self.kind, self.stored_name)
            return
        target = self.final_path if self.moved else self.part_path
        target.unlink(missing_ok=True)
        self.moved = False

    def close(self):
        if not self.moved:
            self.part_path.unlink(missing_ok=True)


class StreamingUploadHandler(FileUploadHandler):
    def __init__(self, policy, request=None):
        super().__init__(request)
        self.policy = policy
        self.chunk_size = policy.chunk_size
        self.received = []
        self._part = None  # open file object of the upload in progress
        self._part_path = None

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > self.policy.max_body_bytes:
            raise too_large(self.policy)
        return None  # let the multipart parser run, with this handler receiving the files

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        if field_name != self.policy.field_name:
            raise InvalidUpload(f"Unexpected file field {field_name!r}: send the file as {self.policy.field_name!r}.")
        if len(self.received) >= self.policy.max_files:
            raise InvalidUpload(f"At most {self.policy.max_files} file(s) per request.")
        directory = media_directory(self.policy.kind)
        directory.mkdir(parents=True, exist_ok=True)
        self._part_path = directory / f"{uuid.uuid4().hex}.part"
        self._sha256 = hashlib.sha256()
        self._head = b""
        self._detected_type = None
        self._size = 0
        with disk_errors():
            self._part = open(self._part_path, "xb")

    def receive_data_chunk(self, raw_data, start):
        self._size += len(raw_data)
        if self._size > self.policy.max_file_bytes:
            raise too_large(self.policy)
        if self._detected_type is None and len(self._head) < SNIFF_BYTES:
            self._head += raw_data[:SNIFF_BYTES]
            if len(self._head) >= SNIFF_BYTES:
                self._detected_type = self._check_type()
        with disk_errors():
            self._part.write(raw_data)
        self._sha256.update(raw_data)
        return None  # consumed: no other handler sees it

    def file_complete(self, file_size):
        if self._detected_type is None:
            self._detected_type = self._check_type()
        self._close_part()
        received = ReceivedFile.arrived(
            self.policy,
            self._part_path,
            detected=self._detected_type,
            size=self._size,
            sha256=self._sha256.hexdigest(),
            original_name=self.file_name,
        )
        self._part_path = None
        self.received.append(received)
        return received

    def _check_type(self):
        return detected_type(self.policy, self._head)

    def _close_part(self):
        if self._part is not None:
            self._part.close()
            self._part = None

    def discard_unfinished(self):
        """Remove the file in progress and every received file no row claimed."""
        self._close_part()
        if self._part_path is not None:
            self._part_path.unlink(missing_ok=True)
            self._part_path = None
        for received in self.received:
            if not received.moved:
                received.close()


class RateFloor:
    """Whether a body keeps arriving at `min_bytes_per_second` or more, judged over each
    window of `window_seconds` from `started_at`. Time is passed in, never read here."""

    def __init__(self, min_bytes_per_second, window_seconds, started_at):
        self.min_bytes_per_second = min_bytes_per_second
        self.window_seconds = window_seconds
        self._window_start = started_at
        self._received = 0
        self._lock = threading.Lock()  # the request thread records, the watchdog judges

    @classmethod
    def from_settings(cls, started_at):
        return cls(settings.UPLOAD_MIN_BYTES_PER_SECOND, settings.UPLOAD_RATE_WINDOW_SECONDS, started_at)

    def record(self, size):
        with self._lock:
            self._received += size

    def too_slow(self, now):
        """True once a whole window has passed with less than the floor; else a full window starts anew."""
        with self._lock:
            elapsed = now - self._window_start
            if elapsed < self.window_seconds:
                return False
            if self._received < self.min_bytes_per_second * elapsed:
                return True
            self._window_start, self._received = now, 0
            return False


class SlowClientWatchdog:
    """Ends a read that a slow client would keep blocked for ever: a read of a 1 MiB piece
    returns only once the piece is complete, so a client trickling a byte a second is never
    judged between reads. Every window, a thread asks the floor; when the client is too slow it
    shuts the socket for reading, which returns the blocked read at once (the answer can still
    be written)."""

    def __init__(self, floor, sock, clock):
        self.tripped = False
        self._floor = floor
        self._sock = sock
        self._clock = clock
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="upload-rate-watchdog", daemon=True)
        self._thread.start()

    def _watch(self):
        while not self._stopped.wait(self._floor.window_seconds):
            if self._floor.too_slow(self._clock()):
                self.tripped = True
                with suppress(OSError):  # already closed by the client: nothing to end
                    self._sock.shutdown(socket.SHUT_RD)
                return

    def stop(self):
        self._stopped.set()


class CompleteBodyStream:
    """Wraps the request's body stream: raises UploadIncomplete when it ends early and
    UploadTooSlow when it arrives slower than UPLOAD_MIN_BYTES_PER_SECOND.

    When a client hangs up mid-upload, gunicorn's body reader returns b"" and Django's
    multipart parser takes that for the end of the body: without this check a truncated
    file would be completed and stored as if whole. The rate is judged from the first read
    (before it the server, not the client, is the one waiting) to the last byte; with
    gunicorn's socket (`gunicorn.socket` in the environ) a watchdog also ends blocked reads.
    """

    def __init__(self, stream, content_length, *, sock=None, clock=time.monotonic):
        self._stream = stream
        self.remaining = content_length
        self._sock = sock
        self._clock = clock
        self._floor = None
        self._watchdog = None

    def read(self, size=-1, /):
        self._start_timing()
        return self._count(self._lost_connection_is_incomplete(self._stream.read, size), size)

    def readline(self, size=-1, /):
        self._start_timing()
        return self._count(self._lost_connection_is_incomplete(self._stream.readline, size), size)

    def _lost_connection_is_incomplete(self, read, size):
        """A connection reset by the peer (a phone that lost its network) ends the body early,
        like a polite close: the client's failure, not the server's."""
        try:
            return read(size)
        except OSError as error:
            self.stop_watching()
            raise UploadIncomplete() from error

    def stop_watching(self):
        if self._watchdog is not None:
            self._watchdog.stop()

    def _start_timing(self):
        if self._floor is None and self.remaining > 0 and settings.UPLOAD_MIN_BYTES_PER_SECOND > 0:
            self._floor = RateFloor.from_settings(started_at=self._clock())
            if self._sock is not None:
                self._watchdog = SlowClientWatchdog(self._floor, self._sock, self._clock)

    def _count(self, data, size):
        if self._floor is not None:
            self._floor.record(len(data))
            if (self._watchdog is not None and self._watchdog.tripped) or self._floor.too_slow(self._clock()):
                self.stop_watching()
                raise UploadTooSlow(self._floor)
        if not data and size != 0 and self.remaining > 0:
            raise UploadIncomplete()
        self.remaining -= len(data)
        if self.remaining <= 0:
            self.stop_watching()
        return data


def detected_type(policy, head):
    """The MIME type `filetype` recognises in the first bytes of a file, if the policy accepts it."""
    if not head:
        raise InvalidUpload("The uploaded file is empty.")
    kind = filetype.guess(head)
    if kind is None or kind.mime not in policy.accepted_types:
        accepted = ", ".join(sorted(set(policy.accepted_types.values())))
        raise UnsupportedFileType(f"The file's content is not an accepted {policy.kind} type ({accepted}).")
    return kind.mime


def too_large(policy):
    limit_mib = policy.max_file_bytes // (1024 * 1024)
    return UploadTooLarge(f"Upload too large: {policy.kind} files may be at most {limit_mib} MiB each.")


@contextmanager
def disk_errors():
    """A full disk (or quota) becomes a 507; other OS errors stay errors."""
    try:
        yield
    except OSError as error:
        if error.errno in DISK_FULL_ERRNOS:
            raise InsufficientStorage() from error
        raise


class SocketBody:
    """The rest of a request body, received from gunicorn's socket straight into the caller's
    buffer (`recv_into`): one copy from the kernel and one to the file, where reading through
    `wsgi.input` copies every byte three more times in gunicorn's buffers. Raw bodies only
    (tus chunks); multipart goes through Django's parser.

    This reaches into gunicorn 27's body reader (pinned): the bytes it already holds are taken
    first, and on the way out its count of what is left is set again, so that it still drains or
    refuses the rest of the body before the next request on the connection. `of()` answers None
    whenever the objects are not the ones expected, and the caller reads `wsgi.input` instead.
    """

    def __init__(self, environ, sock, body, length, *, clock=time.monotonic):
        self._environ = environ
        self._sock = sock
        self._body = body
        self.remaining = length
        self._pending = self._take_buffered(length)
        self._floor = None
        self._watchdog = None
        if length and settings.UPLOAD_MIN_BYTES_PER_SECOND > 0:
            self._floor = RateFloor.from_settings(started_at=clock())
            self._watchdog = SlowClientWatchdog(self._floor, sock, clock)
        self._clock = clock

    @classmethod
    def of(cls, environ, length):
        body, sock = environ.get("wsgi.input"), environ.get("gunicorn.socket")
        reader = getattr(body, "reader", None)
        expected = sock is not None and type(reader).__name__ == "LengthReader" and hasattr(reader, "unreader")
        if not expected or getattr(reader, "length", None) != length or body.buf.tell():
            return None
        return cls(environ, sock, body, length)

    def _take_buffered(self, length):
        unreader = self._body.reader.unreader
        held = unreader.take_buffered()
        unreader.unread(held[length:])  # a pipelined next request stays gunicorn's
        return held[:length]

    def read_into(self, view):
        """Fill the start of `view` with the next bytes of the body; the count."""
        if self._pending:
            count = min(len(view), len(self._pending))
            view[:count] = self._pending[:count]
            self._pending = self._pending[count:]
        else:
            count = self._receive(view[: min(len(view), self.remaining)])
        self.remaining -= count
        return count

    def _receive(self, view):
        try:
            count = self._sock.recv_into(view)
        except OSError as error:
            raise UploadIncomplete() from error
        if self._floor is not None:
            self._floor.record(count)
            if self._watchdog.tripped or self._floor.too_slow(self._clock()):
                raise UploadTooSlow(self._floor)
        if count == 0:
            raise UploadIncomplete()
        return count

    def close(self):
        """Hand the count of what is left back to gunicorn (and to Django's LimitedStream)."""
        if self._watchdog is not None:
            self._watchdog.stop()
        self._body.reader.length = self.remaining + len(self._pending)
        if self._pending:
            self._body.reader.unreader.unread(self._pending)


class StreamBody:
    """The same interface over any readable stream (the test client, another server)."""

    def __init__(self, stream):
        self._stream = stream

    def read_into(self, view):
        data = self._stream.read(len(view))
        view[: len(data)] = data
        return len(data)

    def close(self):
        self._stream.stop_watching()
