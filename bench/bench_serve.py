"""Benchmark `digest serve`: save-to-reloaded-page latency in a real browser, and peak memory.

For the repository's sample and for generated corpora (corpus.py), starts `digest serve` on
127.0.0.1, opens one article in Debian's headless Chromium (Playwright, never `playwright
install`), then edits that article's body several times and times each edit from the file
write to the moment the open page shows the edit (it reloads itself through the live-reload
stream).  Prints the median and worst latency, the first build's time and the peak memory of
the serve process tree.  Not a test: run it by hand.

    python bench/bench_serve.py [--articles 10000] [--edits 5] [--workdir /tmp/digest-serve-bench]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402
from run import tree_rss  # noqa: E402

REPO = corpus.REPO
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
MIB = 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample_site(work: Path) -> tuple[Path, Path]:
    """A copy of the repository's sample digest, and the article to edit."""
    site = work / "sample"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    shutil.copy(REPO / "digest.yaml", site / "digest.yaml")
    shutil.copytree(REPO / "content", site / "content")
    shutil.copytree(REPO / "templates", site / "templates")
    return site, site / "content/2015/09/pentagon-to-open-lines-of-communication.md"


def corpus_site(work: Path, n: int) -> tuple[Path, Path]:
    out = work / f"n{n}"
    if not (out / corpus.MANIFEST).exists():
        corpus.write_corpus(out, n, tools=("digest",))
    manifest = __import__("json").loads((out / corpus.MANIFEST).read_text())
    site = Path(manifest["tools"]["digest"]["site"])
    shutil.rmtree(site / ".digest-cache", ignore_errors=True)
    return site, site / manifest["tools"]["digest"]["articles"][manifest["change_index"]]


def url_of(article: Path, site: Path) -> str:
    """The article's page under the default permalink /{year}/{month}/{slug}/."""
    text = article.read_text(encoding="utf-8")
    date = next(line for line in text.splitlines() if line.startswith("date:")).split(":", 1)[1].strip("\"' ")
    return f"{date[:4]}/{date[5:7]}/{article.stem}/"


def measure(site: Path, article: Path, edits: int, options: list[str] = []) -> dict:
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "digest", "serve", "--port", str(port), *options], cwd=site, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss(server.pid))
            time.sleep(0.02)

    threading.Thread(target=sample, daemon=True).start()
    try:
        line = server.stdout.readline()  # type: ignore[union-attr]
        if not line.startswith("serving"):
            raise SystemExit(f"serve did not start: {line!r}")
        first_build = time.perf_counter() - started
        latencies = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/{url_of(article, site)}")
            page.wait_for_selector("h1")
            time.sleep(0.5)
            original = article.read_text(encoding="utf-8")
            for edit in range(edits):
                marker = f"Serve bench edit {edit} {time.time_ns()}"
                t0 = time.perf_counter()
                article.write_text(original.rstrip("\n") + f"\n\n{marker}.\n", encoding="utf-8")
                page.wait_for_function(f"document.body && document.body.innerText.includes({marker!r})",
                                       timeout=60000, polling="raf")
                latencies.append(time.perf_counter() - t0)
                time.sleep(0.5)
            article.write_text(original, encoding="utf-8")
            browser.close()
    finally:
        done.set()
        server.terminate()
        server.wait(10)
    return {"first_build_s": first_build, "median_s": statistics.median(latencies), "worst_s": max(latencies),
            "latencies": latencies, "peak_mib": peak[0] / MIB}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", "-n", type=int, action="append", default=[],
                        help="also a generated corpus of N articles (repeatable)")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/digest-serve-bench"))
    parser.add_argument("--serve-option", action="append", default=[], metavar="OPTION",
                        help="an option for digest serve, e.g. --serve-option=--no-search (repeatable)")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    rows = [("sample", *sample_site(args.workdir))] + [(f"{n:,}", *corpus_site(args.workdir, n)) for n in args.articles]
    print(f"{'site':>10} {'first build':>12} {'median edit->page':>18} {'worst':>8} {'peak MiB':>9}")
    for name, site, article in rows:
        r = measure(site, article, args.edits, args.serve_option)
        print(f"{name:>10} {r['first_build_s']:>11.2f}s {r['median_s'] * 1000:>16.0f}ms {r['worst_s'] * 1000:>6.0f}ms "
              f"{r['peak_mib']:>9.0f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
