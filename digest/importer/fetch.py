"""http(s) URLs -> bytes, with httpx: a timeout, a user agent, at most MAX_REDIRECTS redirects,
at most MAX_BYTES of body (read as it streams, so a huge or endless answer is cut off early).

The only network access of digest: `digest import URL` uses `fetch_url`, `digest fetch` uses
`fetch_conditional` (the same limits, plus ETag / If-Modified-Since, 304 answers and the
redirects recorded).  Only http and https are fetched, also after a redirect; compressed
answers (gzip, deflate) are asked for and the limit applies to the decompressed bytes.
Failures become FetchError with a one-line reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Mapping
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from digest import __version__

USER_AGENT = f"digest/{__version__} (+static site generator for news digests; digest import)"
MAX_BYTES = 20 * 1024 * 1024   # a news page, even with inline images, is far smaller
MAX_REDIRECTS = 5


class FetchError(Exception):
    """A URL that could not be fetched; `str()` is the reason."""


@dataclass(frozen=True)
class Fetched:
    """A fetched response: final URL (after redirects), body, content type and server date."""

    url: str
    content: bytes
    content_type: str
    server_date: datetime | None


@dataclass(frozen=True)
class Redirect:
    """One hop of a followed redirect: its status and the URLs it led from and to."""

    status: int
    source: str
    target: str

    @property
    def permanent(self) -> bool:
        """301 and 308 say the resource has moved for good; 302, 303 and 307 do not."""
        return self.status in (301, 308)


@dataclass(frozen=True)
class Conditional:
    """A conditional GET's answer: 200 with a body, or 304 (not modified) without one."""

    status: int
    url: str                                  # the final URL, after redirects
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    redirects: tuple[Redirect, ...]
    server_date: datetime | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def moved_to(self) -> str | None:
        """Where the first unbroken run of permanent redirects led (None: not moved for good)."""
        moved = None
        for hop in self.redirects:
            if not hop.permanent:
                break
            moved = hop.target
        return moved


_ACCEPT_FEED = ("application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,application/xml;q=0.8,"
                "text/xml;q=0.8,*/*;q=0.5")


def fetch_conditional(url: str, *, etag: str | None = None, last_modified: str | None = None,
                      timeout: float = 20.0, user_agent: str = USER_AGENT,
                      transport: httpx.BaseTransport | None = None, max_bytes: int = MAX_BYTES,
                      max_redirects: int = MAX_REDIRECTS) -> Conditional:
    """GET `url` sending If-None-Match / If-Modified-Since when known; a 304 is an answer, not an
    error.  The same refusals as `fetch_url` (schemes, redirects, size, timeout, HTTP errors)."""
    headers = {"User-Agent": user_agent, "Accept": _ACCEPT_FEED}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    response, content = _get(url, headers, timeout, transport, max_bytes, max_redirects)
    hops = []
    for step in response.history:
        target = str(step.url.join(step.headers.get("location", "")))
        hops.append(Redirect(step.status_code, str(step.url), target))
    return Conditional(response.status_code, str(response.url), content, response.headers.get("content-type", ""),
                       response.headers.get("etag"), response.headers.get("last-modified"), tuple(hops),
                       _server_date(response.headers))


def _get(url: str, headers: Mapping[str, str], timeout: float, transport: httpx.BaseTransport | None,
         max_bytes: int, max_redirects: int) -> tuple[httpx.Response, bytes]:
    """One GET under every limit; the response (a 304 included) and its body."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {url!r}")
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=max_redirects, transport=transport,
                          headers=dict(headers)) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
                content = _read_limited(response, max_bytes)
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {max_redirects} redirects") from None
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(f"redirected to a URL that is not http(s): {exc}") from None
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"fetch failed: {exc}") from None
    return response, content


def _server_date(headers: httpx.Headers) -> datetime | None:
    if headers.get("date"):
        try:
            return parsedate_to_datetime(headers["date"])
        except (TypeError, ValueError):
            return None
    return None


def fetch_url(url: str, *, timeout: float = 20.0, user_agent: str = USER_AGENT,
              transport: httpx.BaseTransport | None = None, max_bytes: int = MAX_BYTES,
              max_redirects: int = MAX_REDIRECTS) -> Fetched:
    """GET `url`; raises FetchError on network errors, non-2xx answers, other schemes than
    http(s), too many redirects and bodies over `max_bytes`."""
    response, content = _get(url, {"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,"
                                   "application/rss+xml,application/atom+xml,application/json;q=0.9,*/*;q=0.8"},
                             timeout, transport, max_bytes, max_redirects)
    return Fetched(str(response.url), content, response.headers.get("content-type", ""),
                   _server_date(response.headers))


def _read_limited(response: httpx.Response, max_bytes: int) -> bytes:
    """The body, refusing it as soon as it (or its declared length) passes `max_bytes`."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"the page is {int(declared):,} bytes, over the limit of {max_bytes:,}")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"the page is over the limit of {max_bytes:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
