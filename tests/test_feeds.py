"""Feeds read the way feed readers read them: feedparser, and the RFC 4287 RELAX NG schema."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import feedparser
import pytest
from lxml import etree

from conftest import CONFIG, SMALL_SITE, article

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


# -- credits, pages, images, summaries, characters (issue 17) ------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://news.example.net/"
SUBSCRIBED = CONFIG + """\
subscriptions:
  - name: Harbour Wire
    feed: https://wire.example/rss
    site: https://wire.example/news/
"""
CREDITS = {
    # a followed outlet (its feed and site are known), an outlet with an original URL, one given by
    # name only, and an article without a source
    "content/2015/10/ferry.md": article("Ferry strike ends", "2015-10-05T08:00:00Z", "Ferries sail again.\n",
                                        source={"name": "Harbour Wire", "url": "https://wire.example/2015/10/ferry"},
                                        tags=["transport"], author="Ann Writer"),
    "content/2015/09/pentagon.md": article("Pentagon to open lines", "2015-09-29T23:35:00+03:00", "Lines open.\n",
                                           source={"name": "RT", "url": "https://www.rt.com/usa/316795-pentagon/"},
                                           tags=["transport"]),
    "content/2015/08/tram.md": article("Northgate tram line opens", "2015-08-14T09:00:00+02:00", "Trams run.\n",
                                       source={"name": "Northgate Wire"}, tags=["transport"]),
    "content/2015/10/budget.md": article("Budget vote delayed", "2015-10-02 18:00", "Parliament waits.\n",
                                         tags=["transport"]),
}
# title -> (name, original article, RSS <source url>, Atom source's alternate and self links)
EXPECTED_CREDITS = {
    "Ferry strike ends": ("Harbour Wire", "https://wire.example/2015/10/ferry", "https://wire.example/rss",
                          ["https://wire.example/news/"], ["https://wire.example/rss"]),
    "Pentagon to open lines": ("RT", "https://www.rt.com/usa/316795-pentagon/", "https://www.rt.com/",
                               ["https://www.rt.com/"], []),
    "Northgate tram line opens": ("Northgate Wire", None, BASE + "sources/northgate-wire/feed.xml", [], []),
    "Budget vote delayed": None,
}


def credit_site(make_site, build_site) -> Path:
    root = make_site(CREDITS, config=SUBSCRIBED)
    build_site(root)
    return root


def last_paragraph(html_text: str):
    from lxml import html as lxml_html

    return lxml_html.fragment_fromstring(html_text, create_parent="div").findall(".//p")[-1]


def check_credit_paragraph(title: str, content: str) -> None:
    expected = EXPECTED_CREDITS[title]
    paragraph = last_paragraph(content)
    if expected is None:
        assert "Originally published" not in content
        return
    name, original = expected[:2]
    if original:
        assert paragraph.text_content() == f"Originally published by {name} — read the original"
        assert [(a.text, a.get("href")) for a in paragraph.findall("a")] == [("read the original", original)]
    else:
        assert paragraph.text_content() == f"Originally published by {name}"
        assert paragraph.findall("a") == []


def test_rss_items_credit_their_outlet_with_a_source_element(make_site, build_site):
    root = credit_site(make_site, build_site)
    for feed_path in ("feed.xml", "tags/transport/feed.xml", "sources/rt/feed.xml", "authors/ann-writer/feed.xml"):
        data = (root / "site" / feed_path).read_bytes()
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        items = etree.fromstring(data).findall("channel/item")
        assert len(items) == len(parsed.entries) > 0
        for item, entry in zip(items, parsed.entries):
            expected = EXPECTED_CREDITS[entry.title]
            sources = item.findall("source")
            if expected is None:
                assert sources == [] and "source" not in entry
            else:
                name, _, rss_url = expected[:3]
                assert [(s.text, s.get("url")) for s in sources] == [(name, rss_url)]
                assert (entry.source.title, entry.source.href) == (name, rss_url)  # as feedparser reports it
            check_credit_paragraph(entry.title, entry.content[0].value)
    # the fallback for an outlet given by name only is a real feed: this digest's feed of that outlet
    assert (root / "site/sources/northgate-wire/feed.xml").is_file()


def test_atom_entries_credit_their_outlet_with_via_link_and_source(make_site, build_site):
    root = credit_site(make_site, build_site)
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    for feed_path in ("atom.xml", "tags/transport/atom.xml", "sources/harbour-wire/atom.xml"):
        data = (root / "site" / feed_path).read_bytes()
        document = etree.fromstring(data)
        assert schema.validate(document), schema.error_log
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0
        for element, entry in zip(document.findall(f"{ATOM}entry"), parsed.entries):
            expected = EXPECTED_CREDITS[entry.title]
            via = [(link.get("href"), link.get("title")) for link in element.findall(f"{ATOM}link")
                   if link.get("rel") == "via"]
            sources = element.findall(f"{ATOM}source")
            if expected is None:
                assert via == [] and sources == []
            else:
                name, original, _, alternate, self_links = expected
                assert via == ([(original, name)] if original else [])
                assert [s.findtext(f"{ATOM}title") for s in sources] == [name]
                links = sources[0].findall(f"{ATOM}link")
                assert [link.get("href") for link in links if link.get("rel") == "alternate"] == alternate
                assert [link.get("href") for link in links if link.get("rel") == "self"] == self_links
                assert entry.source.title == name  # what readers show as "via ..."
                if original:
                    assert {"rel": "via", "href": original, "title": name, "type": "text/html"} in entry.links
            # our own page stays the entry's link
            assert entry.link.startswith(BASE)
            check_credit_paragraph(entry.title, entry.content[0].value)


def test_channel_link_is_the_page_each_feed_belongs_to(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    site = root / "site"
    for folder in ("", "tags/syria/", "sources/rt/", "authors/ann-writer/", "editions/"):
        page = BASE + folder
        assert (site / folder / "index.html").is_file()
        rss = etree.parse(str(site / folder / "feed.xml")).getroot().find("channel")
        assert rss.findtext("link") == page
        assert feedparser.parse((site / folder / "feed.xml").read_bytes()).feed.link == page
        atom = etree.parse(str(site / folder / "atom.xml")).getroot()
        links = {(link.get("rel") or "alternate"): link.get("href") for link in atom.findall(f"{ATOM}link")}
        assert links == {"alternate": page, "self": page + "atom.xml"}
        self_links = [link.get("href") for link in rss.findall(f"{ATOM}link") if link.get("rel") == "self"]
        assert self_links == [page + "feed.xml"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_feeds_show_the_theme_icon_and_a_site_can_replace_it(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    site = root / "site"
    rss = etree.parse(str(site / "tags/syria/feed.xml")).getroot().find("channel")
    image = rss.find("image")
    assert image.findtext("url") == BASE + "static/feed-icon.png"
    assert image.findtext("link") == BASE + "tags/syria/" and image.findtext("title") == rss.findtext("title")
    assert png_size((site / "static/feed-icon.png").read_bytes()) == (144, 144)  # RSS allows at most 144 wide
    atom = etree.parse(str(site / "atom.xml")).getroot()
    assert atom.findtext(f"{ATOM}icon") == BASE + "static/feed-icon.png"
    assert png_size((site / "static/feed-icon-512.png").read_bytes()) == (512, 512)
    # a site's own templates/static/feed-icon.png is the feeds' image
    own = (site / "static/feed-icon-512.png").read_bytes()
    (root / "templates/static/feed-icon.png").write_bytes(own)
    build_site(root)
    assert (site / "static/feed-icon.png").read_bytes() == own


def test_every_entry_has_a_summary_even_without_a_first_paragraph(make_site, build_site):
    files = dict(SMALL_SITE)
    files["content/2015/10/table.md"] = article("Seat table", "2015-10-03", "| party | seats |\n| --- | --- |\n| A | 3 |\n")
    root = make_site(files)
    build_site(root)
    rss = feedparser.parse((root / "site/feed.xml").read_bytes())
    atom = etree.parse(str(root / "site/atom.xml")).getroot()
    summaries = [entry.findtext(f"{ATOM}summary") for entry in atom.findall(f"{ATOM}entry")]
    assert len(summaries) == len(rss.entries) == 4 and all(summaries)
    assert summaries[0] == "Seat table"  # nothing to summarise: the headline
    assert all(entry.summary and "<table" not in entry.summary for entry in rss.entries)


def test_characters_xml_forbids_never_reach_a_feed(make_site, build_site):
    # character references to forbidden characters in Markdown become U+FFFD; feeds stay well-formed
    files = dict(SMALL_SITE)
    files["content/2015/10/refs.md"] = article("Bell &#7; rings", "2015-10-03",
                                               "A bell &#7; and &#x1F; and &#xFFFE; and &#0; ring.\n")
    root = make_site(files)
    build_site(root)
    strict = etree.XMLParser(recover=False)
    for path in (root / "site").rglob("*"):
        if path.name in ("feed.xml", "atom.xml"):
            etree.fromstring(path.read_bytes(), strict)
        if path.name == "feed.json":
            import json

            text = json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
            assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", text), path
    assert "A bell \ufffd and \ufffd" in (root / "site/feed.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("intro, where, message", [
    ("A bell \x07 rings.\n", "4:8", "U+0007 (a control character) is not allowed in a content file"),
    ("---\ntitle: \"Bell \\x07\"\n---\nIt rings.\n", "2:8",
     "'title' contains U+0007 (a control character), which pages and feeds cannot carry"),
])
def test_an_edition_intro_with_a_forbidden_character_is_a_located_error(make_site, build_site, intro, where, message):
    # the intro is the editions feed's first paragraph: it may not carry what XML forbids either
    from digest.errors import DigestError

    intro_text = intro if intro.startswith("---") else "---\ntitle: Bell\n---\n" + intro
    root = make_site({**SMALL_SITE, "content/editions/2015-10-02.md": intro_text})
    with pytest.raises(DigestError) as raised:
        build_site(root)
    [problem] = raised.value.diagnostics
    assert str(problem.location.path).endswith("content/editions/2015-10-02.md")
    assert (f"{problem.location.line}:{problem.location.column}", problem.message) == (where, message)
    assert not (root / "site").exists()


def test_feed_titles_have_the_typography_of_the_pages(make_site, build_site):
    """A headline typed with straight quotes reads the same in the feed as on its page."""
    root = make_site({"content/2025/03/q.md": article('The "harbour" deal -- what\'s in it', "2025-03-01T09:00:00+00:00")})
    build_site(root)
    page = (root / "site/2025/03/q/index.html").read_text()
    assert "The “harbour” deal – what’s in it" in page
    shown = "The “harbour” deal – what’s in it"
    for name in ("feed.xml", "atom.xml"):
        assert feedparser.parse((root / "site" / name).read_bytes()).entries[0].title == shown, name
    assert json.loads((root / "site/feed.json").read_text())["items"][0]["title"] == shown
