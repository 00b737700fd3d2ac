"""news-sitemap.xml, the Google News sitemap: the window of two days up to the newest article, the
split past 1,000 URLs, robots.txt, and the same bytes whatever the clock says."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from lxml import etree

from conftest import article
from digest.build import build
from digest.config import load_config
from digest.sitemap import render_news_sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}
BASE = "https://news.example.net/"
CONFIG = ("title: Harbour & Hills Digest\nbase_url: https://news.example.net/\nlanguage: en-GB\ntimezone: Europe/Oslo\n"
          "permalink: /{slug}/\n")
# newest 2015-10-05 10:00 UTC: the window opens at 2015-10-03 10:00 UTC
WINDOW_SITE = {
    "content/newest.md": article("Ferry strike ends", "2015-10-05T12:00:00+02:00"),
    "content/yesterday.md": article("Cranes <tested> & trialled", "2015-10-04T09:00:00Z", language="de"),
    "content/edge.md": article("Exactly two days before", "2015-10-03T10:00:00Z"),
    "content/outside.md": article("A minute too early", "2015-10-03T09:59:00Z"),
    "content/older.md": article("Last week", "2015-09-28T10:00:00Z"),
    "content/draft.md": article("A draft", "2015-10-05T11:00:00Z", draft=True),
}


def urls(document: etree._Element) -> list[str]:
    return document.xpath("/s:urlset/s:url/s:loc/text()", namespaces=NS)


def test_the_news_sitemap_lists_the_two_days_up_to_the_newest_article(make_site, build_site):
    root = make_site(WINDOW_SITE, config=CONFIG)
    build_site(root)
    document = etree.parse(str(root / "site/news-sitemap.xml")).getroot()
    assert urls(document) == [BASE + "newest/", BASE + "yesterday/", BASE + "edge/"]
    first, second = document.xpath("/s:urlset/s:url", namespaces=NS)[:2]
    news = lambda url, path: url.xpath(f"news:news/{path}/text()", namespaces=NS)  # noqa: E731
    assert news(first, "news:publication/news:name") == ["Harbour & Hills Digest"]  # the site's title
    assert news(first, "news:publication/news:language") == ["en"]  # ISO 639, as Google News wants it
    assert news(second, "news:publication/news:language") == ["de"]  # the article's own language
    assert news(first, "news:publication_date") == ["2015-10-05T12:00:00+02:00"]
    assert news(second, "news:title") == ["Cranes <tested> & trialled"]
    for url in urls(document):
        assert (root / "site" / url.removeprefix(BASE) / "index.html").is_file()
    robots = (root / "site/robots.txt").read_text()
    assert robots.splitlines()[-2:] == [f"Sitemap: {BASE}sitemap.xml", f"Sitemap: {BASE}news-sitemap.xml"]


def test_the_window_comes_from_the_content_not_the_clock(make_site):
    root = make_site(WINDOW_SITE, config=CONFIG)
    outputs = []
    for now in (datetime(2016, 1, 1, tzinfo=timezone.utc), datetime(2030, 6, 1, tzinfo=timezone.utc)):
        result = build(load_config(root, {}), now=now, write=False)
        outputs.append({o.path: o.data for o in render_news_sitemap(result.site)})
    assert outputs[0] == outputs[1] and list(outputs[0]) == ["news-sitemap.xml"]


@pytest.mark.parametrize("count, files", [(5, 1), (6, 2), (13, 3)])
def test_past_the_limit_the_news_sitemap_is_an_index_of_numbered_files(make_site, build_site, count, files):
    # the limit is 1,000 URLs per file; the same code splits at 5 here
    content = {f"content/s{i:02d}.md": article(f"Story {i}", f"2015-10-05T{i:02d}:00:00Z") for i in range(count)}
    root = make_site(content, config=CONFIG)
    site = build_site(root).site
    outputs = {o.path: etree.fromstring(o.data) for o in render_news_sitemap(site, max_urls=5)}
    if files == 1:
        assert list(outputs) == ["news-sitemap.xml"] and len(urls(outputs["news-sitemap.xml"])) == count
        return
    names = [f"news-sitemap-{n}.xml" for n in range(1, files + 1)]
    assert list(outputs) == ["news-sitemap.xml", *names]
    index = outputs["news-sitemap.xml"]
    assert index.tag == "{%s}sitemapindex" % NS["s"]
    assert index.xpath("//s:loc/text()", namespaces=NS) == [BASE + name for name in names]
    listed = [url for name in names for url in urls(outputs[name])]
    assert all(len(urls(outputs[name])) <= 5 for name in names)
    assert listed == [BASE + f"s{i:02d}/" for i in reversed(range(count))]  # each once, newest first
    # the index names its files' newest publication date
    assert index.xpath("//s:lastmod/text()", namespaces=NS)[0] == f"2015-10-05T{count - 1:02d}:00:00+00:00"


def test_a_real_build_splits_past_1000_articles_in_the_window(make_site, build_site):
    content = {f"content/s{i:04d}.md": f"---\ntitle: Story {i}\ndate: 2015-10-05T10:{i // 60 % 60:02d}:{i % 60:02d}Z\n---\n"
               for i in range(1001)}
    root = make_site(content, config=CONFIG + "per_page: 1000\nfeed_size: 1\nrelated_count: 0\neditions: off\n")
    build_site(root)
    index = etree.parse(str(root / "site/news-sitemap.xml")).getroot()
    assert index.xpath("//s:loc/text()", namespaces=NS) == [BASE + "news-sitemap-1.xml", BASE + "news-sitemap-2.xml"]
    sizes = [len(urls(etree.parse(str(root / "site" / f"news-sitemap-{n}.xml")).getroot())) for n in (1, 2)]
    assert sizes == [1000, 1]


def test_no_articles_no_news_sitemap(make_site, build_site):
    root = make_site({"content/draft.md": article("A draft", "2015-10-05", draft=True)}, config=CONFIG)
    build_site(root)
    assert not (root / "site/news-sitemap.xml").exists()
    assert "news-sitemap" not in (root / "site/robots.txt").read_text()


@pytest.mark.parametrize("tag, code", [("en", "en"), ("en-GB", "en"), ("PT-br", "pt"), ("zh-Hans", "zh-cn"),
                                       ("zh-CN", "zh-cn"), ("zh-Hant-TW", "zh-tw"), ("zh-HK", "zh-tw"), ("fil", "fil")])
def test_languages_are_written_as_google_news_codes(tag, code):
    from digest.sitemap import news_language

    assert news_language(tag) == code
