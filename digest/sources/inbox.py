"""The inbox: items fetched from followed sources waiting for the curator, and the ledger of every
entry ever taken in (new, picked, skipped), so a picked or skipped entry never comes back.

An entry is known by its id (per source), by its URL, and by its title and day (an outlet that
republishes under a new URL).  New items are Markdown files `inbox/<id>.md`, written exactly as
`digest import` would write them to content/; picking moves one into `content/<yyyy>/<mm>/`
with the curator's note as its summary; skipping moves it to `inbox/skipped/`.  The ledger is
`inbox/.ledger.json`, written atomically.  Never part of the built site.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Literal

import yaml

from digest.errors import DigestError
from digest.importer.writer import title_key
from digest.sources.state import write_bytes_atomic

INBOX_DIR = "inbox"
LEDGER_FILE = ".ledger.json"
SKIPPED_DIR = "skipped"
Status = Literal["new", "picked", "skipped"]
_FRONT = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n---[ \t]*\n", re.S)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Item:
    """One entry taken in from a source, and what the curator did with it."""

    id: str
    status: Status
    source: str
    entry: str              # the source's key, a space, the entry's own id
    url: str | None
    title: str
    date: str | None        # ISO 8601 as the article carries it
    title_key: str
    target: str             # where it goes under content/ when picked (<yyyy>/<mm>/<slug>.md)
    summary: str = ""
    fetched: str = ""
    picked_as: str | None = None   # the content file it became

    @property
    def file_name(self) -> str:
        return f"{self.id}.md"


@dataclass(frozen=True)
class Decision:
    """What pick or skip did with one id: a line to print and whether it failed."""

    id: str
    message: str
    ok: bool = True


def url_key(url: str | None) -> str:
    """A URL compared without scheme, `www.`, fragment and trailing slash."""
    if not url:
        return ""
    url = re.sub(r"^https?://(www\.)?", "", url.strip().lower())
    return url.split("#")[0].rstrip("/")


@dataclass
class Ledger:
    """Every item ever taken in, by id; owned by one command run (loaded, changed, saved)."""

    folder: Path
    items: dict[str, Item]

    @classmethod
    def load(cls, folder: Path) -> "Ledger":
        """The ledger of `folder` (the inbox); none yet: empty."""
        path = folder / LEDGER_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            items = {key: Item(**value) for key, value in raw.get("items", {}).items()}
        except FileNotFoundError:
            items = {}
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            # never start afresh silently: every picked and skipped entry would come back
            raise DigestError.at(path, f"the inbox ledger cannot be read ({exc})",
                                 hint="restore it from a backup; it records what was picked and skipped") from None
        return cls(folder, items)

    def save(self) -> None:
        """Write the ledger atomically."""
        data = {"version": 1, "items": {key: asdict(self.items[key]) for key in sorted(self.items)}}
        write_bytes_atomic(self.folder / LEDGER_FILE,
                           (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))

    def known(self, entry: str, url: str | None, key: str) -> Item | None:
        """The item this entry already is: same entry id, same URL, or same title on the same day."""
        wanted_url = url_key(url)
        for item in self.items.values():
            if item.entry == entry or (wanted_url and url_key(item.url) == wanted_url) \
                    or (key.split("|")[1] and item.title_key == key):
                return item
        return None

    def new_id(self, entry: str) -> str:
        """A short id from the entry's identity: six hex digits, longer only on a clash."""
        digest = hashlib.sha1(entry.encode("utf-8")).hexdigest()
        length = 6
        while digest[:length] in self.items and self.items[digest[:length]].entry != entry:
            length += 1
        return digest[:length]

    def add(self, item: Item, text: str) -> None:
        """Take in a new item: its file in the inbox, its line in the ledger."""
        write_bytes_atomic(self.folder / item.file_name, text.encode("utf-8"))
        self.items[item.id] = item

    def waiting(self) -> list[Item]:
        """New items whose file is still in the inbox, newest first."""
        items = [i for i in self.items.values() if i.status == "new" and (self.folder / i.file_name).is_file()]
        return sorted(items, key=lambda i: (_moment(i.date), i.id), reverse=True)

    def find(self, wanted: str) -> Item | str:
        """The item with this id or unique id prefix, or why there is none."""
        wanted = wanted.strip().lower()
        if wanted in self.items:
            return self.items[wanted]
        matches = [i for key, i in self.items.items() if key.startswith(wanted)] if len(wanted) >= 3 else []
        if len(matches) == 1:
            return matches[0]
        if matches:
            return f"{wanted}: more than one item starts with this; give more of the id"
        return f"{wanted}: no such item in the inbox (digest inbox lists them)"

    # ------------------------------------------------------------------ curation

    def pick(self, wanted: str, content: Path, *, note: str | None = None, tags: tuple[str, ...] = (),
             edition: date | None = None) -> Decision:
        """Move an item into `content/` (its note as summary, tags added); picking twice says so."""
        found = self.find(wanted)
        if isinstance(found, str):
            return Decision(wanted, found, ok=False)
        item = found
        if item.status == "picked":
            return Decision(item.id, f"{item.id}: already picked -> {item.picked_as}")
        source = self.folder / (item.file_name if item.status == "new" else f"{SKIPPED_DIR}/{item.file_name}")
        try:
            text = source.read_text(encoding="utf-8")
        except OSError:
            return Decision(item.id, f"{item.id}: its file {source} is gone; nothing was picked", ok=False)
        target = _free_path(content / item.target)
        write_bytes_atomic(target, edit_front_matter(text, note=note, tags=tags, edition=edition).encode("utf-8"))
        source.unlink()
        picked_as = target.relative_to(content.parent).as_posix() if target.is_relative_to(content.parent) \
            else str(target)
        self.items[item.id] = replace(item, status="picked", picked_as=picked_as)
        return Decision(item.id, f"{item.id}: picked -> {picked_as}")

    def skip(self, wanted: str) -> Decision:
        """Set an item aside for good (its file kept in inbox/skipped/); skipping twice says so."""
        found = self.find(wanted)
        if isinstance(found, str):
            return Decision(wanted, found, ok=False)
        item = found
        if item.status != "new":
            return Decision(item.id, f"{item.id}: already {item.status}")
        source = self.folder / item.file_name
        if source.is_file():
            write_bytes_atomic(self.folder / SKIPPED_DIR / item.file_name, source.read_bytes())
            source.unlink()
        self.items[item.id] = replace(item, status="skipped")
        return Decision(item.id, f"{item.id}: skipped")


def edit_front_matter(text: str, *, note: str | None, tags: tuple[str, ...], edition: date | None) -> str:
    """The item's text with the curator's note as `summary`, the tags added and the edition noted
    under `extra` (the body, and with it the importer's `body_sha256`, is left as it was)."""
    match = _FRONT.match(text)
    if not match:
        return text
    meta = yaml.load(match["yaml"], Loader=_Loader) or {}
    if note:
        meta["summary"] = " ".join(note.split())
    if tags:
        meta["tags"] = list(dict.fromkeys([*(meta.get("tags") or []), *tags]))
    if edition:
        meta.setdefault("extra", {})["edition"] = edition.isoformat()
    front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                      default_flow_style=False)
    return f"---\n{front}---\n" + text[match.end():]


def body_of(text: str) -> str:
    """The Markdown body of an item file."""
    match = _FRONT.match(text)
    return text[match.end():] if match else text


def item_key(title: str, when: object) -> str:
    """Same title on the same day: the key an outlet's republished entry is recognised by."""
    return title_key(title, when)


def _free_path(target: Path) -> Path:
    candidate, n = target, 2
    while candidate.exists():
        candidate = target.with_name(f"{target.stem}-{n}{target.suffix}")
        n += 1
    return candidate


def _moment(value: str | None) -> float:
    """An item's date as a timestamp for ordering (dates without an offset count as UTC; none: oldest)."""
    try:
        when = datetime.fromisoformat(value) if value else None
    except ValueError:
        when = None
    if when is None:
        return float("-inf")
    return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).timestamp()


def parse_day(value: str) -> date | None:
    """A YYYY-MM-DD date, or None."""
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        return None
