"""A FeedView as JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the feed.json beside each
feed.xml and atom.xml.

The same feed as the RSS and Atom files: `home_page_url` is the page the feed belongs to,
`feed_url` the file itself, every item's `url` our page and `external_url` the original article
at the outlet that first published it; the outlet's name, which JSON Feed has no field for, is in
the item's `_digest` extension object (and in the credit paragraph that ends `content_html`).
Keys in a fixed order and no build time, so the same feed gives the same bytes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Sequence

from digest.config import SiteConfig
from digest.views import Urls

if TYPE_CHECKING:
    from digest.feeds import FeedItem, FeedView

VERSION = "https://jsonfeed.org/version/1.1"
ABOUT = "https://pypi.org/project/digest/"  # what the `_digest` extension object is (the spec asks for an `about`)


def render(feed: FeedView, contents: Sequence[str], config: SiteConfig, urls: Urls) -> bytes:
    """feed.json for `feed`; `contents` is each item's HTML with absolute links."""
    document: dict[str, Any] = {
        "version": VERSION,
        "title": feed.title,
        "home_page_url": urls.absolute(feed.folder),
        "feed_url": urls.absolute(feed.folder + "feed.json"),
    }
    if feed.subtitle:
        document["description"] = feed.subtitle
    if feed.images.large:
        document["icon"] = feed.images.large
    if feed.images.icon:
        document["favicon"] = feed.images.icon
    document["authors"] = [{"name": config.author or config.title}]
    document["language"] = config.language
    document["items"] = items = []
    about = True  # the extension says what it is the first time it is used
    for item, content in zip(feed.items, contents):
        items.append(_item(item, content, about))
        about = about and item.credit is None
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _item(item: FeedItem, content: str, about: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": item.url, "url": item.url}
    if item.credit is not None and item.credit.original:
        entry["external_url"] = item.credit.original
    entry["title"] = item.title
    entry["content_html"] = content
    if item.summary:
        entry["summary"] = item.summary
    entry["date_published"] = item.published.isoformat()
    entry["date_modified"] = item.updated.isoformat()
    if item.authors:
        entry["authors"] = [{"name": name} for name in item.authors]
    if item.categories:
        entry["tags"] = list(item.categories)
    credit = item.credit
    if credit is not None:
        source: dict[str, Any] = {"name": credit.name}
        if credit.site:
            source["home_page_url"] = credit.site
        if credit.feed:
            source["feed_url"] = credit.feed
        entry["_digest"] = ({"about": ABOUT} if about else {}) | {"source": source}
    return entry
