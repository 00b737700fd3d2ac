"""http(s) URLs -> bytes, with httpx: a timeout, a user agent, redirects followed.

The only network access of the importer.  Failures become FetchError with a one-line reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime

import httpx

from digest import __version__

USER_AGENT = f"digest/{__version__} (+static site generator for news digests; digest import)"


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
              transport: httpx.BaseTransport | None = None) -> Fetched:
    """GET `url`; raises FetchError on network errors and non-2xx answers."""
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, transport=transport,
                          headers={"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,"
                                   "application/rss+xml,application/atom+xml,application/json;q=0.9,*/*;q=0.8"}) as client:
            response = client.get(url)
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"fetch failed: {exc}") from None
    if response.status_code >= 400:
        raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
    server_date = None
    if response.headers.get("date"):
        try:
            server_date = parsedate_to_datetime(response.headers["date"])
        except (TypeError, ValueError):
            server_date = None
    return Fetched(str(response.url), response.content, response.headers.get("content-type", ""), server_date)
