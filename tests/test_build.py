"""Building a small site in tmp_path: what is written, where, and what the pages say."""

from __future__ import annotations

import re

import pytest
from lxml import etree, html

from conftest import NOW, SMALL_SITE, article, snapshot
from digest.cache import BuildCache

EXPECTED_FILES = {
    ".digest-manifest", "404.html", "index.html", "page/2/index.html", "feed.xml", "atom.xml", "feed.json",
    "sitemap.xml", "news-sitemap.xml", "robots.txt", "static/favicon.svg", "static/style.css", "static/feed-icon.png",
    "static/feed-icon-512.png",
    "2015/09/pentagon/index.html", "2015/08/tram/index.html", "2015/10/budget/index.html",
    "tags/index.html", "tags/syria/index.html", "tags/military/index.html", "tags/transport/index.html",
    "tags/politics/index.html",
    "sources/index.html", "sources/rt/index.html", "sources/northgate-wire/index.html",
    "archive/index.html", "archive/2015/index.html", "archive/2015/page/2/index.html",
    "archive/2015/08/index.html", "archive/2015/09/index.html", "archive/2015/10/index.html",
    "authors/index.html", "authors/ann-writer/index.html", "authors/a-one/index.html", "authors/b-two/index.html",
    "editions/index.html", "editions/2015-08-14/index.html", "editions/2015-09-29/index.html",
    "editions/2015-10-02/index.html",
} | {f"{folder}/{name}" for name in ("feed.xml", "atom.xml", "feed.json") for folder in (
    "tags/syria", "tags/military", "tags/transport", "tags/politics", "sources/rt", "sources/northgate-wire",
    "authors/ann-writer", "authors/a-one", "authors/b-two", "editions")}


def test_golden_site_has_exactly_the_expected_files(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    assert set(snapshot(root / "site")) == EXPECTED_FILES


def test_article_page_shows_source_author_date_tags_and_related(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    page = html.fromstring((root / "site/2015/09/pentagon/index.html").read_bytes())
    assert page.findtext(".//h1") == "Pentagon to open ‘lines of communication’"
    assert page.xpath("//time/@datetime")[0] == "2015-09-29T23:35:00+03:00"
    assert page.xpath("//time")[0].text == "29 September 2015, 21:35 BST"  # shown in the site's zone
    assert "Ann Writer" in page.text_content()
    assert page.xpath("//a[text()='Read the original']/@href") == ["https://www.rt.com/"]
    assert page.xpath("//ul[@class='tags']//a/@href") == ["/tags/syria/", "/tags/military/"]
    related = page.xpath("//aside[@class='related']//li")
    assert [li.text_content().strip() for li in related] == [
        "Northgate tram line opens", "Elsewhere (external)", "Unknown story (not in this digest)"]
    assert related[0].xpath(".//a/@href") == ["/2015/08/tram/"]
    assert related[1].xpath(".//a/@href") == ["https://other.example/x"]
    assert page.xpath("//link[@rel='canonical']/@href") == ["https://news.example.net/2015/09/pentagon/"]


def test_date_without_offset_takes_the_site_timezone(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    page = html.fromstring((root / "site/2015/10/budget/index.html").read_bytes())
    assert page.xpath("//time/@datetime")[0] == "2015-10-02T18:00:00+01:00"
    assert page.xpath("//time")[0].text == "2 October 2015, 18:00 BST"


def test_home_page_is_paginated_newest_first(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    first = html.fromstring((root / "site/index.html").read_bytes())
    second = html.fromstring((root / "site/page/2/index.html").read_bytes())
    titles = [a.text for a in first.xpath("//main//h2/a")] + [a.text for a in second.xpath("//main//h2/a")]
    assert titles == ["Budget vote delayed", "Pentagon to open ‘lines of communication’", "Northgate tram line opens"]
    assert first.xpath("//a[@rel='next']/@href") == ["/page/2/"]
    assert second.xpath("//a[@rel='prev']/@href") == ["/"]


def test_tags_are_normalised_and_shared(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    page = html.fromstring((root / "site/tags/syria/index.html").read_bytes())
    assert [a.text for a in page.xpath("//main//h2/a")] == ["Budget vote delayed",
                                                            "Pentagon to open ‘lines of communication’"]
    index = html.fromstring((root / "site/tags/index.html").read_bytes())
    # `Syria` and `syria` are one topic, named by the first spelling in sort order (one article each)
    assert [a.text for a in index.xpath("//ul[@class='terms']//a")] == ["military", "politics", "Syria", "transport"]


def test_markdown_features_and_summary(make_site, build_site):
    body = ("First paragraph with *emphasis*.\n\n## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            "Claim.[^1]\n\n[^1]: The note.\n")
    root = make_site({"content/x.md": article("Features", "2015-01-01", body)})
    result = build_site(root)
    page = html.fromstring((root / "site/2015/01/x/index.html").read_bytes())
    assert page.xpath("//div[@class='story-body']//h2/@id") == ["a-heading"]
    assert page.xpath("//div[@class='story-body']//table//td/text()") == ["1", "2"]
    assert page.xpath("//div[@class='story-body']//section[@class='footnotes']//li/@id") == ["fn1"]
    assert result.site.entries[0].rendered.summary == "First paragraph with emphasis."
    assert page.xpath("//meta[@name='description']/@content") == ["First paragraph with emphasis."]


def test_scraped_markup_stays_inert_text(make_site, build_site):
    body = "Hello <script>alert(1)</script> and {{ site.title }} and {% raw %}.\n\n<b>bold?</b>\n"
    root = make_site({"content/x.md": article("Inert <i>title</i>", "2015-01-01", body)})
    build_site(root)
    text = (root / "site/2015/01/x/index.html").read_text()
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "{{ site.title }}" in text and "{% raw %}" in text
    assert "&lt;b&gt;bold?&lt;/b&gt;" in text
    assert "Inert &lt;i&gt;title&lt;/i&gt;" in text


def test_drafts_and_future_articles_are_left_out_unless_asked(make_site, build_site):
    files = dict(SMALL_SITE)
    files["content/draft.md"] = article("A draft", "2015-01-01", draft=True)
    files["content/future.md"] = article("From the future", "2030-01-01T00:00:00Z")
    root = make_site(files)
    titles = {e.article.title for e in build_site(root).site.entries}
    assert "A draft" not in titles and "From the future" not in titles
    assert not (root / "site/2015/01/draft").exists()
    titles = {e.article.title for e in build_site(root, drafts=True, future=True).site.entries}
    assert {"A draft", "From the future"} <= titles
    assert (root / "site/2015/01/draft/index.html").exists()


def test_second_build_is_byte_identical_and_writes_nothing(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    first = snapshot(root / "site")
    result = build_site(root)
    assert snapshot(root / "site") == first
    assert result.report.written == ()
    assert len(result.report.unchanged) == len(first) - 1  # all but the manifest


def test_failing_build_leaves_site_untouched(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    before = snapshot(root / "site")
    mtimes = {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")}
    (root / "content/2015/10/budget.md").write_text("---\ntitle: Broken\ndate: [\n---\nBody\n")
    (root / "content/new.md").write_text(article("New", "2015-11-01"))
    with pytest.raises(Exception) as info:
        build_site(root)
    assert "budget.md:3" in str(info.value)
    assert snapshot(root / "site") == before
    assert {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")} == mtimes


def test_stale_outputs_are_removed_but_foreign_files_kept(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    (root / "site/CNAME").write_text("news.example.net\n")
    (root / "content/2015/08/tram.md").unlink()
    result = build_site(root)
    assert "2015/08/tram/index.html" in result.report.removed
    assert not (root / "site/2015/08/tram").exists()
    assert not (root / "site/sources/northgate-wire").exists()
    assert (root / "site/CNAME").read_text() == "news.example.net\n"


def test_two_articles_claiming_one_url_is_an_error_naming_both(make_site, build_site):
    root = make_site({
        "content/a/same.md": article("One", "2015-09-01"),
        "content/b/same.md": article("Two", "2015-09-02"),
    })
    with pytest.raises(Exception) as info:
        build_site(root)
    assert str(info.value) == (
        f"{root}/content/a/same.md:1:1: error: URL /2015/09/same/ is already taken by {root}/content/b/same.md"
        " (hint: give one of them a different 'slug')")
    assert not (root / "site").exists()


def test_output_folder_may_not_be_the_content_folder(make_site, build_site):
    root = make_site(SMALL_SITE)
    with pytest.raises(Exception) as info:
        build_site(root, output_dir="content")
    assert "would overwrite" in str(info.value)
    assert (root / "content/2015/09/pentagon.md").exists()


def test_base_url_with_sub_path_prefixes_every_link(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root, base_url="https://user.example.io/digest/")
    page = (root / "site/2015/09/pentagon/index.html").read_text()
    hrefs = re.findall(r'href="([^"]+)"', page)
    local = [h for h in hrefs if h.startswith("/")]
    assert local and all(h.startswith("/digest/") for h in local)
    assert '<a href="/digest/2015/08/tram/">the tram story</a>' in page


def test_every_page_is_well_formed_html(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    parser = etree.HTMLParser(recover=False)
    pages = list((root / "site").rglob("*.html"))
    assert len(pages) == len([f for f in EXPECTED_FILES if f.endswith('.html')]) == 28
    for path in pages:
        etree.fromstring(path.read_bytes(), parser)


def test_incremental_rebuild_reparses_only_the_changed_file_and_equals_a_clean_build(make_site, build_site, tmp_path):
    root = make_site(SMALL_SITE)
    cache = BuildCache()
    build_site(root, cache=cache)
    path = root / "content/2015/08/tram.md"
    path.write_text(path.read_text().replace("Trams run.", "Trams run all night."))
    result = build_site(root, cache=cache)
    assert (result.parsed, result.rendered) == (1, 1)
    assert set(result.report.written) == {
        "2015/08/tram/index.html", "feed.xml", "atom.xml", "feed.json", "tags/transport/feed.xml",
        "tags/transport/atom.xml", "tags/transport/feed.json", "sources/northgate-wire/feed.xml",
        "sources/northgate-wire/atom.xml", "sources/northgate-wire/feed.json"}
    incremental = snapshot(root / "site")
    clean_root = tmp_path / "clean"
    clean_root.mkdir()
    for name in ("digest.yaml", "content", "templates"):
        src = root / name
        (clean_root / name).write_bytes(src.read_bytes()) if src.is_file() else \
            __import__("shutil").copytree(src, clean_root / name)
    build_site(clean_root)
    assert snapshot(clean_root / "site") == incremental


def test_build_time_does_not_leak_into_output(make_site, build_site):
    root = make_site(SMALL_SITE)
    build_site(root)
    for path in (root / "site").rglob("*"):
        if path.is_file():
            assert str(NOW.year) not in path.read_text(errors="replace"), path


def test_large_sites_get_a_sitemap_index(make_site, build_site):
    from digest.sitemap import render_sitemap

    root = make_site(SMALL_SITE)
    site = build_site(root).site
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    single = etree.fromstring((root / "site/sitemap.xml").read_bytes()).xpath("//s:loc/text()", namespaces=ns)
    assert 20 < len(single) <= 30
    files = {o.path: o.data for o in render_sitemap(site, max_urls=10)}
    assert sorted(files) == ["news-sitemap.xml", "robots.txt", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml",
                             "sitemap.xml"]
    index = etree.fromstring(files["sitemap.xml"])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert index.xpath("//s:loc/text()", namespaces=ns) == [
        f"https://news.example.net/sitemap-{n}.xml" for n in (1, 2, 3)]
    chunks = [etree.fromstring(files[f"sitemap-{n}.xml"]).xpath("//s:loc/text()", namespaces=ns) for n in (1, 2, 3)]
    assert [len(c) for c in chunks[:2]] == [10, 10]
    assert chunks[0] + chunks[1] + chunks[2] == single


def test_an_article_page_declares_the_article_language_and_lists_keep_the_site_language(make_site, build_site):
    files = dict(SMALL_SITE)
    files["content/2015/01/de.md"] = article("Brücke wieder offen", "2015-01-02", "Die Brücke ist wieder offen.\n",
                                             language="de")
    root = make_site(files)
    build_site(root)
    assert '<html lang="de">' in (root / "site/2015/01/de/index.html").read_text()
    assert '<html lang="en">' in (root / "site/index.html").read_text()
