"""Known news sources: canonical name, web domains and home timezone.

Used to name a source from a URL's domain and to date a page that prints no timezone.  A small
built-in table; `--source` and `--timezone` always win over it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class KnownSource:
    """A publication we know: its display name, domains and IANA timezone."""

    name: str
    domains: tuple[str, ...]
    timezone: str
    aliases: tuple[str, ...] = ()


KNOWN_SOURCES: tuple[KnownSource, ...] = (
    KnownSource("RT", ("rt.com",), "Europe/Moscow", ("russia today", "rt.com")),
    KnownSource("TASS", ("tass.com", "tass.ru"), "Europe/Moscow"),
    KnownSource("Sputnik", ("sputniknews.com",), "Europe/Moscow"),
    KnownSource("The Guardian", ("theguardian.com", "guardian.co.uk"), "Europe/London", ("guardian",)),
    KnownSource("BBC News", ("bbc.com", "bbc.co.uk"), "Europe/London", ("bbc",)),
    KnownSource("Reuters", ("reuters.com",), "UTC"),
    KnownSource("CNN", ("cnn.com",), "America/New_York"),
    KnownSource("The New York Times", ("nytimes.com",), "America/New_York", ("nyt", "new york times")),
    KnownSource("The Washington Post", ("washingtonpost.com",), "America/New_York", ("washington post",)),
    KnownSource("Associated Press", ("apnews.com",), "America/New_York", ("ap",)),
    KnownSource("Al Jazeera", ("aljazeera.com",), "Asia/Qatar"),
    KnownSource("Le Monde", ("lemonde.fr",), "Europe/Paris"),
    KnownSource("France 24", ("france24.com",), "Europe/Paris"),
    KnownSource("Der Spiegel", ("spiegel.de",), "Europe/Berlin", ("spiegel",)),
    KnownSource("Deutsche Welle", ("dw.com",), "Europe/Berlin", ("dw",)),
    KnownSource("El País", ("elpais.com",), "Europe/Madrid", ("el pais",)),
)


def find_source(name_or_url: str | None) -> KnownSource | None:
    """The known source with this name, alias or (URL's) domain, if any."""
    if not name_or_url:
        return None
    key = name_or_url.strip().lower()
    host = domain_of(name_or_url) if "://" in key else key.removeprefix("www.")
    for source in KNOWN_SOURCES:
        if key == source.name.lower() or key in source.aliases:
            return source
        if any(host == d or host.endswith("." + d) for d in source.domains):
            return source
    return None


def domain_of(url: str) -> str:
    """`https://www.rt.com/usa/x` -> `rt.com`."""
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def source_name_for(url: str | None) -> str | None:
    """A display name for the site at `url`: the known name, else its domain."""
    if not url:
        return None
    known = find_source(url)
    return known.name if known else (domain_of(url) or None)
