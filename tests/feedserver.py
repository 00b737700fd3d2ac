"""A local HTTP server for the fetch, inbox and subscriptions tests: routes of invented feeds and
pages on 127.0.0.1, every request recorded (path and headers).  No real network is touched."""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

Answer = tuple[int, dict[str, str], bytes]
Route = Callable[[dict[str, str]], Answer]


@dataclass
class FeedServer:
    """`with FeedServer() as server:` -- `server.routes[path] = route`; `server.url(path)`."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)   # time.monotonic() of each request
    server: ThreadingHTTPServer | None = None
    thread: threading.Thread | None = None

    def __enter__(self) -> "FeedServer":
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                headers = {k.lower(): v for k, v in self.headers.items()}
                owner.times.append(time.monotonic())
                owner.requests.append((self.path, headers))
                route = owner.routes.get(self.path)
                status, extra, body = route(headers) if route else (404, {}, b"not here")
                try:
                    self.send_response(status)
                    for name, value in extra.items():
                        self.send_header(name, value)
                    if "Content-Length" not in extra:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.server is not None and self.thread is not None
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def url(self, path: str) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


def static(body: bytes, content_type: str = "application/rss+xml", status: int = 200,
           headers: dict[str, str] | None = None) -> Route:
    """Always the same answer."""
    return lambda request: (status, {"Content-Type": content_type, **(headers or {})}, body)


def conditional(body: bytes, etag: str, last_modified: str, content_type: str = "application/rss+xml") -> Route:
    """200 with validators, 304 when the request sends them back."""
    def answer(request: dict[str, str]) -> Answer:
        validators = {"ETag": etag, "Last-Modified": last_modified}
        if request.get("if-none-match") == etag or request.get("if-modified-since") == last_modified:
            return 304, validators, b""
        return 200, {"Content-Type": content_type, **validators}, body
    return answer


def gzipped(body: bytes, content_type: str = "application/rss+xml") -> Route:
    """The body gzip-compressed when the client accepts it."""
    def answer(request: dict[str, str]) -> Answer:
        if "gzip" in request.get("accept-encoding", ""):
            return 200, {"Content-Type": content_type, "Content-Encoding": "gzip"}, gzip.compress(body)
        return 200, {"Content-Type": content_type}, body
    return answer


def slow(seconds: float, body: bytes = b"") -> Route:
    """Answers after `seconds` (longer than the client's timeout)."""
    def answer(request: dict[str, str]) -> Answer:
        time.sleep(seconds)
        return 200, {"Content-Type": "application/rss+xml"}, body
    return answer


def redirect(location: str, status: int = 301) -> Route:
    return lambda request: (status, {"Location": location}, b"")


def rss(title: str, site: str, entries: list[dict[str, str]]) -> bytes:
    """An RSS 2.0 feed of invented entries: each has title, link, guid, date (RFC 822), and
    description and/or content (HTML), author optional."""
    items = []
    for e in entries:
        parts = [f"<title>{e['title']}</title>", f"<link>{e['link']}</link>",
                 f"<guid isPermaLink=\"false\">{e.get('guid', e['link'])}</guid>", f"<pubDate>{e['date']}</pubDate>"]
        if "author" in e:
            parts.append(f"<dc:creator>{e['author']}</dc:creator>")
        if "description" in e:
            parts.append(f"<description><![CDATA[{e['description']}]]></description>")
        if "content" in e:
            parts.append(f"<content:encoded><![CDATA[{e['content']}]]></content:encoded>")
        items.append("<item>" + "".join(parts) + "</item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>{title}</title><link>{site}</link><description>Invented outlet</description>"
            + "".join(items) + "</channel></rss>\n").encode("utf-8")


def atom(title: str, entries: list[dict[str, str]]) -> bytes:
    """An Atom feed of invented entries (title, link, id, updated ISO, content HTML, author)."""
    items = []
    for e in entries:
        items.append(f"<entry><title>{e['title']}</title><link href=\"{e['link']}\"/><id>{e['id']}</id>"
                     f"<updated>{e['date']}</updated><author><name>{e.get('author', 'Desk')}</name></author>"
                     f"<content type=\"html\"><![CDATA[{e['content']}]]></content></entry>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{title}</title><id>urn:x-outlet:{title}</id><updated>2026-11-30T10:00:00Z</updated>"
            + "".join(items) + "</feed>\n").encode("utf-8")
