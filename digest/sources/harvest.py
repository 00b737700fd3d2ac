"""`digest fetch`: every due source's feed, fetched politely, its new entries into the inbox.

    for each subscription: back-off? -> conditional GET (per-host delay) -> moved? -> entries
        -> known to the ledger? -> importer -> inbox/<id>.md -> ledger and state saved

Polite: ETag / If-Modified-Since, compressed answers, a timeout, a pause between two requests to
one host, a user agent naming digest and the digest's address.  A failing source is reported, its
back-off doubled, its old items kept, and the run goes on.  `offline` reads the feed bodies kept
from earlier fetches and touches no network.  Yields one `SourceReport` per source as it goes.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterator, Literal
from urllib.parse import urlsplit

import httpx

from digest import __version__
from digest.config import CONFIG_FILE, SiteConfig
from digest.importer.fetch import MAX_BYTES, Conditional, FetchError, Fetched, fetch_conditional, fetch_url
from digest.importer.writer import ContentIndex, render_article
from digest.sources.entries import FeedEntry, FeedRefused, read_feed
from digest.sources.inbox import Item, Ledger, item_key, url_key
from digest.sources.state import SourceState, load_states, save_states, store_feed, stored_feed, write_bytes_atomic
from digest.sources.subscriptions import Subscription, parse_subscriptions, replace_block

Outcome = Literal["fetched", "not-modified", "failed", "waiting", "no-copy"]


@dataclass(frozen=True)
class FetchOptions:
    """What `digest fetch` was told."""

    now: datetime
    offline: bool = False
    force: bool = False          # fetch sources in back-off too
    timeout: float = 20.0
    delay: float = 1.0           # seconds between two requests to one host
    max_bytes: int = MAX_BYTES


@dataclass(frozen=True)
class SourceReport:
    """One source's part of a run."""

    name: str
    outcome: Outcome
    new: tuple[Item, ...] = ()
    known: int = 0
    left_out: int = 0
    message: str = ""
    moved: tuple[str, str] | None = None      # (old feed URL, new one) after a permanent redirect
    warnings: tuple[str, ...] = ()


@dataclass
class Pacer:
    """Waits so that two requests to one host are at least `delay` seconds apart (one per run)."""

    delay: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    last: dict[str, float] = field(default_factory=dict)   # host -> when it was last asked

    def wait(self, url: str) -> None:
        """Sleep until `delay` has passed since the last request to the URL's host."""
        last = self.last
        host = (urlsplit(url).hostname or "").lower()
        if host in last:
            pause = last[host] + self.delay - self.clock()
            if pause > 0:
                self.sleep(pause)
        last[host] = self.clock()


def user_agent(config: SiteConfig) -> str:
    """digest, its version, and the address of the digest that fetches (so an outlet can see who)."""
    return f"digest/{__version__} (+{config.base_url}; digest fetch, a news digest's feed reader)"


def harvest(config: SiteConfig, inbox: Path, options: FetchOptions,
            transport: httpx.BaseTransport | None = None) -> Iterator[SourceReport]:
    """Fetch every subscription into `inbox`; the caller holds the inbox lock."""
    ledger = Ledger.load(inbox)
    published = ContentIndex.load(config.content_path)  # what is already in content/ is not new either
    states = load_states(inbox)
    pacer = Pacer(options.delay)
    agent = user_agent(config)

    def page(url: str) -> Fetched:
        pacer.wait(url)
        return fetch_url(url, timeout=options.timeout, user_agent=agent, transport=transport,
                         max_bytes=options.max_bytes)

    for sub in config.subscriptions:
        state = states.get(sub.key, SourceState(feed=sub.feed))
        if options.offline:
            data = stored_feed(inbox, sub.key)
            if data is None:
                yield SourceReport(sub.name, "no-copy", message="nothing fetched yet to read offline")
                continue
            try:
                yield _take(sub, data, ledger, published, options, None, "fetched", None)
            except FeedRefused as exc:
                yield SourceReport(sub.name, "failed", message=f"the kept copy of its feed: {exc}")
            ledger.save()
            continue
        if not options.force and not state.due(options.now):
            yield SourceReport(sub.name, "waiting", message=f"waiting after {state.failures} failure"
                               f"{'s' if state.failures != 1 else ''} until {state.next_attempt}")
            continue
        same_feed = state.feed == sub.feed
        pacer.wait(sub.feed)
        try:
            answer: Conditional = fetch_conditional(
                sub.feed, etag=state.etag if same_feed else None,
                last_modified=state.last_modified if same_feed else None, timeout=options.timeout,
                user_agent=agent, transport=transport, max_bytes=options.max_bytes)
        except FetchError as exc:
            states[sub.key] = state.failed(options.now, str(exc))
            save_states(inbox, states)
            yield _failure(sub, str(exc), states[sub.key])
            continue
        hops = tuple(f"{hop.status} {hop.source} -> {hop.target}" for hop in answer.redirects)
        moved = None
        if answer.moved_to and answer.moved_to != sub.feed:
            moved = (sub.feed, answer.moved_to)
            move_subscription(config, sub, answer.moved_to)
            state = replace(state, moved_from=sub.feed)
            sub = replace(sub, feed=answer.moved_to)
        if answer.not_modified:
            states[sub.key] = state.succeeded(options.now, "304", sub.feed, answer.etag or state.etag,
                                              answer.last_modified or state.last_modified, hops)
            save_states(inbox, states)
            yield SourceReport(sub.name, "not-modified", message="not modified", moved=moved)
            continue
        try:
            report = _take(sub, answer.content, ledger, published, options, page, "fetched", moved)
        except FeedRefused as exc:
            states[sub.key] = state.failed(options.now, str(exc))
            save_states(inbox, states)
            yield replace(_failure(sub, str(exc), states[sub.key]), moved=moved)
            continue
        store_feed(inbox, sub.key, answer.content)
        ledger.save()
        states[sub.key] = state.succeeded(options.now, str(answer.status), sub.feed, answer.etag,
                                          answer.last_modified, hops)
        save_states(inbox, states)
        yield report


def _take(sub: Subscription, data: bytes, ledger: Ledger, published: ContentIndex, options: FetchOptions,
          page: Callable[[str], Fetched] | None, outcome: Outcome,
          moved: tuple[str, str] | None) -> SourceReport:
    """The feed's entries that are neither an item yet nor already in content/ (by URL, or title
    and day), into the inbox (raises FeedRefused)."""
    new: list[Item] = []
    known = left_out = 0
    warnings: list[str] = []
    for entry in read_feed(data, sub, now=options.now, fetch_page=None if options.offline else page):
        if entry.skipped:
            left_out += 1
            continue
        identity = f"{sub.key} {entry.key}"
        when = entry.article.date if entry.article else None
        key = item_key(entry.title, when)
        if ledger.known(identity, entry.link, key) is not None or (key.split("|")[1] and key in published.by_title) \
                or (entry.link and url_key(entry.link) in published.by_url):
            known += 1
            continue
        if entry.article is None:
            warnings.append(f"{entry.link or entry.title or entry.key}: {entry.problem}")
            continue
        item = _item(entry, identity, sub, ledger, options.now)
        ledger.add(item, render_article(entry.article).text)
        warnings.extend(f"{item.id}: {w}" for w in entry.article.warnings)
        new.append(item)
    return SourceReport(sub.name, outcome, tuple(new), known, left_out, moved=moved, warnings=tuple(warnings))


def _item(entry: FeedEntry, identity: str, sub: Subscription, ledger: Ledger, now: datetime) -> Item:
    article = entry.article
    assert article is not None
    rendered = render_article(article)
    first = next((line for block in article.blocks for line in block.lines), "")
    summary = " ".join((article.summary or first).split())
    return Item(id=ledger.new_id(identity), status="new", source=sub.name, entry=identity, url=entry.link,
                title=article.title, date=article.date.isoformat() if article.date else None,
                title_key=item_key(article.title, article.date), target=rendered.relative_path.as_posix(),
                summary=summary[:300], fetched=now.isoformat())


def _failure(sub: Subscription, reason: str, state: SourceState) -> SourceReport:
    return SourceReport(sub.name, "failed", message=f"{reason} ({state.failures} failure"
                        f"{'s' if state.failures != 1 else ''} in a row; next try after {state.next_attempt})")


def move_subscription(config: SiteConfig, sub: Subscription, new_feed: str) -> None:
    """Write the new feed URL of a permanently moved source into digest.yaml."""
    path = config.root / CONFIG_FILE
    text = path.read_text(encoding="utf-8")
    found = parse_subscriptions(text, str(path))
    if isinstance(found, list):
        return
    updated = tuple(replace(s, feed=new_feed) if s.key == sub.key else s for s in found)
    write_bytes_atomic(path, replace_block(text, updated).encode("utf-8"))
