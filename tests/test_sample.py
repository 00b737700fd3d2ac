"""The shipped sample digest builds cleanly and shows what the README promises."""

from __future__ import annotations

from pathlib import Path

import feedparser
from lxml import html

from digest.build import build
from digest.config import load_config

REPO = Path(__file__).resolve().parent.parent
ICON_WORDS = ("bookmarkicon", "chevron", "icon", "trashicon", "sign inicon")


def build_sample(tmp_path):
    config = load_config(REPO, {"output_dir": str(tmp_path / "site")})
    return build(config), tmp_path / "site"


def test_sample_digest_builds_with_many_sources_tags_and_months(tmp_path):
    result, site = build_sample(tmp_path)
    assert len(result.site.entries) >= 16
    assert len(result.site.sources) >= 5
    assert len(result.site.tags) >= 10
    assert len(result.site.months) >= 4
    assert (site / "page/2/index.html").exists()
    assert all(not e.article.draft for e in result.site.entries)
    invented = [e for e in result.site.entries if e.article.sample]
    assert len(invented) == len(result.site.entries) - 1


def test_seed_article_is_clean(tmp_path):
    _, site = build_sample(tmp_path)
    page = html.fromstring((site / "2015/09/pentagon-to-open-lines-of-communication/index.html").read_bytes())
    title = "Pentagon to open ‘lines of communication’ with Russia over strikes in Syria"
    assert page.findtext(".//h1") == title
    body = page.xpath("//div[@class='story-body']")[0].text_content()
    assert title not in body
    assert body.strip().startswith("The US will open")
    assert body.strip().endswith("barrel bombs.")
    assert "READ MORE" not in body
    assert not any(word in body for word in ICON_WORDS)
    assert page.xpath("//time/@datetime")[0] == "2015-09-29T23:35:00+03:00"
    related = [li.text_content() for li in page.xpath("//aside[@class='related']//li")]
    assert related and "Putin meets Obama on UNGA sidelines" in related[0]


def test_sample_related_links_resolve_inside_the_digest(tmp_path):
    result, site = build_sample(tmp_path)
    internal = [(e.url, link) for e in result.site.entries for link in e.related if link.internal]
    assert len(internal) >= 5
    for _, link in internal:
        target = next(e for e in result.site.entries if e.article.path == link.target)
        assert (site / target.url.strip("/") / "index.html").exists()


def test_sample_feeds_read_cleanly(tmp_path):
    result, site = build_sample(tmp_path)
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((site / name).read_bytes())
        assert feed.bozo == 0
        assert len(feed.entries) == min(20, len(result.site.entries))
        dates = [e.published_parsed for e in feed.entries]
        assert dates == sorted(dates, reverse=True)
