"""Structured data in built pages: Open Graph and Twitter meta tags and schema.org JSON-LD
(NewsArticle, CollectionPage/ItemList, BreadcrumbList), read back with lxml and json as a crawler
would."""

from __future__ import annotations

import io
import json
import shutil
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from conftest import CONFIG, article, clean_copy, snapshot
from digest.cli import main

BASE = "https://news.example.net/digest/"  # a base path, so a URL made absolute twice shows
SITE_CONFIG = CONFIG.replace("https://news.example.net/", BASE) + "editions: weekly\n"
HOSTILE = 'Crisis </script><script>alert(1)</script> & the "quoted" <b>minister</b>\'s reply'
SHOWN = HOSTILE.replace('"quoted"', "“quoted”")  # titles and summaries get the body's typography (curly quotes)

FILES = {
    "content/2015/09/pentagon.md": article(
        "Pentagon to open ‘lines of communication’", "2015-09-29T23:35:00+03:00", "The US will open lines.\n",
        author=["Ann Writer", "Bo Reporter"], source={"name": "RT", "url": "https://www.rt.com/news/316727/"},
        tags=["Syria", "military"], summary="Talks begin.", image="/img/pentagon.jpg",
        updated="2015-09-30T08:00:00+03:00"),
    "content/2015/09/wire.md": article(
        "Harbour strike ends", "2015-09-20T10:00:00+02:00", "Ferries run.\n",
        source={"name": "Northgate Wire", "url": "https://wire.example/harbour"}, tags=["transport"]),
    "content/2015/09/plain.md": article("A note from the editors", "2015-09-10", "Nothing else.\n",
                                        image="javascript:alert(1)"),
    "content/2015/09/hostile.md": article(
        HOSTILE, "2015-09-05T12:00:00Z", "Body.\n", tags=["politics", "Syria"], summary=HOSTILE,
        source={"name": "Outlet </script>", "url": "https://outlet.example/a?x=1&y=</script>"},
        image="https://cdn.example/p.jpg"),
}


def cli_build(root: Path) -> None:
    err = io.StringIO()
    assert main(["build", "--root", str(root), "-q"], io.StringIO(), err) == 0, err.getvalue()


class Page:
    """A built page's head as crawlers read it."""

    def __init__(self, path: Path) -> None:
        self.raw = path.read_text(encoding="utf-8")
        self.doc = lxml.html.fromstring(self.raw)
        self.scripts = self.doc.xpath("//script")
        self.ld = [json.loads(script.text) for script in self.doc.xpath('//script[@type="application/ld+json"]')]
        self.meta: dict[str, list[str]] = {}
        for meta in self.doc.xpath("//head/meta[@property or @name]"):
            self.meta.setdefault(meta.get("property") or meta.get("name"), []).append(meta.get("content"))

    def one(self, kind: str) -> dict:
        found = [data for data in self.ld if data["@type"] == kind]
        assert len(found) == 1, (kind, self.ld)
        assert found[0]["@context"] == "https://schema.org"
        return found[0]

    def og(self, name: str) -> str:
        values = self.meta.get(name, [])
        assert len(values) == 1, (name, values)
        return values[0]

    @property
    def canonical(self) -> str:
        return self.doc.xpath('//link[@rel="canonical"]/@href')[0]

    def topics(self) -> list[tuple[str, str]]:
        """The article's topics as its page shows them (display names): (name, absolute URL)."""
        links = self.doc.xpath('//main//ul[@class="tags"]/li/a')
        return [(link.text_content(), urljoin(BASE, link.get("href"))) for link in links]

    def article_links(self) -> list[tuple[str, str]]:
        """The articles the page lists, in page order: (title, absolute URL)."""
        links = self.doc.xpath('//main//*[contains(@class, "lead-title") or contains(@class, "card-title")]/a')
        return [(link.text_content(), urljoin(BASE, link.get("href"))) for link in links]


def urls_in(value: object) -> list[str]:
    """Every URL-valued field in a JSON-LD value."""
    if isinstance(value, dict):
        return [v for k, v in value.items() if k in ("url", "item", "@id", "isBasedOn") and isinstance(v, str)] + \
            [u for v in value.values() for u in urls_in(v)]
    if isinstance(value, list):
        return [u for v in value for u in urls_in(v)]
    return []


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("structured")
    (root / "digest.yaml").write_text(SITE_CONFIG, encoding="utf-8")
    shutil.copytree(Path(__file__).resolve().parent.parent / "templates", root / "templates")
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    cli_build(root)
    return root / "site"


def test_an_article_with_a_byline_is_a_news_article_by_its_people(site):
    page = Page(site / "2015/09/pentagon/index.html")
    url = BASE + "2015/09/pentagon/"
    assert page.canonical == url
    news = page.one("NewsArticle")
    assert news["headline"] == "Pentagon to open ‘lines of communication’"
    assert news["url"] == url and news["mainEntityOfPage"]["@id"] == url
    published = datetime.fromisoformat(news["datePublished"])
    assert published == datetime.fromisoformat("2015-09-29T23:35:00+03:00")
    assert published.utcoffset().total_seconds() == 3 * 3600  # the article's own offset, not UTC
    assert news["dateModified"] == "2015-09-30T08:00:00+03:00"
    assert news["author"] == [{"@type": "Person", "name": "Ann Writer", "url": BASE + "authors/ann-writer/"},
                              {"@type": "Person", "name": "Bo Reporter", "url": BASE + "authors/bo-reporter/"}]
    assert news["publisher"] == {"@type": "Organization", "name": "Test Digest", "url": BASE,
                                 "logo": {"@type": "ImageObject", "url": BASE + "static/favicon.svg"}}
    assert news["isBasedOn"] == "https://www.rt.com/news/316727/"
    assert news["image"] == [BASE + "img/pentagon.jpg"]
    assert news["inLanguage"] == "en"
    topics = page.topics()  # display names: the case as the curator wrote them, once the theme shows it
    assert [name.lower() for name, _ in topics] == ["syria", "military"]
    assert [url for _, url in topics] == [BASE + "tags/syria/", BASE + "tags/military/"]
    assert news["articleSection"] == topics[0][0] and news["keywords"] == [name for name, _ in topics]
    assert news["description"] == "Talks begin."
    assert all(u.startswith("https://") for u in urls_in(page.ld)), urls_in(page.ld)

    crumbs = page.one("BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Test Digest", BASE), (2, *topics[0]),
        (3, "Pentagon to open ‘lines of communication’", url)]

    assert page.og("og:type") == "article"
    assert page.og("og:title") == "Pentagon to open ‘lines of communication’"
    assert page.og("og:url") == url
    assert page.og("og:description") == "Talks begin."
    assert page.og("og:site_name") == "Test Digest"
    assert page.og("og:image") == BASE + "img/pentagon.jpg"
    assert page.og("article:published_time") == "2015-09-29T23:35:00+03:00"
    assert page.og("article:modified_time") == "2015-09-30T08:00:00+03:00"
    assert page.og("article:section") == topics[0][0]
    assert page.meta["article:tag"] == [name for name, _ in topics]
    assert page.og("twitter:card") == "summary_large_image"
    assert "og:locale" not in page.meta  # "en" names no territory


def test_without_a_byline_the_outlet_is_the_author_and_without_either_there_is_none(site):
    wire = Page(site / "2015/09/wire/index.html")
    news = wire.one("NewsArticle")
    assert news["author"] == [{"@type": "Organization", "name": "Northgate Wire",
                               "url": BASE + "sources/northgate-wire/"}]
    assert news["isBasedOn"] == "https://wire.example/harbour"
    assert news["dateModified"] == news["datePublished"] == "2015-09-20T10:00:00+02:00"
    assert "image" not in news and "og:image" not in wire.meta
    assert wire.og("twitter:card") == "summary"
    assert wire.og("article:modified_time") == "2015-09-20T10:00:00+02:00"

    plain = Page(site / "2015/09/plain/index.html")
    news = plain.one("NewsArticle")
    assert "author" not in news and "isBasedOn" not in news and "articleSection" not in news
    # a date without a time is midnight in the site's zone (London, summer time)
    assert news["datePublished"] == "2015-09-10T00:00:00+01:00"
    assert "article:section" not in plain.meta and "article:tag" not in plain.meta
    assert "image" not in news and "og:image" not in plain.meta  # only http(s) images
    crumbs = plain.one("BreadcrumbList")["itemListElement"]
    assert [c["item"] for c in crumbs] == [BASE, BASE + "2015/09/plain/"]


def test_a_hostile_title_stays_inside_its_json_and_its_attributes(site):
    page = Page(site / "2015/09/hostile/index.html")
    assert "</script><script>alert(1)" not in page.raw
    assert "<b>minister</b>" not in page.raw
    # every script in the page is one of ours and parses as JSON
    assert len(page.scripts) == len(page.ld) == 2
    news = page.one("NewsArticle")
    assert news["headline"] == SHOWN
    assert news["description"] == SHOWN
    assert news["isBasedOn"] == "https://outlet.example/a?x=1&y=%3C/script%3E"  # a URI, as given but valid
    assert news["author"][0]["name"] == "Outlet </script>"
    assert news["image"] == ["https://cdn.example/p.jpg"]
    assert page.og("og:title") == SHOWN and page.og("og:description") == SHOWN
    assert page.one("BreadcrumbList")["itemListElement"][-1]["name"] == SHOWN
    # on the lists that show it too
    home = Page(site / "index.html")
    names = [item["name"] for item in home.one("CollectionPage")["mainEntity"]["itemListElement"]]
    assert SHOWN in names + [item["name"] for item in Page(site / "page/2/index.html")
                             .one("CollectionPage")["mainEntity"]["itemListElement"]]


LISTS = ["index.html", "page/2/index.html", "tags/syria/index.html", "sources/rt/index.html",
         "authors/ann-writer/index.html", "archive/2015/index.html", "archive/2015/09/index.html"]


@pytest.mark.parametrize("path", LISTS)
def test_list_pages_are_collections_of_the_articles_they_link(site, path):
    page = Page(site / path)
    links = page.article_links()
    assert links, path
    collection = page.one("CollectionPage")
    assert collection["url"] == page.canonical
    items = collection["mainEntity"]["itemListElement"]
    assert collection["mainEntity"]["numberOfItems"] == len(items)
    assert [(i["position"], i["name"], i["url"]) for i in items] == \
        [(n, name, url) for n, (name, url) in enumerate(links, 1)]
    assert page.og("og:type") == "website"
    assert page.og("og:url") == page.canonical
    assert page.og("og:title") == page.doc.xpath("//title")[0].text_content().split(" · ")[0]
    assert page.og("og:site_name") == "Test Digest"
    assert "article:published_time" not in page.meta


def test_an_edition_lists_its_articles_in_section_order(site):
    editions = sorted(p for p in (site / "editions").iterdir() if p.name[:1].isdigit())
    assert editions
    for folder in editions:
        page = Page(folder / "index.html")
        items = page.one("CollectionPage")["mainEntity"]["itemListElement"]
        assert [(i["name"], i["url"]) for i in items] == page.article_links()
        crumbs = page.one("BreadcrumbList")["itemListElement"]
        assert [(c["name"], c["item"]) for c in crumbs] == [
            ("Test Digest", BASE), ("Editions", BASE + "editions/"),
            (page.doc.xpath("//title")[0].text_content().split(" · ")[0], page.canonical)]


def test_group_pages_and_indexes_have_breadcrumbs_and_the_home_page_none(site):
    tag = Page(site / "tags/syria/index.html")
    crumbs = tag.one("BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Test Digest", BASE), (2, "Topics", BASE + "tags/"), (3, tag.doc.xpath("//h1")[0].text_content(), BASE + "tags/syria/")]
    assert crumbs[2]["name"].lower() == "articles tagged “syria”"
    source = Page(site / "sources/northgate-wire/index.html")
    assert [c["item"] for c in source.one("BreadcrumbList")["itemListElement"]] == [
        BASE, BASE + "sources/", BASE + "sources/northgate-wire/"]
    index = Page(site / "tags/index.html")
    assert [c["item"] for c in index.one("BreadcrumbList")["itemListElement"]] == [BASE, BASE + "tags/"]
    terms = [(i["name"], i["url"]) for i in index.one("CollectionPage")["mainEntity"]["itemListElement"]]
    shown = [(a.text_content(), urljoin(BASE, a.get("href"))) for a in index.doc.xpath("//main//a")]
    assert terms == [link for link in shown if link[1].startswith(BASE + "tags/") and link[1] != BASE + "tags/"]
    assert len(terms) == 4
    home = Page(site / "index.html")
    assert not [d for d in home.ld if d["@type"] == "BreadcrumbList"]
    assert home.one("WebSite")["url"] == BASE
    assert home.og("og:title") == "Test Digest" and home.og("og:description") == "A digest for tests."
    missing = Page(site / "404.html")  # not to be indexed: nothing to describe
    assert missing.ld == [] and "og:type" not in missing.meta


def test_an_author_change_reaches_the_json_ld_of_an_incremental_build(make_site, tmp_path):
    root = make_site(FILES, config=SITE_CONFIG)
    cli_build(root)
    path = root / "content/2015/09/wire.md"
    path.write_text(path.read_text().replace("tags:", "author: Cy Newman\ntags:"))
    cli_build(root)
    news = Page(root / "site/2015/09/wire/index.html").one("NewsArticle")
    assert news["author"] == [{"@type": "Person", "name": "Cy Newman", "url": BASE + "authors/cy-newman/"}]
    assert snapshot(root / "site") == snapshot(clean_copy(root, tmp_path) / "site")


def test_a_regional_language_gives_an_open_graph_locale_and_a_relative_image_is_the_pages(make_site, build_site):
    root = make_site({"content/a.md": article("A story", "2015-09-05T12:00:00Z", language="de-AT",
                                              image="photos/a b.jpg")},
                     config=CONFIG.replace("language: en", "language: en-GB"))
    build_site(root)
    story = Page(root / "site/2015/09/a/index.html")
    assert story.og("og:locale") == "de_AT"
    assert story.og("og:image") == "https://news.example.net/2015/09/a/photos/a%20b.jpg"
    assert story.one("NewsArticle")["image"] == [story.og("og:image")]
    assert story.one("NewsArticle")["inLanguage"] == "de-AT"
    assert Page(root / "site/index.html").og("og:locale") == "en_GB"
