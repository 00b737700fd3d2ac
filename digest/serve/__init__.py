"""`digest serve`: build, serve the result on a local address, rebuild on every change and
reload the open pages.

    serve()  bind -> first build -> serve in a thread -> watch: rebuild, publish, repeat

Each rebuild goes through the same `build()` as `digest build`, with the build cache kept warm
in memory, into a private folder under the cache folder (never the user's `site/`).  A failed
build keeps the last good one served, with the errors shown over every page.  `build()` never
knows it runs under a server: the script and the overlay are added to pages as they are sent.
"""

from __future__ import annotations

import secrets
import signal
import threading
import time
import webbrowser
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, TextIO

from digest.config import CACHE_FOLDER, load_config
from digest.errors import DigestError, format_diagnostic
from digest.serve.inboxpage import INBOX_PATH, InboxPage
from digest.serve.server import bind, is_loopback
from digest.serve.state import PreviewState, Snapshot
from digest.serve.watch import Changes

PREVIEW_FOLDER = Path(CACHE_FOLDER) / "preview"


@dataclass(frozen=True)
class Built:
    """One rebuild's outcome for the preview."""

    ok: bool
    errors: tuple[str, ...]
    written: tuple[str, ...]
    seconds: float


@dataclass
class Rebuilder:
    """Runs build() for the preview, keeping the build cache in memory between builds."""

    root: Path
    overrides: dict[str, Any]
    cache: Any = None

    @property
    def folder(self) -> Path:
        return self.root / PREVIEW_FOLDER

    def __call__(self) -> Built:
        from digest.build import build

        started = time.perf_counter()
        try:
            config = load_config(self.root, self.overrides)
            result = build(config, now=datetime.now(timezone.utc), cache=self.cache, write=True)
        except DigestError as error:
            return Built(False, tuple(format_diagnostic(d) for d in error.diagnostics
                                      if d.severity == "error") or ("the build failed",), (),
                         time.perf_counter() - started)
        self.cache = result.cache
        written = result.report.written if result.report else ()
        return Built(True, (), tuple(written), time.perf_counter() - started)


def serve(root: Path, *, host: str = "127.0.0.1", port: int = 8000, drafts: bool = False, future: bool = False,
          open_browser: bool = False, search: bool | None = None, out: TextIO, err: TextIO,
          stop: threading.Event | None = None, on_ready: Callable[[str], None] | None = None) -> int:
    """Serve the site at `root` until Ctrl-C (or `stop` is set); return the exit status.  The
    preview has a search index only when `search` is true: Pagefind cannot update an index, so
    every saved article would wait for all of them to be indexed again (search.py)."""
    config = load_config(root)  # a broken digest.yaml is reported before anything starts
    if search is None and config.search:
        search = False
        print("note: no search index in the preview (Pagefind indexes every article again on each change); "
              "'digest serve --search' makes one, 'digest build' always does", file=err)
    state = PreviewState(Snapshot(root / PREVIEW_FOLDER, 0, ()))
    server, busy = bind(host, port, state, InboxPage(root, secrets.token_urlsafe(24)))
    bound = server.server_address[1]
    if busy:
        print(f"note: port {', '.join(map(str, busy))} {'is' if len(busy) == 1 else 'are'} busy; using {bound}",
              file=err)
    if not is_loopback(host):
        print(f"warning: serving on {host}, reachable from other machines; the preview is for local use",
              file=err)
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{bound}/"
    rebuild = Rebuilder(root, {"base_url": url, "output_dir": str(PREVIEW_FOLDER), "drafts": drafts or None,
                               "future": future or None, "search": search})
    stop = stop or threading.Event()
    _stop_on_terminate(stop)
    changes = Changes(root, config.content_path, config.templates_path, (rebuild.folder, config.output_path), stop)
    server_thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    try:
        changes.start()  # watching before the first build: an edit made meanwhile is not missed
        _publish(state, rebuild(), err, first=True)
        server_thread.start()
        print(f"serving {url} (Ctrl-C to stop)", file=out, flush=True)
        if config.subscriptions or (root / "inbox").is_dir():
            print(f"inbox: {url.rstrip('/')}{INBOX_PATH} (pick and skip; never part of the built site)",
                  file=out, flush=True)
        if on_ready:
            on_ready(url)
        if open_browser:
            webbrowser.open(url)
        while not stop.is_set():
            changed = changes.next_batch(timeout=0.5)
            if changed:
                shown = ", ".join(changed[:3]) + (" ..." if len(changed) > 3 else "")
                print(f"changed: {shown}", file=out, flush=True)
                _publish(state, rebuild(), err)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        state.stop()
        if server_thread.is_alive():
            server.shutdown()
        server.server_close()
    print("stopped", file=out)
    return 0


def _stop_on_terminate(stop: threading.Event) -> None:
    """SIGTERM (a service manager, `kill`) ends the preview as cleanly as Ctrl-C does."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())


def _publish(state: PreviewState, built: Built, err: TextIO, first: bool = False) -> None:
    """Show a build's outcome: a new generation for a good build or newly failing one."""
    before = state.current()
    if built.ok:
        if built.written or before.errors or first:
            styles_only = bool(built.written) and all(p.endswith(".css") for p in built.written)
            state.publish(Snapshot(before.folder, before.generation + 1, (), styles_only))
        print(f"rebuilt in {built.seconds:.2f} s ({len(built.written)} file{'s' if len(built.written) != 1 else ''} "
              f"changed)", file=err, flush=True)
    else:
        for line in built.errors:
            print(line, file=err)
        print("build failed; still serving the last good build", file=err, flush=True)
        if built.errors != before.errors:
            state.publish(Snapshot(before.folder, before.generation + 1, built.errors))

