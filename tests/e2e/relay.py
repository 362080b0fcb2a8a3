"""A TCP relay between a client and a server on 127.0.0.1 that can cut the connection: the way a
phone loses its network mid-upload, with neither the client nor the server told in advance."""

import re
import socket
import threading
from contextlib import suppress

from tests.server import free_port

PIECE = 64 * 1024
_REQUEST_HEAD = re.compile(rb"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/1\.1\r\n(?P<headers>.*?)\r\n\r\n", re.S)


class CuttingRelay:
    """Listens on `port` and relays each connection to `target_port`. `cut_after(n)` makes the
    relay close both sides of the connection that carries the n-th byte sent by clients from
    then on; later connections pass untouched. `requests` lists (method, path, headers) of the
    requests seen, `client_bytes` counts what clients sent."""

    def __init__(self, target_port):
        self.target_port = target_port
        self.port = free_port()
        self.client_bytes = 0
        self.requests = []
        self.cut = threading.Event()
        self._cut_at = None
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._sockets = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def cut_after(self, byte_count):
        with self._lock:
            self._cut_at = self.client_bytes + byte_count

    def close(self):
        for each in [self._listener, *self._sockets]:
            with suppress(OSError):
                each.close()

    def _accept(self):
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            self._sockets += [client, server]
            threading.Thread(target=self._pipe, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, False), daemon=True).start()

    def _pipe(self, source, sink, from_client):
        try:
            while piece := source.recv(PIECE):
                if from_client and not self._count(piece):
                    self._kill(source, sink)
                    return
                sink.sendall(piece)
        except OSError:
            pass
        with suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def _count(self, piece):
        """False when this piece crosses the cut: the connection dies before it is relayed."""
        for match in _REQUEST_HEAD.finditer(piece):
            lines = match["headers"].decode("latin-1").split("\r\n")
            headers = {name.lower(): value for name, _, value in (line.partition(": ") for line in lines)}
            self.requests.append((match["method"].decode(), match["path"].decode(), headers))
        with self._lock:
            self.client_bytes += len(piece)
            if self._cut_at is not None and self.client_bytes >= self._cut_at:
                self._cut_at = None
                self.cut.set()
                return False
        return True

    @staticmethod
    def _kill(*sockets):
        for each in sockets:
            with suppress(OSError):
                # RST instead of FIN: the connection is lost, not closed politely. SHUT_RD wakes the
                # other direction's blocked recv(), without which close() would not release the socket.
                each.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                each.shutdown(socket.SHUT_RD)
                each.close()
