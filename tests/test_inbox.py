"""`digest inbox`, `digest pick` and `digest skip` through the real CLI, on items fetched from
invented feeds served from 127.0.0.1."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from feedserver import FeedServer, rss, static
from test_fetch import cli, fetch, inbox_files, site

FERRY = ("<p>The ferry crews of Kellmouth ended their strike on Sunday after the harbour board agreed to a new "
         "rota, and the first crossings to Ostry island left at dawn.</p>")
WIRE = [
    {"title": "Kellmouth ferry strike ends with new rota deal", "link": "https://wire.example/strike-ends",
     "guid": "w-1", "date": "Sun, 29 Nov 2026 08:00:00 +0000", "content": FERRY},
    {"title": "Tessel valley pear harvest down a fifth", "link": "https://wire.example/pears", "guid": "w-2",
     "date": "Sat, 28 Nov 2026 12:00:00 +0000",
     "content": "<p>Orchards in the Tessel valley picked a fifth fewer pears this autumn after a late frost, "
                "the growers' cooperative reported.</p>"},
    {"title": "Ostry lighthouse keeper retires after forty years", "link": "https://wire.example/lighthouse",
     "guid": "w-3", "date": "Fri, 27 Nov 2026 18:00:00 +0000",
     "content": "<p>The last resident keeper of the Ostry light handed over the keys to the coastguard on "
                "Friday evening, after forty years on the rock.</p>"},
]
POST = [
    {"title": "Ferry strike in Kellmouth ends as harbour board agrees new rota", "link": "https://post.example/ferry",
     "guid": "p-1", "date": "Sun, 29 Nov 2026 10:30:00 +0000",
     "content": "<p>Kellmouth ferry crews returned to work after the harbour board agreed a new rota; the strike "
                "had stopped crossings to Ostry island for nine days.</p>"},
]


def listed_ids(out: str) -> list[str]:
    return re.findall(r"^([0-9a-f]{6,})  ", out, re.M)


def two_sources(make_site, server: FeedServer) -> Path:
    server.routes["/wire.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", WIRE))
    server.routes["/post.xml"] = static(rss("Coast Post", "https://post.example/", POST))
    return site(make_site, [{"name": "Kellmouth Wire", "feed": server.url("/wire.xml")},
                            {"name": "Coast Post", "feed": server.url("/post.xml")}])


def test_inbox_lists_items_with_short_ids_and_groups_one_story(make_site) -> None:
    with FeedServer() as server:
        root = two_sources(make_site, server)
        assert fetch(root)[0] == 0
    code, out, _ = cli("inbox", "--root", str(root))
    assert code == 0
    lines = out.splitlines()
    ids = listed_ids(out)
    assert len(ids) == 4
    first = lines[0]
    assert re.fullmatch(r"[0-9a-f]{6}  Coast Post  2026-11-29  Ferry strike in Kellmouth ends as harbour board "
                        r"agrees new rota", first)
    # the other report of the same story follows it, marked, before the rest
    assert re.fullmatch(rf"[0-9a-f]{{6}}  Kellmouth Wire  2026-11-29  Kellmouth ferry strike ends with new rota "
                        rf"deal  \(same story as {ids[0]}\)", lines[2])
    assert lines[1].startswith("        Kellmouth ferry crews returned to work")
    assert "same story" not in out.split(ids[2])[1]
    assert lines[-1] == "4 items: digest pick ID... | digest skip ID..."
    code, short, _ = cli("inbox", "--root", str(root), "--short")
    assert len(short.splitlines()) == 5


def test_pick_and_skip_never_come_back(make_site) -> None:
    with FeedServer() as server:
        root = two_sources(make_site, server)
        assert fetch(root)[0] == 0
        ids = listed_ids(cli("inbox", "--root", str(root))[1])
        pears = next(i for i in ids if (root / "inbox" / f"{i}.md").read_text().count("pear harvest"))
        lighthouse = next(i for i in ids if "lighthouse" in (root / "inbox" / f"{i}.md").read_text())
        code, out, err = cli("pick", pears, "--root", str(root), "--note", "A frost, and a fifth of the pears gone.",
                             "--tag", "farming", "--edition", "2026-11-30")
        assert code == 0, err
        assert out == f"{pears}: picked -> content/2026/11/tessel-valley-pear-harvest-down-a.md\n"
        picked = (root / "content/2026/11/tessel-valley-pear-harvest-down-a.md").read_text()
        meta = yaml.safe_load(picked.split("---\n")[1])
        assert meta["summary"] == "A frost, and a fifth of the pears gone."
        assert meta["tags"] == ["farming"] and meta["extra"] == {"edition": "2026-11-30"}
        assert meta["source"]["name"] == "Kellmouth Wire"
        code, out, _ = cli("skip", lighthouse[:4], "--root", str(root))
        assert (code, out) == (0, f"{lighthouse}: skipped\n")
        assert (root / "inbox" / "skipped" / f"{lighthouse}.md").is_file()
        # idempotent
        assert cli("pick", pears, "--root", str(root))[1] == \
            f"{pears}: already picked -> content/2026/11/tessel-valley-pear-harvest-down-a.md\n"
        assert cli("skip", lighthouse, "--root", str(root))[1] == f"{lighthouse}: already skipped\n"
        # later fetches: the same entries, and the skipped one republished under a new URL and id
        again = dict(WIRE[2], link="https://wire.example/2026/11/lighthouse", guid="w-3-republished")
        server.routes["/wire.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", [*WIRE, again]))
        code, out, _ = fetch(root)
        assert code == 0
        assert "Kellmouth Wire: 0 new, 4 known" in out
    remaining = listed_ids(cli("inbox", "--root", str(root))[1])
    assert sorted(remaining) == sorted(set(ids) - {pears, lighthouse})
    assert len(inbox_files(root)) == 2


def test_unknown_ids_are_reported(make_site) -> None:
    with FeedServer() as server:
        root = two_sources(make_site, server)
        assert fetch(root)[0] == 0
    ids = listed_ids(cli("inbox", "--root", str(root))[1])
    code, out, err = cli("skip", "zzzzzz", "--root", str(root))
    assert code == 2 and err == "zzzzzz: no such item in the inbox (digest inbox lists them)\n"
    code, out, err = cli("skip", ids[0], "zzzzzz", "--root", str(root))
    assert code == 1 and out == f"{ids[0]}: skipped\n"
    code, _, err = cli("pick", ids[1], "--edition", "30/11", "--root", str(root))
    assert code == 1 and "--edition must be a date like 2026-03-01, not '30/11'" in err


def test_picked_items_are_published_by_build(make_site) -> None:
    with FeedServer() as server:
        root = two_sources(make_site, server)
        assert fetch(root)[0] == 0
    ids = listed_ids(cli("inbox", "--root", str(root))[1])
    code, out, err = cli("pick", ids[0], ids[1], "--root", str(root))
    assert code == 0, err
    code, out, err = cli("build", "--root", str(root), "-q")
    assert code == 0, err
    pages = sorted(p.parent.name for p in (root / "site" / "2026" / "11").glob("*/index.html"))
    assert pages == ["ferry-strike-in-kellmouth-ends-as", "kellmouth-ferry-strike-ends-with-new"]
    assert not list((root / "site").rglob("*lighthouse*"))   # still in the inbox: never built
    assert "inbox" not in {p.name for p in (root / "site").iterdir()}


def test_pick_for_an_edition_puts_it_in_that_edition(make_site) -> None:
    with FeedServer() as server:
        root = two_sources(make_site, server)
        assert fetch(root)[0] == 0
    ids = listed_ids(cli("inbox", "--root", str(root))[1])
    assert cli("pick", ids[0], "--edition", "2026-12-01", "--root", str(root))[0] == 0
    assert cli("pick", ids[2], "--root", str(root))[0] == 0
    code, _, err = cli("build", "--root", str(root), "-q")
    assert code == 0, err
    december = (root / "site/editions/2026-12-01/index.html").read_text()
    assert "Ferry strike in Kellmouth ends as harbour board agrees new rota" in december
    assert "Tessel valley" not in december
    assert "Tessel valley pear harvest" in (root / "site/editions/2026-11-28/index.html").read_text()


def test_empty_inbox(make_site) -> None:
    root = make_site({"content/.keep": ""})
    assert cli("inbox", "--root", str(root)) == (0, "the inbox is empty (digest fetch fills it)\n", "")
