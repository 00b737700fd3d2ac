"""`digest import URL` against a local server on 127.0.0.1: only http(s), a size limit, a
timeout and a redirect limit, each failure one line; and hostile pages and feeds read safely."""

from __future__ import annotations

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from digest.cli import main
from digest.importer.fetch import FetchError, fetch_url

PAGE = (b"<html><head><title>Harbour reopens after storm - Harbour Wire</title></head><body>"
        b"<h1>Harbour reopens after storm</h1><p>By Ann Lee</p><p>The harbour reopened on Monday after a storm "
        b"closed it for three days, the port authority said in a statement on its website.</p>"
        b"<p>Ships that had waited outside the breakwater began to enter at first light.</p></body></html>")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = self.path
        if path == "/article":
            self._send(200, PAGE)
        elif path == "/loop":
            self._redirect("/loop")
        elif path.startswith("/chain/"):
            left = int(path.rsplit("/", 1)[1])
            self._redirect(f"/chain/{left - 1}" if left > 1 else "/article")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, PAGE)
        elif path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Length", str(10 ** 12))
            self.end_headers()
        elif path == "/endless":
            self.send_response(200)
            self.end_headers()  # no length: the body runs until the connection closes
            try:
                for _ in range(10_000):
                    self.wfile.write(b"<p>more</p>" * 1000)
            except OSError:
                pass
        else:
            self._send(404, b"not here")

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up (the timeout test)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_a_page_behind_a_few_redirects_is_imported(server, tmp_path):
    code, out, err = run("import", f"{server}/chain/3", "--into", str(tmp_path / "content"))
    assert code == 0, err
    written = list((tmp_path / "content").rglob("*.md"))
    assert len(written) == 1 and "Harbour reopens after storm" in written[0].read_text()


@pytest.mark.parametrize("path, reason", [
    ("/loop", "more than 5 redirects"),
    ("/missing", "HTTP 404 Not Found"),
    ("/to-file", "redirected to a URL that is not http(s)"),
    ("/declared-huge", "over the limit of 20,971,520"),
    ("/endless", "over the limit of 20,971,520 bytes"),
])
def test_a_bad_answer_is_one_line_and_nothing_is_written(server, tmp_path, path, reason):
    code, out, err = run("import", f"{server}{path}", "--into", str(tmp_path / "content"))
    assert code == 1
    assert "Traceback" not in err
    assert f"{server}{path}: error: " in err and reason in err, err
    assert not list(tmp_path.rglob("*.md"))


def test_a_slow_server_times_out(server, tmp_path):
    started = time.monotonic()
    code, _, err = run("import", f"{server}/slow", "--into", str(tmp_path / "content"), "--timeout", "0.5")
    assert code == 1 and "timed out after 0.5 s" in err
    assert time.monotonic() - started < 2.5


def test_only_http_and_https_are_fetched():
    for url in ("ftp://example.org/a", "file:///etc/passwd", "gopher://x/"):
        with pytest.raises(FetchError, match="only http and https"):
            fetch_url(url)


def test_the_size_limit_cuts_a_stream_early(server):
    with pytest.raises(FetchError, match="over the limit of 1,000 bytes"):
        fetch_url(f"{server}/endless", max_bytes=1000)
    assert fetch_url(f"{server}/article", max_bytes=len(PAGE)).content == PAGE


LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 2 else "") + ";") * 10}">' for n in range(2, 10))
          + ']>\n<rss version="2.0"><channel><title>Laughs</title><link>https://l.example/</link><description>d'
            '</description><item><title>Harbour &lol9; reopens</title><link>https://l.example/a</link><pubDate>Mon, 03 '
            'Mar 2025 10:00:00 GMT</pubDate><description>The harbour reopened on Monday after the storm.</description>'
            '</item></channel></rss>\n')
XXE = ('<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<rss version="2.0"><channel>'
       '<title>X</title><link>https://x.example/</link><description>d</description><item><title>Secret &xxe; '
       'here</title><link>https://x.example/a</link><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate><description>The '
       'harbour reopened on Monday after the storm, officials said.</description></item></channel></rss>\n')


@pytest.mark.parametrize("name, text", [("laughs.xml", LAUGHS), ("xxe.xml", XXE)])
def test_feeds_with_entity_tricks_are_read_without_expanding_them(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    code, _, err = run("import", str(tmp_path / name), "--into", str(tmp_path / "content"))
    written = "".join(p.read_text() for p in (tmp_path / "content").rglob("*.md")) if code == 0 else ""
    assert "root:" not in written and "lollollol" not in written
    assert "Traceback" not in err


def test_hostile_html_is_imported_without_scripts_or_handlers(tmp_path):
    page = ('<html><head><title>Harbour reopens</title><script>alert(1)</script></head><body>'
            '<h1 onclick="alert(2)">Harbour reopens</h1><iframe src="javascript:alert(3)"></iframe>'
            '<p onmouseover="alert(4)">The harbour reopened on Monday after a storm closed it for three days, '
            'officials said.</p><p>Ships queued. <a href="javascript:alert(5)">more</a> <img src=x onerror=alert(6)>'
            '</p><svg><script>alert(7)</script></svg></body></html>')
    (tmp_path / "evil.html").write_text(page)
    code, _, err = run("import", str(tmp_path / "evil.html"), "--into", str(tmp_path / "content"))
    assert code == 0, err
    text = next((tmp_path / "content").rglob("*.md")).read_text()
    assert "The harbour reopened on Monday" in text
    for bad in ("alert", "javascript:", "onerror", "onclick", "<script", "<iframe"):
        assert bad not in text


def test_ten_thousand_nested_elements_fail_cleanly_or_import(tmp_path):
    deep = ("<html><head><title>Deep</title></head><body>" + "<div>" * 10_000
            + "<p>The harbour reopened on Monday after a storm closed it for three days, officials said.</p>"
            + "</div>" * 10_000 + "</body></html>")
    (tmp_path / "deep.html").write_text(deep)
    code, _, err = run("import", str(tmp_path / "deep.html"), "--into", str(tmp_path / "content"))
    assert "Traceback" not in err and "RecursionError" not in err
    assert code == 0 or "deep.html: error: " in err
