"""Property tests (Hypothesis): any Unicode in any field gives a located error or a site whose
pages and feeds parse; slugs are always safe path parts; the text-dump importer either reads a
page or says why.  DIGEST_FUZZ_EXAMPLES raises the number of examples for a long run."""

from __future__ import annotations

import io
import json
import os
import re
from datetime import timezone
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.cli import main
from digest.content import ContentFile, Parsed, parse_article
from digest.importer.context import ReadContext
from digest.importer.article import ExtractionError
from digest.importer.textdump import read_text_dump
from digest.slug import slugify

EXAMPLES = int(os.environ.get("DIGEST_FUZZ_EXAMPLES", "0"))
LOCATED = re.compile(r"^\S.*?:\d+(:\d+)?: (error|warning): .+|^\S+: (error|warning): .+|^digest: \d+ errors?; nothing was written$")
PIECES = st.sampled_from(["\x00", "\x07", "\x1b", "\ufffe", "\u202e", "<script>", "]]>", "&amp;", "{{ x }}",
                          "{% raw %}", "---", "\n", "\t", " ", "é", "中", "🙂"])
ANY_TEXT = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8) | PIECES,
                    max_size=8).map("".join)


def fast(n: int):
    return settings(max_examples=EXAMPLES or n, deadline=None, suppress_health_check=list(HealthCheck))


@fast(300)
@given(title=ANY_TEXT, summary=ANY_TEXT, author=ANY_TEXT, tag=ANY_TEXT, source=ANY_TEXT, body=ANY_TEXT)
def test_front_matter_gives_an_article_or_located_errors(tmp_path_factory, title, summary, author, tag, source, body):
    text = "---\n" + yaml.safe_dump({"title": title, "date": "2025-03-01T09:00:00+00:00", "summary": summary,
                                     "author": author, "tags": [tag],
                                     "source": {"name": source}},
                                    allow_unicode=True) + "---\n" + body
    folder = tmp_path_factory.mktemp("fm")
    path = folder / "a.md"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    stat = path.stat()
    result = parse_article(ContentFile("a.md", path, stat.st_size, stat.st_mtime_ns), "a.md", timezone.utc)
    if isinstance(result, Parsed):
        assert result.article.title.strip()
    else:
        assert result and all(d.location.path == "a.md" and d.location.line for d in result), result


@fast(2000)
@given(st.text())
def test_a_slug_is_always_a_safe_path_part(text):
    slug = slugify(text)
    assert slug == slug.strip("-")
    assert "/" not in slug and "\\" not in slug and "\x00" not in slug and "." not in slug
    assert re.fullmatch(r"[\w-]*", slug)
    assert slugify(slug) == slug


@fast(150)
@given(st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120), max_size=40))
def test_the_text_dump_importer_reads_or_says_why(lines):
    ctx = ReadContext(origin="fuzz.txt", sha256="0" * 64, timezone=timezone.utc)
    try:
        article = read_text_dump("\n".join(lines), ctx)
    except ExtractionError as exc:
        assert str(exc)
    else:
        assert article.title is None or "\n" not in article.title


@fast(25)
@given(title=ANY_TEXT, summary=ANY_TEXT, author=ANY_TEXT, tag=ANY_TEXT, source=ANY_TEXT, path=ANY_TEXT,
       body=ANY_TEXT)
def test_any_text_in_any_field_builds_a_parseable_site_or_is_a_located_error(
        make_site, title, summary, author, tag, source, path, body):
    text = "---\n" + yaml.safe_dump({"title": title, "date": "2025-03-01T09:00:00+00:00", "summary": summary,
                                     "author": author, "tags": [tag],
                                     "source": {"name": source, "url": "https://news.example/" + path}},
                                    allow_unicode=True) + "---\n" + body
    root = make_site({})
    article = root / "content/2025/03/fuzz.md"
    article.parent.mkdir(parents=True, exist_ok=True)
    article.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["build", "--root", str(root), "--clean", "-q"], out, err)
    if code != 0:
        assert code == 1
        lines = err.getvalue().splitlines()
        assert lines and all(LOCATED.match(line) for line in lines), lines
        return
    site = root / "site"
    for feed in [*site.rglob("feed.xml"), *site.rglob("atom.xml")]:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.bozo_exception)
        lxml.etree.fromstring(feed.read_bytes())
    for feed in site.rglob("feed.json"):
        assert json.loads(feed.read_bytes())["version"] == "https://jsonfeed.org/version/1.1"
    for sitemap in site.glob("*sitemap*.xml"):
        lxml.etree.fromstring(sitemap.read_bytes())
    for page in site.rglob("*.html"):
        tree = lxml.html.fromstring(page.read_bytes())
        for script in tree.xpath('//script[@type="application/ld+json"]'):
            json.loads(script.text)  # whole: no title can end the script early
    assert (site / "2025/03/fuzz/index.html").exists()
