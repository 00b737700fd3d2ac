"""The preview's HTTP server: files of the last good build, the site's own 404 page, HEAD,
no-cache HTML with the live-reload script, the build-event stream, and the inbox page
(inboxpage.py: made on request, posted to only from a loopback name).

A request path is resolved inside the build folder or not at all: `..` segments, encoded
traversal, absolute paths, backslashes, NUL bytes and symbolic links that lead outside get the
404 page.  Binds where it is told (loopback by default), trying the following ports when one is
busy.
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
import socket
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from digest.serve.inboxpage import INBOX_PATH, InboxPage, location
from digest.serve.overlay import EVENTS_PATH, decorate, error_text
from digest.serve.state import PreviewState, Snapshot

HEARTBEAT_SECONDS = 10.0   # a comment line on idle event streams, so dead clients are noticed
PORT_TRIES = 20
_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".json": "application/json; charset=utf-8", ".txt": "text/plain; charset=utf-8",
          ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json"}


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a busy port must fail to bind, so the next one is tried
    request_queue_size = 128     # many tabs and assets at once: the default backlog of 5 drops connections

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        """A client that went away mid-answer is normal for a preview: say nothing."""
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def resolve(folder: Path, url_path: str) -> Path | None:
    """The file a URL path names inside `folder` (a folder's index.html), or None when the
    path is malformed, leaves the folder (also through symbolic links) or names nothing."""
    path = unquote(urlsplit(url_path).path, errors="strict") if "%" in url_path else urlsplit(url_path).path
    if not path.startswith("/") or "\x00" in path or "\\" in path:
        return None
    parts = path.split("/")
    if any(part in ("..", ".") for part in parts):
        return None
    normal = posixpath.normpath(path).lstrip("/")
    base = folder.resolve()
    candidate = (base / normal) if normal not in ("", ".") else base
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if real != base and not real.is_relative_to(base):
        return None
    if real.is_dir():
        if not path.endswith("/"):
            return None  # the handler redirects /folder to /folder/
        real = real / "index.html"
    return real if real.is_file() else None


class PreviewHandler(BaseHTTPRequestHandler):
    """GET and HEAD on the last good build; GET on the event stream."""

    server_version = "digest-preview"
    protocol_version = "HTTP/1.1"

    def __init__(self, *args, state: PreviewState, inbox: InboxPage | None = None,  # type: ignore[no-untyped-def]
                 **kwargs) -> None:
        self.state = state
        self.inbox = inbox
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  (quiet: the CLI reports builds)
        pass

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(head=True)

    def do_GET(self) -> None:  # noqa: N802
        if urlsplit(self.path).path == EVENTS_PATH:
            self._events()
        elif self.inbox is not None and urlsplit(self.path).path == INBOX_PATH:
            message = parse_qs(urlsplit(self.path).query).get("done", [""])[0]
            self._send(HTTPStatus.OK, self.inbox.render(message), _TYPES[".html"], False,
                       {"Cache-Control": "no-cache, no-store, must-revalidate"})
        else:
            self._answer(head=False)

    def do_POST(self) -> None:  # noqa: N802
        """The inbox page's Pick and Skip (the only things that may be posted), from loopback names only."""
        action = urlsplit(self.path).path.removeprefix(INBOX_PATH + "/")
        length = self.headers.get("Content-Length", "0")
        if self.inbox is None or action not in ("pick", "skip") or not self.path.startswith(INBOX_PATH + "/"):
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain", False, {})
            return
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        if host not in ("127.0.0.1", "localhost", "::1") or not length.isdigit() or int(length) > 65536:
            self._send(HTTPStatus.FORBIDDEN, b"refused", "text/plain", False, {})
            return
        form = parse_qs(self.rfile.read(int(length)).decode("utf-8", "replace"))
        status, message = self.inbox.act(action, form)
        if status == 303:
            self._send(HTTPStatus.SEE_OTHER, b"", "text/plain", False, {"Location": location(message)})
        else:
            self._send(HTTPStatus(status), self.inbox.render(message), _TYPES[".html"], False, {})

    def _answer(self, head: bool) -> None:
        snapshot = self.state.current()
        try:
            target = resolve(snapshot.folder, self.path)
        except UnicodeDecodeError:
            target = None
        if target is None and not urlsplit(self.path).path.endswith("/"):
            folder_path = urlsplit(self.path).path + "/"
            if resolve(snapshot.folder, folder_path) is not None:
                self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/plain", head, {"Location": folder_path})
                return
        status = HTTPStatus.OK
        if target is None:
            status, target = HTTPStatus.NOT_FOUND, snapshot.folder / "404.html"
        try:
            body = target.read_bytes()
        except OSError:
            body, target = b"<!DOCTYPE html><title>Not found</title><h1>Not found</h1>", Path("404.html")
        kind = _TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        extra = {}
        if target.suffix.lower() == ".html":
            body = decorate(body, snapshot.generation, snapshot.errors)
            extra["Cache-Control"] = "no-cache, no-store, must-revalidate"
        else:
            extra["Cache-Control"] = "no-cache"
        self._send(status, body, kind, head, extra)

    def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self) -> None:
        """Server-Sent Events: the state now, then each change, until the client or the server
        goes away (a heartbeat notices a closed client within HEARTBEAT_SECONDS)."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        snapshot = self.state.current()
        try:
            self._event(snapshot)
            while not self.state.stopping:
                latest = self.state.wait_change(snapshot.generation, HEARTBEAT_SECONDS)
                if latest.generation != snapshot.generation:
                    snapshot = latest
                    self._event(snapshot)
                else:
                    self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return

    def _event(self, snapshot: Snapshot) -> None:
        data = json.dumps({"generation": snapshot.generation, "errors": list(snapshot.errors),
                           "title": error_text(snapshot.errors) if snapshot.errors else "",
                           "styles_only": snapshot.styles_only})
        self.wfile.write(f"event: build\ndata: {data}\n\n".encode("utf-8"))
        self.wfile.flush()


def bind(host: str, port: int, state: PreviewState,
         inbox: InboxPage | None = None) -> tuple[PreviewServer, list[int]]:
    """A server bound to `host` at `port` or, when that is busy, the next free port of the
    following PORT_TRIES; also the ports found busy.  Raises OSError when none is free."""
    busy: list[int] = []
    handler = partial(PreviewHandler, state=state, inbox=inbox)
    for candidate in range(port, port + PORT_TRIES):
        try:
            return PreviewServer((host, candidate), handler), busy
        except OSError as exc:
            if exc.errno not in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
                raise
            busy.append(candidate)
    raise OSError(f"ports {port} to {port + PORT_TRIES - 1} are all busy")


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    return all(info[4][0].startswith("127.") or info[4][0] == "::1" for info in infos)
