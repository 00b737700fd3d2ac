"""Which outputs must be made again: keys from exactly what makes each output.

A job's key is a stable hash of its context -- for a page, the frozen views handed to its
template -- plus the digest of what turns the context into bytes (the template with everything
it extends, includes and imports) and the site key.  Nothing lists fields by hand: a field a view
gains is in the key because it is in the view.  When a key equals the last build's and the output
folder's manifest lists the file, the output is kept; otherwise it is made.  (The output folder is
trusted as the last build left it, as by the no-op check: after editing site/ by hand, build with
--clean.)  Tests prove incremental == clean.

Speed at 10,000 articles: values many contexts share are hashed once (Digests.remember), and the
digest of a value made by a pure function from known inputs -- an article's views -- is kept
between builds by the digest of those inputs (MadeDigests), so a one-article change builds the
views of the pages that show that article, not 20,000.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping

from digest.model import KeptFile, OutputFile

SITE_KEY = "\x00site"  # in the stored keys: the site-wide key they were made with


@dataclass(frozen=True)
class Job:
    """One output to make: its path(s), what makes it (`maker`: a template name, or "feed" or
    "bytes"), and the context the maker receives -- frozen values only."""

    paths: tuple[str, ...]
    maker: str
    context: Mapping[str, Any]


@dataclass(frozen=True)
class Task:
    """A job whose outputs must be made, with the key to store for them."""

    job: Job
    key: str


class _Ref:
    """Stands for an already-hashed value inside another value's hash (never built)."""


class Digests:
    """Stable digests of frozen values: the same bytes in every process and run (pickled without
    a memo, so which objects are shared never shows; no id(), set order or hash seed in them).

    A value `remember`ed (a tag link on a thousand cards, the site view) is hashed once per build;
    values holding it reuse its digest.  A type `known_by` a function (an article's view not built
    yet, whose digest is known) hashes as the digest that function gives."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, bytes]] = {}
        # consulted for the types of remembered or known values only: others pickle at C speed
        self._table: dict[type, Any] = {}

    def of(self, value: Any) -> bytes:
        hit = self._memo.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=4)
        pickler.fast = True
        pickler.dispatch_table = self._table
        pickler.dump(value)
        return hashlib.blake2b(buffer.getbuffer(), digest_size=20).digest()

    def remember(self, value: Any) -> Any:
        """Hash `value` now and reuse the digest wherever it appears; returns the value."""
        if id(value) not in self._memo:
            self._memo[id(value)] = (value, self.of(value))
            self._table.setdefault(type(value), self._reduce)
        return value

    def known_by(self, cls: type, digest_of: Callable[[Any], bytes | None]) -> None:
        """Values of `cls` hash as `digest_of(value)` (when it gives one)."""
        def reduce(obj: Any) -> Any:
            digest = digest_of(obj)
            return (_Ref, (digest,)) if digest is not None else obj.__reduce_ex__(4)
        self._table[cls] = reduce

    def _reduce(self, obj: Any) -> Any:
        hit = self._memo.get(id(obj))
        if hit is not None and hit[0] is obj:
            return _Ref, (hit[1],)
        return obj.__reduce_ex__(4)


Made = tuple[bytes, bytes, tuple[str, ...]]  # digest of the inputs, digest of the value, what else was read


@dataclass
class MadeDigests:
    """Digests of values made by pure functions (an article's views), kept between builds by the
    digest of their inputs: a view whose inputs did not change need not be made again to be
    hashed.  `reads` names what else a value was made from (the articles a view links to), so the
    next build can hash the same inputs.  Entries found or made this build are `current`."""

    last: Mapping[str, Made]
    current: dict[str, Made]

    def recall(self, name: str, inputs: Callable[[tuple[str, ...]], bytes | None]) -> bytes | None:
        """The digest made last time, if `inputs(reads)` equals what it was made from."""
        made = self.last.get(name)
        if made is None or inputs(made[2]) != made[0]:
            return None
        self.current[name] = made
        return made[1]

    def learn(self, name: str, inputs: bytes, digest: bytes, reads: tuple[str, ...]) -> None:
        self.current[name] = (inputs, digest, reads)


class Keys:
    """This build's keys, checked against the last build's: `select` turns jobs into tasks (to
    make) and kept files; `current` holds the key of every output seen, for the cache."""

    def __init__(self, site_key: str, maker_digests: Mapping[str, str], previous: Mapping[str, str],
                 present: set[str], digests: Digests, made: MadeDigests) -> None:
        self.site_key = site_key
        self.maker_digests = maker_digests
        self.previous = previous if previous.get(SITE_KEY) == site_key else {}
        self.present = present  # what the output folder holds: the manifest's files still there
        self.digests = digests
        self.made_digests = made
        self.current: dict[str, str] = {SITE_KEY: site_key}
        self.made = 0  # outputs made (by any process), as they pass `record`

    def key(self, job: Job) -> str:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(self.site_key.encode())
        digest.update(self.maker_digests.get(job.maker, job.maker).encode())
        digest.update("\x00".join(job.paths).encode())
        digest.update(self.digests.of(job.context))
        return digest.hexdigest()

    def select(self, jobs: Iterable[Job]) -> Iterator[Task | KeptFile]:
        """Each job as a Task when any of its outputs must be made, else its outputs as KeptFiles."""
        previous, present = self.previous, self.present
        for job in jobs:
            key = self.key(job)
            if previous and all(previous.get(path) == key and path in present for path in job.paths):
                for path in job.paths:
                    yield KeptFile(path, key)
            else:
                yield Task(job, key)

    def record(self, outputs: Iterable[OutputFile | KeptFile]) -> Iterator[OutputFile | KeptFile]:
        """Pass outputs through, noting each one's key (outputs made in other processes too)."""
        current = self.current
        for output in outputs:
            current[output.path] = output.key
            if isinstance(output, OutputFile):
                self.made += 1
            yield output
