"""Feeds read the way feed readers read them: feedparser, and the RFC 4287 RELAX NG schema."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import feedparser
from lxml import etree

from conftest import SMALL_SITE, article

SCHEMA = Path(__file__).parent / "data" / "atom.rng"
ORDER = ["Budget vote delayed", "Pentagon to open ‘lines of communication’", "Northgate tram line opens"]


def test_rss_and_atom_parse_cleanly_newest_first_with_absolute_links(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    for name, version in (("feed.xml", "rss20"), ("atom.xml", "atom10")):
        feed = feedparser.parse((root / "site" / name).read_bytes())
        assert feed.bozo == 0, feed.get("bozo_exception")
        assert feed.version == version
        assert [e.title for e in feed.entries] == ORDER
        assert [e.link for e in feed.entries] == [
            "https://news.example.net/2015/10/budget/", "https://news.example.net/2015/09/pentagon/",
            "https://news.example.net/2015/08/tram/"]
        self_links = [link.href for link in feed.feed.links if link.rel == "self"]
        assert self_links == [f"https://news.example.net/{name}"]
        content = feed.entries[1].content[0].value
        assert '<a href="https://news.example.net/2015/08/tram/">the tram story</a>' in content
        assert feed.entries[0].published_parsed[:5] == (2015, 10, 2, 17, 0)  # 18:00 BST


def test_atom_is_valid_against_rfc4287_schema(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    document = etree.parse(str(root / "site/atom.xml"))
    assert schema.validate(document), schema.error_log


def test_feeds_carry_authors_tags_and_full_content(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    feed = feedparser.parse((root / "site/atom.xml").read_bytes())
    budget = feed.entries[0]
    assert [a.name for a in budget.authors] == ["A One", "B Two"]
    assert [t.term for t in budget.tags] == ["politics", "Syria"]  # the name the topic has site-wide
    assert budget.content[0].value.strip() == "<p>Parliament waits.</p>"
    rss = feedparser.parse((root / "site/feed.xml").read_bytes())
    assert rss.entries[1].author == "Ann Writer"


def test_feed_size_limits_entries(make_site, build_site):
    files = {f"content/a{i}.md": article(f"Story {i}", f"2015-01-{i + 1:02d}") for i in range(5)}
    root = make_site(files, config="base_url: https://x.example.net/\nfeed_size: 3\n")
    build_site(root)
    feed = feedparser.parse((root / "site/feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Story 4", "Story 3", "Story 2"]


def test_feeds_are_deterministic_across_builds(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    first = (root / "site/atom.xml").read_bytes(), (root / "site/feed.xml").read_bytes()
    (root / "site/atom.xml").unlink()
    build_site(root)
    assert ((root / "site/atom.xml").read_bytes(), (root / "site/feed.xml").read_bytes()) == first
    assert b"<updated>2015-10-02T18:00:00+01:00</updated>" in first[0]


def test_a_feed_under_a_non_ascii_path_names_itself_by_its_percent_encoded_url(make_site, build_site):
    files = dict(SMALL_SITE)
    files["content/2015/01/b.md"] = article("Brücke offen", "2015-01-03", "Text.\n", author="Anna Spließ")
    root = make_site(files)
    build_site(root)
    folder = next(p for p in (root / "site/authors").iterdir() if p.name.startswith("anna-spli"))
    for name in ("atom.xml", "feed.xml"):
        feed = feedparser.parse((folder / name).read_bytes())
        self_links = [link.href for link in feed.feed.links if link.rel == "self"]
        assert self_links == [f"https://news.example.net/authors/{quote(folder.name)}/{name}"]
        assert self_links[0].isascii()
