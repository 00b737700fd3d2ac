"""`digest fetch` through the real CLI against invented feeds served from 127.0.0.1."""

from __future__ import annotations

import io
import json
import threading
import time
from pathlib import Path

import pytest
import yaml

from conftest import CONFIG
from digest.cli import main
from feedserver import FeedServer, atom, conditional, gzipped, redirect, rss, slow, static

PARAGRAPHS = ("<p>The harbour authority of Kellmouth said on Friday that the night ferries would run again "
              "from Monday after three weeks of repairs to the north pier.</p>"
              "<p>Passengers had been sent to the coastal bus, which added an hour to the crossing.</p>")

ENTRIES = [
    {"title": "Kellmouth night ferries to run again", "link": "https://wire.example/ferries-return",
     "guid": "wire-101", "date": "Sat, 28 Nov 2026 09:15:00 +0000", "author": "Mira Castell",
     "content": PARAGRAPHS, "description": "Night ferries return on Monday."},
    {"title": "Orchard growers count a late frost", "link": "https://wire.example/frost",
     "guid": "wire-102", "date": "Fri, 27 Nov 2026 16:40:00 +0000",
     "content": "<p>Growers in the Tessel valley lost a fifth of the pear blossom to a frost that came "
                "two weeks after the usual date, the growers' cooperative said.</p>"},
]


def site(make_site, subscriptions: list[dict[str, object]]) -> Path:
    text = CONFIG + yaml.safe_dump({"subscriptions": subscriptions}, sort_keys=False)
    root = make_site({"content/.keep": ""}, config=text)
    return root


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def fetch(root: Path, *extra: str) -> tuple[int, str, str]:
    return cli("fetch", "--root", str(root), "--delay", "0", "--timeout", "2", *extra)


def inbox_files(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "inbox").glob("*.md"))


def test_second_fetch_is_conditional_and_imports_nothing(make_site) -> None:
    with FeedServer() as server:
        server.routes["/feed.xml"] = conditional(rss("Kellmouth Wire", "https://wire.example/", ENTRIES),
                                                 '"v1-abc"', "Sat, 28 Nov 2026 10:00:00 GMT")
        root = site(make_site, [{"name": "Kellmouth Wire", "feed": server.url("/feed.xml")}])
        code, out, err = fetch(root)
        assert code == 0, err
        assert "Kellmouth Wire: 2 new, 0 known" in out
        assert len(inbox_files(root)) == 2
        assert not list((root / "content").rglob("*.md"))  # never straight into content/
        first = server.requests[0][1]
        assert "If-None-Match" not in first and "if-none-match" not in first
        assert first["user-agent"].startswith("digest/") and "https://news.example.net/" in first["user-agent"]
        code, out, err = fetch(root)
        assert code == 0, err
        sent = server.requests[1][1]
        assert sent["if-none-match"] == '"v1-abc"'
        assert sent["if-modified-since"] == "Sat, 28 Nov 2026 10:00:00 GMT"
        assert "Kellmouth Wire: not modified" in out
        assert out.rstrip().endswith("0 new items in inbox/; 0 sources failed")
        assert len(inbox_files(root)) == 2
    state = json.loads((root / "inbox" / ".fetch-state.json").read_text())["sources"]["kellmouth-wire"]
    assert state["etag"] == '"v1-abc"' and state["last_status"] == "304" and state["failures"] == 0


def test_item_is_what_import_writes_with_the_entry_metadata(make_site) -> None:
    with FeedServer() as server:
        server.routes["/feed.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", ENTRIES[:1]))
        root = site(make_site, [{"name": "Kellmouth Wire", "feed": server.url("/feed.xml"), "tags": ["ports"]}])
        assert fetch(root)[0] == 0
    (item,) = (root / "inbox").glob("*.md")
    text = item.read_text()
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "Kellmouth night ferries to run again"
    assert meta["date"] == "2026-11-28T09:15:00+00:00"
    assert meta["author"] == "Mira Castell"
    assert meta["source"] == {"name": "Kellmouth Wire", "url": "https://wire.example/ferries-return"}
    assert "ports" in meta["tags"]
    assert "three weeks of repairs to the north pier" in text


def test_gzip_answer_is_read(make_site) -> None:
    with FeedServer() as server:
        server.routes["/feed.xml"] = gzipped(rss("Kellmouth Wire", "https://wire.example/", ENTRIES))
        root = site(make_site, [{"name": "Kellmouth Wire", "feed": server.url("/feed.xml")}])
        code, out, err = fetch(root)
    assert "gzip" in server.requests[0][1]["accept-encoding"]
    assert code == 0, err
    assert "2 new" in out


def test_requests_to_one_host_are_spaced_by_the_delay(make_site) -> None:
    atom_entries = [{"title": "Ostry council votes to keep the night bus", "link": "https://post.example/bus",
                     "id": "urn:x-post:bus", "date": "2026-11-29T18:00:00+01:00", "author": "Ola Brenn",
                     "content": "<p>The Ostry island council voted on Sunday to keep the night bus to the ferry "
                                "pier for another year, after a petition signed by four hundred islanders.</p>"}]
    with FeedServer() as server:
        server.routes["/wire.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", ENTRIES))
        server.routes["/post.atom"] = static(atom("Coast Post", atom_entries), "application/atom+xml")
        root = site(make_site, [{"name": "Kellmouth Wire", "feed": server.url("/wire.xml")},
                                {"name": "Coast Post", "feed": server.url("/post.atom")}])
        code, out, err = cli("fetch", "--root", str(root), "--delay", "0.6")
    assert code == 0, err
    assert "Coast Post: 1 new, 0 known" in out
    assert server.times[1] - server.times[0] >= 0.55
    (item,) = [p for p in (root / "inbox").glob("*.md") if "night bus" in p.read_text()]
    meta = yaml.safe_load(item.read_text().split("---\n")[1])
    assert meta["date"] == "2026-11-29T18:00:00+01:00" and meta["author"] == "Ola Brenn"


def test_failing_sources_are_reported_and_never_stop_the_run(make_site) -> None:
    with FeedServer() as server:
        server.routes["/good.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", ENTRIES))
        server.routes["/broken.xml"] = static(b"oops", "text/plain", status=500)
        server.routes["/slow.xml"] = slow(4.0, rss("Slow", "https://slow.example/", ENTRIES))
        server.routes["/page.xml"] = static(b"<!DOCTYPE html><html><head><title>Shop</title></head><body>"
                                            b"<p>Not a feed at all, a shop front page.</p></body></html>",
                                            "text/html")
        root = site(make_site, [{"name": "Broken Gazette", "feed": server.url("/broken.xml")},
                                {"name": "Slow Courier", "feed": server.url("/slow.xml")},
                                {"name": "Shop Page", "feed": server.url("/page.xml")},
                                {"name": "Kellmouth Wire", "feed": server.url("/good.xml")}])
        code, out, err = cli("fetch", "--root", str(root), "--delay", "0", "--timeout", "0.5")
        assert code == 1
        assert "Broken Gazette: failed: HTTP 500 Internal Server Error (1 failure in a row; next try after" in err
        assert "Slow Courier: failed: timed out after 0.5 s" in err
        assert "Shop Page: failed: the answer is not an RSS or Atom feed (it reads as an HTML page)" in err
        assert "Kellmouth Wire: 2 new, 0 known" in out
        assert "2 new items in inbox/; 3 sources failed" in out
        states = json.loads((root / "inbox" / ".fetch-state.json").read_text())["sources"]
        assert states["broken-gazette"]["failures"] == 1 and states["broken-gazette"]["next_attempt"]
        # the next run waits for the back-off; the good source now fails and keeps its items
        server.routes["/good.xml"] = static(b"gone", "text/plain", status=503)
        code, out, err = cli("fetch", "--root", str(root), "--delay", "0", "--timeout", "0.5")
        assert code == 2  # every source that was tried failed
        assert "Broken Gazette: waiting after 1 failure until" in out
        assert "Kellmouth Wire: failed: HTTP 503 Service Unavailable" in err
        assert len(inbox_files(root)) == 2
        code, out, err = cli("fetch", "--root", str(root), "--delay", "0", "--timeout", "0.5", "--force")
        assert "Broken Gazette: failed: HTTP 500 Internal Server Error (2 failures in a row" in err


def test_permanent_redirect_updates_the_stored_url(make_site) -> None:
    with FeedServer() as server:
        server.routes["/old.xml"] = redirect("/new.xml")
        server.routes["/new.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", ENTRIES))
        old, new = server.url("/old.xml"), server.url("/new.xml")
        root = site(make_site, [{"name": "Kellmouth Wire", "feed": old, "tags": ["ports"]}])
        code, out, err = fetch(root)
        assert code == 0, err
        assert f"Kellmouth Wire: moved permanently: {old} -> {new}; digest.yaml updated" in out
        config = yaml.safe_load((root / "digest.yaml").read_text())
        assert config["subscriptions"] == [{"name": "Kellmouth Wire", "feed": new, "tags": ["ports"]}]
        assert config["title"] == "Test Digest"
        state = json.loads((root / "inbox" / ".fetch-state.json").read_text())["sources"]["kellmouth-wire"]
        assert state["redirects"] == [f"301 {old} -> {new}"] and state["moved_from"] == old
        assert fetch(root)[0] == 0
        assert server.paths() == ["/old.xml", "/new.xml", "/new.xml"]


def test_temporary_redirect_keeps_the_stored_url(make_site) -> None:
    with FeedServer() as server:
        server.routes["/old.xml"] = redirect("/new.xml", 302)
        server.routes["/new.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", ENTRIES))
        root = site(make_site, [{"name": "Kellmouth Wire", "feed": server.url("/old.xml")}])
        code, out, _ = fetch(root)
    assert code == 0 and "moved" not in out
    assert yaml.safe_load((root / "digest.yaml").read_text())["subscriptions"][0]["feed"] == server.url("/old.xml")


def test_offline_reads_what_was_fetched_before(make_site) -> None:
    with FeedServer() as server:
        server.routes["/feed.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", ENTRIES))
        root = site(make_site, [{"name": "Kellmouth Wire", "feed": server.url("/feed.xml"), "exclude": ["frost"]}])
        code, out, _ = fetch(root)
        assert code == 0 and "1 new, 0 known, 1 left out by its filters" in out
        feed_url = server.url("/feed.xml")
    # the server is gone: offline must not need it
    (root / "digest.yaml").write_text(CONFIG + yaml.safe_dump(
        {"subscriptions": [{"name": "Kellmouth Wire", "feed": feed_url}]}))
    code, out, err = fetch(root, "--offline")
    assert code == 0, err
    assert "Kellmouth Wire: 1 new, 1 known" in out
    assert len(inbox_files(root)) == 2
    assert len(server.requests) == 1


def test_offline_without_earlier_fetch_says_so(make_site) -> None:
    root = site(make_site, [{"name": "Kellmouth Wire", "feed": "http://127.0.0.1:9/feed.xml"}])
    code, out, _ = fetch(root, "--offline")
    assert code == 0
    assert "Kellmouth Wire: nothing fetched yet to read offline" in out


def test_hostile_feeds_are_refused(make_site) -> None:
    laughs = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                         for i in range(1, 10))
              + b']>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title>'
                b"<link>https://x.example/1</link><description>&lol9;</description></item></channel></rss>")
    with FeedServer() as server:
        server.routes["/laughs.xml"] = static(laughs)
        server.routes["/huge.xml"] = static(b"x" * (21 * 1024 * 1024))
        server.routes["/good.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", ENTRIES))
        root = site(make_site, [{"name": "Laughs", "feed": server.url("/laughs.xml")},
                                {"name": "Huge", "feed": server.url("/huge.xml")},
                                {"name": "Kellmouth Wire", "feed": server.url("/good.xml")}])
        code, out, err = fetch(root)
    assert code == 1
    assert "Laughs: failed: the feed declares XML entities; refused (entities are never expanded)" in err
    assert "Huge: failed: the page is 22,020,096 bytes, over the limit of 20,971,520" in err
    assert "Kellmouth Wire: 2 new" in out


def test_only_http_feeds_are_fetched(make_site) -> None:
    root = site(make_site, [{"name": "Local File", "feed": "file:///etc/passwd"}])
    code, _, err = fetch(root)
    assert code == 1
    assert f"{root / 'digest.yaml'}:10:9: error: subscription 1: 'feed' must be an absolute http(s) URL, not " \
        "'file:///etc/passwd' (hint: e.g. https://wire.example/feed.xml)" in err


def test_republished_entry_under_a_new_url_is_not_taken_again(make_site) -> None:
    with FeedServer() as server:
        server.routes["/feed.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", ENTRIES[:1]))
        root = site(make_site, [{"name": "Kellmouth Wire", "feed": server.url("/feed.xml")}])
        assert fetch(root)[0] == 0
        moved = dict(ENTRIES[0], link="https://wire.example/2026/ferries-return", guid="wire-101-b")
        server.routes["/feed.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", [moved, ENTRIES[1]]))
        code, out, _ = fetch(root)
    assert code == 0
    assert "Kellmouth Wire: 1 new, 1 known" in out
    assert len(inbox_files(root)) == 2


def test_an_article_already_in_content_is_not_taken_in(make_site) -> None:
    from conftest import article

    with FeedServer() as server:
        server.routes["/feed.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", ENTRIES))
        root = site(make_site, [{"name": "Kellmouth Wire", "feed": server.url("/feed.xml")}])
        (root / "content/2026/11").mkdir(parents=True)
        (root / "content/2026/11/frost.md").write_text(article(
            "Orchard frost", "2026-11-27T16:40:00+00:00", source={"name": "Wire", "url": "https://wire.example/frost"}))
        code, out, _ = fetch(root)
    assert code == 0
    assert "Kellmouth Wire: 1 new, 1 known" in out


def test_full_text_is_fetched_when_the_feed_has_only_a_summary(make_site) -> None:
    page = ("<!DOCTYPE html><html><head><title>Tessel valley</title></head><body><article>"
            "<p>The Tessel valley cooperative has asked the regional council for frost insurance after a "
            "late cold night destroyed a fifth of the pear blossom in the lower orchards.</p>"
            "<p>Its chair, speaking at the packing station, said members could not carry a second bad year "
            "and that the council had promised an answer before the spring planting.</p>"
            "<p>Smaller growers on the eastern slopes reported lighter damage.</p>"
            "</article></body></html>").encode()
    with FeedServer() as server:
        link = server.url("/frost.html")
        entry = {"title": "Growers ask for frost insurance", "link": link, "guid": "v-1",
                 "date": "Fri, 27 Nov 2026 16:40:00 +0000", "author": "Ilse Marrow",
                 "description": "The cooperative wants cover."}
        server.routes["/feed.xml"] = static(rss("Valley Ledger", "https://ledger.example/", [entry]))
        server.routes["/frost.html"] = static(page, "text/html; charset=utf-8")
        root = site(make_site, [{"name": "Valley Ledger", "feed": server.url("/feed.xml"), "full_text": "fetch"}])
        code, out, err = fetch(root)
        assert code == 0, err
        assert server.paths() == ["/feed.xml", "/frost.html"]
    (item,) = (root / "inbox").glob("*.md")
    text = item.read_text()
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "Growers ask for frost insurance"   # the entry's, not the page's <title>
    assert meta["author"] == "Ilse Marrow"
    assert meta["date"] == "2026-11-27T16:40:00+00:00"
    assert meta["source"]["url"] == link
    assert "promised an answer before the spring planting" in text
    assert "draft" not in meta


def test_a_second_fetch_is_refused_while_one_runs(make_site) -> None:
    from digest.sources.lock import inbox_lock

    root = site(make_site, [{"name": "Kellmouth Wire", "feed": "http://127.0.0.1:9/feed.xml"}])
    with inbox_lock(root / "inbox"):
        code, out, err = fetch(root)
    assert code == 2
    assert "another digest fetch, pick or skip is running" in err and "nothing was done" in err
    assert not (root / "inbox" / ".fetch-state.json").exists()


def test_a_second_fetch_started_during_a_first_is_refused(make_site) -> None:
    with FeedServer() as server:
        server.routes["/slow.xml"] = slow(1.5, rss("Kellmouth Wire", "https://wire.example/", ENTRIES))
        root = site(make_site, [{"name": "Kellmouth Wire", "feed": server.url("/slow.xml")}])
        first: list[tuple[int, str, str]] = []
        running = threading.Thread(target=lambda: first.append(fetch(root)))
        running.start()
        deadline = time.monotonic() + 10
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.02)
        code, _, err = fetch(root)
        running.join(15)
    assert code == 2 and "another digest fetch, pick or skip is running" in err
    assert first[0][0] == 0 and "Kellmouth Wire: 2 new" in first[0][1]
    assert len(server.requests) == 1


def test_an_empty_feed_is_not_a_failure(make_site) -> None:
    with FeedServer() as server:
        server.routes["/feed.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", []))
        root = site(make_site, [{"name": "Kellmouth Wire", "feed": server.url("/feed.xml")}])
        code, out, err = fetch(root)
    assert (code, err) == (0, "")
    assert "Kellmouth Wire: 0 new, 0 known" in out


def test_no_subscriptions_is_exit_2(make_site) -> None:
    root = make_site({"content/.keep": ""})
    code, _, err = fetch(root)
    assert code == 2
    assert "no subscriptions in digest.yaml" in err
