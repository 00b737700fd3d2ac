"""Full-text search: Pagefind's index of the article pages (pagefind/) and the /search/ page.

Built through the real build() in tmp_path with `search` on (conftest's make_site turns it off for the
other tests' sites), read the way the browser reads it: the index's fragments (gzip, then JSON), the
manifest, and Pagefind's own UI in headless Chromium, served by a plain static file server.
"""

from __future__ import annotations

import gzip
import http.server
import json
import shutil
import threading
from datetime import timedelta
from functools import partial
from pathlib import Path

import pytest

from conftest import CONFIG, NOW, REPO, article, snapshot
from digest import search
from digest.build import build
from digest.cache import BuildCache
from digest.config import load_config
from digest.errors import DigestError
from test_serve import Preview, site  # noqa: F401  (the `site` fixture: a `digest init` site)
from test_serve_browser import page  # noqa: F401  (the `page` fixture: headless Chromium)

SEARCH_ON = CONFIG  # search: true is the default
BASE = "https://news.example.net/digest/"  # a base path, as on a host serving the site in a folder

FILES = {
    "content/2015/09/harbour.md": article(
        "Harbour reopens after the storm", "2015-09-29T10:00:00+01:00",
        "Cranes are working again.\n\nThe quayside smelled of tar and marmalade all morning.\n",
        source={"name": "Port Wire", "url": "https://port.example/harbour"}, tags=["transport"]),
    "content/2015/09/budget.md": article(
        "Council passes the budget", "2015-09-28T10:00:00+01:00",
        "The vote was close.\n\nCouncillors argued about the harbour until midnight.\n", tags=["politics"]),
    "content/2015/08/tram.md": article(
        "Northgate tram line opens", "2015-08-14T09:00:00+01:00", "Trams run every ten minutes.\n",
        tags=["transport"]),
}


def fragments(folder: Path) -> dict[str, dict]:
    """What the index holds for each page, by its URL: Pagefind's fragments are gzip'd JSON."""
    found = {}
    for path in sorted((folder / "pagefind/fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        found[fragment["url"]] = fragment
    return found


def make(tmp_path: Path, files: dict[str, str] = FILES, config: str = SEARCH_ON, name: str = "root") -> Path:
    root = tmp_path / name
    root.mkdir()
    (root / "digest.yaml").write_text(config, encoding="utf-8")
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def run(root: Path, cache: BuildCache | None = None, now=NOW, **overrides):
    return build(load_config(root, overrides), now=now, cache=cache)


def test_the_index_holds_the_article_pages_and_the_manifest_lists_it(tmp_path):
    root = make(tmp_path, config=SEARCH_ON.replace("https://news.example.net/", BASE))
    result = run(root)
    site = root / "site"
    index = {p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*") if p.is_file()}
    assert {"pagefind/pagefind.js", "pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css",
            "pagefind/pagefind-entry.json"} <= index
    assert any(p.startswith("pagefind/index/") for p in index) and any(p.endswith(".pf_meta") for p in index)
    manifest = set((site / ".digest-manifest").read_text().splitlines())
    assert index <= manifest and index <= set(result.report.written)
    assert json.loads((site / "pagefind/pagefind-entry.json").read_text())["languages"]["en"]["page_count"] == 3

    # exactly the article pages, each by its body, titled by its headline; no list page, no nav
    found = fragments(site)
    assert sorted(found) == ["/2015/08/tram/", "/2015/09/budget/", "/2015/09/harbour/"]
    harbour = found["/2015/09/harbour/"]
    assert harbour["meta"]["title"] == "Harbour reopens after the storm"
    assert harbour["content"].startswith("Cranes are working again.") and "tar and marmalade" in harbour["content"]
    for fragment in found.values():  # the body alone: not the page's masthead, byline or related links
        assert "Skip to content" not in fragment["content"] and "Also in" not in fragment["content"]

    # the search page, linked from every page's nav
    page = (site / "search/index.html").read_text()
    assert 'src="/digest/pagefind/pagefind-ui.js"' in page and 'data-base-url="/digest/"' in page
    assert "<noscript>" in page and '<meta name="robots" content="noindex">' in page
    assert '<a href="/digest/search/">Search</a>' in (site / "2015/08/tram/index.html").read_text()
    assert 'aria-current="page">Search</a>' in page


def test_the_same_articles_give_the_same_index_bytes(tmp_path):
    first, second = make(tmp_path, name="one"), make(tmp_path, name="two")
    run(first)
    run(second, now=NOW + timedelta(days=400))
    one, two = snapshot(first / "site/pagefind"), snapshot(second / "site/pagefind")
    assert one == two and len(one) > 10


def test_search_false_builds_no_index_and_turning_it_off_removes_it(tmp_path):
    root = make(tmp_path)
    run(root)
    assert (root / "site/pagefind/pagefind.js").exists() and (root / "site/search/index.html").exists()
    (root / "digest.yaml").write_text(SEARCH_ON + "search: false\n")
    result = run(root)
    assert not (root / "site/pagefind").exists() and not (root / "site/search").exists()
    assert "pagefind/pagefind.js" in result.report.removed
    assert not any(line.startswith(("pagefind/", "search/"))
                   for line in (root / "site/.digest-manifest").read_text().splitlines())
    assert ">Search</a>" not in (root / "site/index.html").read_text()
    off = make(tmp_path, config=SEARCH_ON + "search: false\n", name="off")
    run(off)
    assert not (off / "site/pagefind").exists() and not (off / "site/search").exists()


def test_incremental_builds_keep_the_index_equal_to_a_clean_builds(tmp_path, monkeypatch):
    root = make(tmp_path)
    cache = BuildCache()
    runs = []
    real = search.run_pagefind
    monkeypatch.setattr(search, "run_pagefind", lambda *args: runs.append(1) or real(*args))
    run(root, cache=cache)
    harbour, budget = root / "content/2015/09/harbour.md", root / "content/2015/09/budget.md"
    steps = [
        ("body edit", lambda: harbour.write_text(harbour.read_text().replace("marmalade", "seaweed"))),
        ("title edit", lambda: budget.write_text(budget.read_text().replace("passes the budget", "rejects a budget"))),
        ("new article", lambda: (root / "content/2015/10/ferry.md").write_text(
            article("Ferry strike ends", "2015-10-02T08:00:00+01:00", "Crossings resume at dawn.\n"))),
        ("deleted article", lambda: (root / "content/2015/08/tram.md").unlink()),
        ("list template only", lambda: (root / "templates").mkdir() or (root / "templates/index.html").write_text(
            (REPO / "templates/index.html").read_text().replace("</h1>", "</h1><p>Hello</p>", 1))),
    ]
    for number, (name, step) in enumerate(steps, start=2):
        (root / "content/2015/10").mkdir(parents=True, exist_ok=True)
        step()
        runs.clear()
        run(root, cache=cache)
        # Pagefind runs again exactly when an article page changed
        assert len(runs) == (0 if name == "list template only" else 1), name
        clean = tmp_path / f"clean{number}"
        shutil.copytree(root, clean, ignore=shutil.ignore_patterns("site", ".digest-cache"))
        run(clean)
        assert snapshot(root / "site") == snapshot(clean / "site"), name
    found = fragments(root / "site")
    assert "/2015/08/tram/" not in found and "/2015/10/ferry/" in found
    assert "seaweed" in found["/2015/09/harbour/"]["content"]
    assert found["/2015/09/budget/"]["meta"]["title"] == "Council rejects a budget"


def test_a_missing_pagefind_is_an_error_before_anything_is_written(tmp_path, monkeypatch):
    root = make(tmp_path)
    run(root)
    before = snapshot(root / "site")
    (root / "content/2015/08/tram.md").write_text(article("Tram news", "2015-08-14", "Changed.\n"))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(DigestError) as error:
        run(root)
    assert "search needs Pagefind" in error.value.diagnostics[0].message
    assert "search: false" in error.value.diagnostics[0].hint
    assert snapshot(root / "site") == before


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Any static host: Python's file server on 127.0.0.1, in a thread."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def search_for(page, url: str, word: str | None = None) -> list[str]:  # noqa: F811
    """Open the search page at `url`, type `word` (unless the URL asks already): the titles of all
    the results, once Pagefind's message ("2 results for ...") and the shown links agree."""
    page.goto(url)
    if word is not None:
        page.locator(".pagefind-ui__search-input").fill(word)
    page.wait_for_function("""() => {
        const message = document.querySelector(".pagefind-ui__message");
        const count = message && /^(\\d+) results? for/.exec(message.textContent.trim());
        return count && document.querySelectorAll(".pagefind-ui__result-link").length === Number(count[1]);
    }""", timeout=15000)
    return page.locator(".pagefind-ui__result-link").all_inner_texts()


def test_the_search_page_finds_an_article_by_a_word_of_its_body(tmp_path, page):  # noqa: F811
    # the site lives in a folder of the host (base_url .../digest/): every path must follow it
    root = make(tmp_path, config=SEARCH_ON.replace("https://news.example.net/", BASE) + "output_dir: www/digest\n")
    run(root)
    server, url = serve_folder(root / "www")
    try:
        assert search_for(page, url + "digest/search/", "marmalade") == ["Harbour reopens after the storm"]
        page.locator(".pagefind-ui__result-link").first.click()
        page.wait_for_url(url + "digest/2015/09/harbour/")
        assert page.locator("h1").first.inner_text() == "Harbour reopens after the storm"
        # a word of two bodies finds both; ?q= searches at once
        assert sorted(search_for(page, url + "digest/search/?q=harbour")) == [
            "Council passes the budget", "Harbour reopens after the storm"]
    finally:
        server.shutdown()
        server.server_close()


def test_the_sample_digest_finds_its_seed_article_by_a_body_word(tmp_path, page):  # noqa: F811
    root = tmp_path / "sample"
    root.mkdir()
    for name in ("content", "templates"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "digest.yaml", root / "digest.yaml")
    run(root)
    seed = (root / "content/2015/09/pentagon-to-open-lines-of-communication.md").read_text()
    assert "deconfliction" in seed.split("---", 2)[2] and "deconfliction" not in seed.split("---", 2)[1]
    server, url = serve_folder(root / "site")
    try:
        assert search_for(page, url + "search/", "deconfliction") == [
            "Pentagon to open ‘lines of communication’ with Russia over strikes in Syria"]
    finally:
        server.shutdown()
        server.server_close()


def test_the_preview_asked_for_search_indexes_its_own_build(site, page):  # noqa: F811
    preview = Preview(site, search=True)
    try:
        status, _, _ = preview.get("/pagefind/pagefind.js")
        assert status == 200
        assert search_for(page, preview.url + "search/", "ships") == ["Harbour reopens"]
    finally:
        preview.close()


def test_a_site_without_articles_builds_without_an_index(tmp_path):
    root = make(tmp_path, {"content/2015/09/draft.md": article("Not yet", "2015-09-01", "Draft.\n", draft=True)})
    run(root)
    assert (root / "site/search/index.html").exists() and not (root / "site/pagefind").exists()
    (root / "content/2015/09/draft.md").write_text(article("Now out", "2015-09-01", "Published.\n"))
    run(root)
    assert "/2015/09/draft/" in fragments(root / "site")
    (root / "content/2015/09/draft.md").unlink()
    run(root)
    assert not (root / "site/pagefind").exists()


def test_an_index_file_deleted_by_hand_is_made_again_by_the_next_change(tmp_path):
    root = make(tmp_path)
    cache = BuildCache()
    run(root, cache=cache)
    whole = snapshot(root / "site/pagefind")
    (root / "site/pagefind/pagefind-ui.js").unlink()
    (root / "site/.digest-manifest").write_text("".join(
        line + "\n" for line in (root / "site/.digest-manifest").read_text().splitlines()
        if line != "pagefind/pagefind-ui.js"))
    run(root, cache=cache)
    assert snapshot(root / "site/pagefind") == whole
