"""`digest serve` over real HTTP on 127.0.0.1: pages, 404, HEAD, headers, traversal, rebuilds,
the error overlay, the event stream and a bounded load test.  (The browser test is
test_serve_browser.py.)"""

from __future__ import annotations

import io
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from digest.cli import main
from digest.serve import PREVIEW_FOLDER, serve
from digest.serve.server import resolve

ARTICLE = "---\ntitle: {title}\ndate: 2025-03-01T09:00:00+00:00\nsource:\n  name: Harbour Wire\n---\n\n{body}\n"


class Preview:
    """A `digest serve` running in a thread; stopped by the fixture."""

    def __init__(self, root: Path, **options) -> None:
        self.root = root
        self.out, self.err = io.StringIO(), io.StringIO()
        self.stop = threading.Event()
        ready = threading.Event()
        self.url = ""

        def on_ready(url: str) -> None:
            self.url = url
            ready.set()

        self.thread = threading.Thread(target=serve, args=(root,), kwargs={
            "port": options.pop("port", free_port()), "out": self.out, "err": self.err, "stop": self.stop,
            "on_ready": on_ready, **options}, daemon=True)
        self.thread.start()
        assert ready.wait(30), self.err.getvalue()

    def get(self, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.url.rstrip("/") + path, method=method)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def raw(self, target: str) -> int:
        """The status of a request line sent as is (no client-side path cleaning)."""
        host, port = self.url.split("//")[1].rstrip("/").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as conn:
            conn.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode("latin-1"))
            head = conn.recv(64).decode("latin-1")
        return int(head.split()[1])

    def wait_for(self, predicate, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out; server said:\n{self.out.getvalue()}\n{self.err.getvalue()}")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(15)
        assert not self.thread.is_alive()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def site(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert main(["init", "news", "--title", "Preview Test", "--base-url", "https://preview.example/"], out, err) == 0
    root = tmp_path / "news"
    (root / "content/2025/03/harbour.md").parent.mkdir(parents=True, exist_ok=True)
    (root / "content/2025/03/harbour.md").write_text(ARTICLE.format(title="Harbour reopens", body="Ships sail."))
    return root


@pytest.fixture
def preview(site: Path):
    running = Preview(site)
    yield running
    running.close()


def test_serves_pages_feeds_and_the_sites_own_404(preview):
    status, headers, body = preview.get("/2025/03/harbour/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "no-cache" in headers["Cache-Control"]
    assert b"Harbour reopens" in body and b"/__digest__/events" in body
    # links point at the preview, not at base_url
    assert preview.url.encode() + b"2025/03/harbour/" in preview.get("/feed.xml")[2]
    assert preview.get("/feed.xml")[1]["Content-Type"].startswith("application/xml")
    assert preview.get("/static/style.css")[1]["Content-Type"] == "text/css; charset=utf-8"
    status, _, body = preview.get("/no/such/page/")
    assert status == 404 and b"<h1" in body and body.startswith(b"<!DOCTYPE html>")
    assert preview.get("/2025/03/harbour")[0] == 200  # redirected to the folder
    status, headers, body = preview.get("/2025/03/harbour/", method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 1000


def test_the_built_site_never_gets_the_reload_script(site, preview):
    assert main(["build", "--root", str(site), "-q"], io.StringIO(), io.StringIO()) == 0
    built = (site / "site/2025/03/harbour/index.html").read_bytes()
    assert b"__digest__" not in built
    assert b"__digest__" not in (site / PREVIEW_FOLDER / "2025/03/harbour/index.html").read_bytes()


@pytest.mark.parametrize("target", ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd",
                                    "//etc/passwd", "/static/..%5c..%5c..%5cetc/passwd", "/%00index.html",
                                    "/static/%2e%2e/%2e%2e/digest.yaml", "http://127.0.0.1/../digest.yaml"])
def test_requests_outside_the_site_get_404(preview, target):
    assert preview.raw(target) in (400, 404)


def test_a_symlink_out_of_the_site_is_not_followed(preview, site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    (site / PREVIEW_FOLDER / "leak.txt").symlink_to(secret)
    assert resolve(site / PREVIEW_FOLDER, "/leak.txt") is None
    assert preview.get("/leak.txt")[0] == 404


def test_an_edit_rebuilds_and_tells_open_pages(preview, site):
    events = urllib.request.urlopen(preview.url + "__digest__/events", timeout=20)
    first = _event(events)
    (site / "content/2025/03/harbour.md").write_text(ARTICLE.format(title="Harbour closes again", body="Storm."))
    second = _event(events)
    assert second["generation"] > first["generation"] and second["errors"] == []
    assert b"Harbour closes again" in preview.get("/2025/03/harbour/")[2]
    events.close()


def test_a_broken_file_shows_the_overlay_until_it_is_fixed(preview, site):
    good = preview.get("/2025/03/harbour/")[2]
    bad = site / "content/2025/03/broken.md"
    bad.write_text("---\ntitle: [unclosed\ndate: 2025-03-02\n---\nText\n")
    preview.wait_for(lambda: b'id="digest-build-errors"' in preview.get("/2025/03/harbour/")[2])
    page = preview.get("/2025/03/harbour/")[2].decode()
    assert "news/content/2025/03/broken.md:3:5: error: invalid YAML" in page and "Harbour reopens" in page  # last good build, overlaid
    assert "broken.md:3:5: error: invalid YAML" in preview.err.getvalue()
    bad.unlink()
    preview.wait_for(lambda: b'id="digest-build-errors"' not in preview.get("/2025/03/harbour/")[2])
    generation = re.compile(rb"var generation = \d+")
    assert generation.sub(b"", preview.get("/2025/03/harbour/")[2]) == generation.sub(b"", good)


def test_a_busy_port_moves_to_the_next_one(site):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        running = Preview(site, port=port)
        try:
            assert running.url != f"http://127.0.0.1:{port}/"
            assert f"port {port} is busy; using" in running.err.getvalue()
            assert running.get("/")[0] == 200
        finally:
            running.close()


def test_load_while_rebuilding_gives_no_errors_and_no_stale_page(preview, site):
    stop = time.monotonic() + 4.0
    failures: list[str] = []

    def client(number: int) -> int:
        done = 0
        while time.monotonic() < stop:
            status, _, body = preview.get("/2025/03/harbour/" if number % 2 else "/")
            if status != 200 or not body.rstrip().endswith(b"</html>"):
                failures.append(f"{status} {body[-80:]!r}")
            done += 1
        return done

    with ThreadPoolExecutor(50) as pool:
        requests = [pool.submit(client, n) for n in range(50)]
        for edit in range(6):
            time.sleep(0.5)
            (site / "content/2025/03/harbour.md").write_text(ARTICLE.format(title=f"Harbour edit {edit}", body="x"))
        served = sum(r.result() for r in requests)
    assert failures == []
    assert served > 200
    preview.wait_for(lambda: b"Harbour edit 5" in preview.get("/2025/03/harbour/")[2])
    preview.wait_for(lambda: b"Harbour edit 5" in preview.get("/")[2])


def _event(stream) -> dict:
    """The next `build` event of a Server-Sent Events stream."""
    data = None
    while True:
        line = stream.readline().decode()
        if line.startswith("data: "):
            data = json.loads(line[6:])
        elif line == "\n" and data is not None:
            return data


def test_what_is_served_is_what_digest_build_writes(site, tmp_path):
    preview = Preview(site, search=True)  # with the search index, as digest build makes it
    try:
        _served_equals_built(preview, site, tmp_path)
    finally:
        preview.close()


def _served_equals_built(preview, site, tmp_path):
    (site / "content/2025/03/harbour.md").write_text(ARTICLE.format(title="Harbour edited", body="Tide."))
    preview.wait_for(lambda: b"Harbour edited" in preview.get("/2025/03/harbour/")[2])
    out = tmp_path / "built"
    code = main(["build", "--root", str(site), "-q", "--clean", "--base-url", preview.url, "--output", str(out)],
                io.StringIO(), io.StringIO())
    assert code == 0
    served = site / PREVIEW_FOLDER
    files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and p.name != ".digest-manifest")
    assert files == sorted(p.relative_to(served) for p in served.rglob("*")
                           if p.is_file() and p.name != ".digest-manifest")
    generation = re.compile(rb"<script>\n\(function \(\) \{\n  var generation.*?</script>\n", re.DOTALL)
    for name in files:
        sent = preview.get("/" + name.as_posix())[2]
        assert generation.sub(b"", sent) == (out / name).read_bytes(), name


def test_the_preview_has_a_search_index_only_when_asked(site):
    """Pagefind indexes every article again on each change: the preview leaves it out and says so;
    --search (search=True) brings it back."""
    running = Preview(site)
    try:
        assert "note: no search index in the preview" in running.err.getvalue()
        assert running.get("/pagefind/pagefind.js")[0] == 404
    finally:
        running.close()
    asked = Preview(site, search=True)
    try:
        assert "no search index" not in asked.err.getvalue()
        assert asked.get("/pagefind/pagefind.js")[0] == 200
        assert asked.get("/search/")[0] == 200
    finally:
        asked.close()
