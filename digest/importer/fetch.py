"""http(s) URLs -> bytes, with httpx: a timeout, a user agent, at most MAX_REDIRECTS redirects,
at most MAX_BYTES of body (read as it streams, so a huge or endless answer is cut off early).

The only network access of the importer.  Only http and https are fetched, also after a
redirect.  Failures become FetchError with a one-line reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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


def fetch_url(url: str, *, timeout: float = 20.0, user_agent: str = USER_AGENT,
              transport: httpx.BaseTransport | None = None, max_bytes: int = MAX_BYTES,
              max_redirects: int = MAX_REDIRECTS) -> Fetched:
    """GET `url`; raises FetchError on network errors, non-2xx answers, other schemes than
    http(s), too many redirects and bodies over `max_bytes`."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {url!r}")
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=max_redirects, transport=transport,
                          headers={"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,"
                                   "application/rss+xml,application/atom+xml,application/json;q=0.9,*/*;q=0.8"}) as client:
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
    server_date = None
    if response.headers.get("date"):
        try:
            server_date = parsedate_to_datetime(response.headers["date"])
        except (TypeError, ValueError):
            server_date = None
    return Fetched(str(response.url), content, response.headers.get("content-type", ""), server_date)


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
