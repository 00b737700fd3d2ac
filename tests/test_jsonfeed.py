"""JSON Feed 1.1 (feed.json) read the way readers read it: against a JSON Schema written from the
spec (tests/data/jsonfeed-1.1.schema.json), next to the RSS and Atom feeds it mirrors, and found
through each page's <link rel="alternate"> autodiscovery."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from jsonschema import Draft202012Validator
from lxml import html

from conftest import SMALL_SITE, article

SCHEMA = json.loads((Path(__file__).parent / "data" / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
BASE = "https://news.example.net/"
FORMATS = {"application/rss+xml": "feed.xml", "application/atom+xml": "atom.xml", "application/feed+json": "feed.json"}
FEED_FOLDERS = ("", "tags/syria/", "tags/transport/", "sources/rt/", "sources/northgate-wire/", "authors/ann-writer/",
                "authors/a-one/", "editions/")


def validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(SCHEMA)
    return Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(document: object) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(document)]


@pytest.fixture
def site(make_site, build_site) -> Path:
    root = make_site(SMALL_SITE)
    build_site(root)
    return root / "site"


def test_every_feed_has_a_json_feed_valid_against_the_schema(site):
    found = sorted(path.relative_to(site).as_posix() for path in site.rglob("feed.json"))
    assert found == sorted(path.relative_to(site).as_posix().replace("feed.xml", "feed.json")
                           for path in site.rglob("feed.xml"))
    for folder in FEED_FOLDERS:  # the site, a topic, a source, an author and the editions
        assert f"{folder}feed.json" in found
    for name in found:
        document = json.loads((site / name).read_text(encoding="utf-8"))
        assert errors(document) == [], name
        assert document["version"] == "https://jsonfeed.org/version/1.1"
        folder = name.removesuffix("feed.json")
        assert document["home_page_url"] == BASE + folder  # the page the feed belongs to
        assert document["feed_url"] == BASE + name
        assert document["items"], name


def test_the_schema_can_fail():
    good = {"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
        {"id": "1", "url": "https://x.example/1", "content_html": "<p>x</p>", "date_published": "2015-10-02T18:00:00+01:00",
         "authors": [{"name": "A"}], "_digest": {"source": {"name": "RT"}}}]}
    assert errors(good) == []
    broken = []
    for change in (lambda d: d.pop("title"), lambda d: d["items"][0].pop("id"),
                   lambda d: d["items"][0].pop("content_html"), lambda d: d["items"][0].update(id=1),
                   lambda d: d["items"][0].update(date_published="2 October 2015"),
                   lambda d: d["items"][0].update(url="/relative/"), lambda d: d["items"][0].update(authors=[{}]),
                   lambda d: d["items"][0].update(external_URL="https://x.example/"),
                   lambda d: d.update(version="https://jsonfeed.org/version/2"),
                   lambda d: d["items"][0].update({"_digest": {"a.b": 1}})):
        document = copy.deepcopy(good)
        change(document)
        broken.append(bool(errors(document)))
    assert all(broken), broken


def test_json_feed_mirrors_rss_and_atom_and_credits_the_original(site):
    for folder in FEED_FOLDERS:
        document = json.loads((site / folder / "feed.json").read_text(encoding="utf-8"))
        rss = feedparser.parse((site / folder / "feed.xml").read_bytes())
        atom = feedparser.parse((site / folder / "atom.xml").read_bytes())
        assert document["title"] == rss.feed.title == atom.feed.title
        assert [i["id"] for i in document["items"]] == [e.id for e in atom.entries] == [e.id for e in rss.entries]
        assert [i["title"] for i in document["items"]] == [e.title for e in atom.entries]
        for item, entry in zip(document["items"], atom.entries):
            assert item["url"] == entry.link
            assert item["content_html"].strip() == entry.content[0].value.strip()
            assert item["summary"] == entry.summary
            assert item["date_published"] == entry.published
    items = {i["title"]: i for i in json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]}
    pentagon = items["Pentagon to open ‘lines of communication’"]
    assert pentagon["external_url"] == "https://www.rt.com/"  # the original, as the front matter gives it
    assert pentagon["_digest"]["source"] == {"name": "RT", "home_page_url": "https://www.rt.com/"}
    assert pentagon["content_html"].endswith(
        '<p class="credit">Originally published by RT — <a href="https://www.rt.com/">read the original</a></p>\n')
    tram = items["Northgate tram line opens"]  # a source with a name only: credited, no external URL
    assert "external_url" not in tram and tram["_digest"]["source"] == {"name": "Northgate Wire"}
    budget = items["Budget vote delayed"]  # no source: no credit
    assert "external_url" not in budget and "_digest" not in budget and "Originally published" not in str(budget)
    assert [i.get("authors") for i in items.values()] == [[{"name": "A One"}, {"name": "B Two"}],
                                                          [{"name": "Ann Writer"}], None]


def test_json_feed_has_the_theme_icons(site):
    document = json.loads((site / "tags/syria/feed.json").read_text(encoding="utf-8"))
    assert document["icon"] == BASE + "static/feed-icon-512.png"
    assert document["favicon"] == BASE + "static/feed-icon.png"
    for url in (document["icon"], document["favicon"]):
        assert (site / url.removeprefix(BASE)).is_file()


def alternates(page: Path) -> dict[str, list[str]]:
    head = html.fromstring(page.read_bytes()).find("head")
    found: dict[str, list[str]] = {}
    for link in head.findall("link"):
        if link.get("rel") == "alternate":
            found.setdefault(link.get("type"), []).append(link.get("href"))
    return found


def site_file(site: Path, href: str) -> Path:
    """The file a root-relative or absolute link of the site names."""
    path = unquote(urlsplit(href).path).lstrip("/")
    return site / path


def test_every_page_head_announces_its_feeds_in_all_three_formats(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        found = alternates(page)
        assert set(found) == set(FORMATS), page
        for kind, name in FORMATS.items():
            assert found[kind][0] == "/" + name  # the site's feed first
            for href in found[kind]:
                assert site_file(site, href).is_file(), (page, href)
    # a group's page also announces the group's own feeds
    for folder in FEED_FOLDERS[1:]:
        found = alternates(site / folder / "index.html")
        assert found["application/feed+json"] == ["/feed.json", f"/{folder}feed.json"]
        assert found["application/atom+xml"] == ["/atom.xml", f"/{folder}atom.xml"]
        assert found["application/rss+xml"] == ["/feed.xml", f"/{folder}feed.xml"]


def test_the_footer_offers_the_json_feeds(site):
    footer = html.fromstring((site / "index.html").read_bytes()).find(".//footer")
    links = {(a.text_content(), a.get("href")) for a in footer.iter("a")}
    assert {("JSON Feed", "/feed.json"), ("JSON Feed", "/editions/feed.json")} <= links


def test_autodiscovery_follows_the_base_path(make_site, build_site):
    config = "title: T\nbase_url: https://me.example.io/digest/\n"
    root = make_site({"content/a.md": article("A story", "2015-01-02", tags=["x"])}, config=config)
    build_site(root)
    found = alternates(root / "site/tags/x/index.html")
    assert found["application/feed+json"] == ["/digest/feed.json", "/digest/tags/x/feed.json"]
    document = json.loads((root / "site/tags/x/feed.json").read_text(encoding="utf-8"))
    assert document["feed_url"] == "https://me.example.io/digest/tags/x/feed.json"
    assert errors(document) == []
