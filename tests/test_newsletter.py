"""Editions as e-mail (newsletter.py, templates/email/): read as a mail client and a reader would --
lxml for the HTML, the text line by line, feedparser for the editions feed, the real CLI."""

from __future__ import annotations

import io
import re
import shutil
import tomllib
from pathlib import Path

import feedparser
from lxml import html as lxml_html

from conftest import CONFIG, NOW, REPO, SMALL_SITE, article, snapshot
from digest.build import build
from digest.cli import main
from digest.config import load_config
from digest.newsletter import EMAIL_LIMIT, html_text

EMAIL_CONFIG = CONFIG + "editions_email: true\n"
INTRO = """---
title: Budget week
---
The vote was *delayed*; see [the tram story](/2015/08/tram/) and [the outlet](https://www.rt.com/).[^1]

![](/static/chart.png)

[^1]: A footnote.
"""
SITE = {**SMALL_SITE, "content/editions/2015-10-02.md": INTRO,
        "content/2015/10/picture.md": article(
            "Harbour cranes tested by remote control in a trial lasting well over the usual single afternoon",
            "2015-10-02T09:00:00+01:00", "Cranes.\n", image="/static/cranes.jpg", tags=["ports"],
            source={"name": "The Extraordinarily Long-Named Harbour and Shipping Gazette of Brennhaven",
                    "url": "https://gazette.example/2015/10/02/cranes-remote-control-trial-harbour"},
            summary="Two cranes were driven from an office three kilometres away; " * 4)}
URL = re.compile(r"https?://\S+")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def check_mail_ready(data: bytes) -> lxml_html.HtmlElement:
    """What every e-mail HTML must be; returns the parsed document."""
    assert len(data) < EMAIL_LIMIT <= 100_000
    doc = lxml_html.document_fromstring(data)
    assert not doc.xpath("//script") and not doc.xpath("//@*[starts-with(name(), 'on')]")
    assert not doc.xpath("//link[contains(@rel, 'stylesheet')]") and not doc.xpath("//link")
    for url in doc.xpath("//@href | //@src"):
        assert url.startswith(("https://", "http://")), url
    for img in doc.xpath("//img"):
        assert img.get("alt") is not None, lxml_html.tostring(img)
    # layout is inline: what is left in <style> is @media rules only (progressive enhancement)
    for style in doc.xpath("//style"):
        assert re.fullmatch(r"\s*(@media[^{]*\{(\s*[^{}]*\{[^{}]*\})*\s*\}\s*)*", style.text or ""), style.text
    container = doc.xpath("//table[@width='600']")
    assert container and "width:600px" in container[0].get("style").replace(" ", "")
    assert doc.xpath("//body")[0].get("style")
    return doc


def check_text(text: str) -> None:
    for line in text.splitlines():
        if len(line) > 78:  # only a URL may be longer, alone on its line
            assert URL.fullmatch(line.strip().strip("<>")), line


def test_built_editions_are_mail_ready_html_and_text(make_site, build_site):
    root = make_site(SITE, config=EMAIL_CONFIG)
    result = build_site(root)
    days = sorted(e.slug for e in result.site.editions)
    assert days == ["2015-08-14", "2015-09-29", "2015-10-02"]
    for edition in result.site.editions:
        folder = root / "site/editions" / edition.slug
        doc = check_mail_ready((folder / "email.html").read_bytes())
        text = (folder / "email.txt").read_text(encoding="utf-8")
        check_text(text)
        page = f"https://news.example.net/editions/{edition.slug}/"
        assert page in doc.xpath("//a/@href") and page in text.splitlines()
        assert "https://news.example.net/editions/feed.xml" in doc.xpath("//a/@href")
        for entry in edition.entries:
            title = entry.article.title
            url = f"https://news.example.net{entry.url}"
            assert doc.xpath("//h3/a[@href=$url]/text()", url=url) == [title]
            assert url in [line.strip() for line in text.splitlines()]
            assert " ".join(text.split()).count(title) == 1
            source = entry.article.source
            if source:
                credit = " ".join(doc.xpath("//p[contains(., $name)]", name=source.name)[0].text_content().split())
                if source.url:
                    assert f"Originally published by {source.name} — read the original" in credit
                    assert source.url in doc.xpath("//a[. = 'read the original']/@href")
                    assert source.url in [line.strip() for line in text.splitlines()]
                else:
                    assert f"Originally published by {source.name}" in credit
                assert f"Originally published by {source.name}" in " ".join(text.split())
    # the intro: its links absolute in the HTML and written out in the text; the image has alt
    folder = root / "site/editions/2015-10-02"
    doc = lxml_html.document_fromstring((folder / "email.html").read_bytes())
    assert doc.xpath("//h1/text()") == ["Budget week"]
    assert "https://news.example.net/2015/08/tram/" in doc.xpath("//a/@href")
    assert doc.xpath("//img/@src") == ["https://news.example.net/static/chart.png",
                                       "https://news.example.net/static/cranes.jpg"]
    text = (folder / "email.txt").read_text(encoding="utf-8")
    assert "see the tram story <https://news.example.net/2015/08/tram/> and the outlet <https://www.rt.com/>" \
        in " ".join(text.split())
    assert "Budget week" in text.splitlines()[:4]


def test_a_big_edition_stays_under_the_limit_and_says_what_it_shortened(tmp_path):
    root = tmp_path / "big"
    (root / "content/2015/10").mkdir(parents=True)
    (root / "digest.yaml").write_text(EMAIL_CONFIG)
    titles = []
    for i in range(200):
        title = f"Story number {i:03d} about the harbour strike and what the ferry crews and the company said"
        titles.append(title)
        (root / f"content/2015/10/s{i:03d}.md").write_text(article(
            title, f"2015-10-02T{8 + i // 60:02d}:{i % 60:02d}:00+01:00", "Body.\n", tags=[f"topic {i % 7}"],
            author=["Ann Writer", "Bo Reporter"],
            summary=(f"Summary {i:03d}. " + "A long sentence of the story. " * 9)[:290],
            source={"name": f"Outlet {i % 13}", "url": f"https://outlet{i % 13}.example/2015/10/02/story-{i}"}))
    result = build(load_config(root), now=NOW)
    assert [len(e.entries) for e in result.site.editions] == [200]
    data = (root / "site/editions/2015-10-02/email.html").read_bytes()
    doc = check_mail_ready(data)
    assert len(data) > EMAIL_LIMIT * 0.9  # it was shortened to fit, not to nothing
    shown = doc.xpath("//h3/a/text() | //td[@class='brief']/p/a[1]/text()")
    summaries = doc.xpath("//p[contains(@class, 'summary')]")
    assert 0 < len(summaries) < len(shown)
    note = " ".join(doc.xpath("//p[contains(@class, 'note')]")[0].text_content().split())
    assert note.startswith("This edition is too long for one e-mail:")
    brief = len(shown) - len(summaries)
    assert f"{brief} articles are shown by headline only" in note
    assert (f"the last {200 - len(shown)} articles are not listed" in note) == (len(shown) < 200)
    assert set(shown) <= set(titles)
    # the text twin shows the same articles, the same way
    text = (root / "site/editions/2015-10-02/email.txt").read_text(encoding="utf-8")
    check_text(text)
    flat = " ".join(text.split())
    assert [t for t in titles if t in flat] == sorted(shown, key=titles.index)
    assert re.findall(r"Summary (\d+)\.", flat) == [re.match(r"Summary (\d+)", p.text).group(1) for p in summaries]
    assert "This edition is too long for one e-mail:" in flat


def test_the_edition_verb_writes_one_edition_and_names_the_nearest_when_there_is_none(make_site, tmp_path,
                                                                                      monkeypatch):
    root = make_site(SITE)  # editions_email off: the verb works all the same
    out = tmp_path / "mail"
    code, stdout, stderr = run("edition", "2015-10-02", "--email", "-o", str(out), "--root", str(root))
    assert code == 0, stderr
    assert sorted(p.name for p in out.iterdir()) == ["2015-10-02.html", "2015-10-02.txt"]
    check_mail_ready((out / "2015-10-02.html").read_bytes())
    assert "Budget vote delayed" in (out / "2015-10-02.txt").read_text(encoding="utf-8")
    assert "2015-10-02.html" in stdout and "bytes" in stdout
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = run("edition", "latest", "--email", "--root", str(root), "--base-url",
                               "https://mirror.example.org/")
    assert code == 0, stderr
    assert "https://mirror.example.org/2015/10/budget/" in (tmp_path / "2015-10-02.txt").read_text(encoding="utf-8")
    code, stdout, stderr = run("edition", "--root", str(root))  # without --email: what it would write
    assert code == 0 and stdout.startswith("2015-10-02  Budget week  (2 articles)")
    code, stdout, stderr = run("edition", "2015-09-01", "--email", "-o", str(out), "--root", str(root))
    assert code == 1 and stdout == ""
    assert "no edition for 2015-09-01" in stderr
    assert "2015-08-14 (before)" in stderr and "2015-09-29 (after)" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["2015-10-02.html", "2015-10-02.txt"]
    code, _, stderr = run("edition", "1 Oct", "--root", str(root))
    assert code == 1 and "'1 Oct' is not a date" in stderr


def test_weekly_editions_are_found_by_any_day_of_their_week(make_site, tmp_path):
    root = make_site(SITE, config=CONFIG + "editions: weekly\n")
    code, stdout, stderr = run("edition", "2015-10-01", "--root", str(root))  # a Thursday
    assert code == 0, stderr
    assert stdout.startswith("2015-09-28  ")
    code, _, stderr = run("edition", "2015-09-10", "--root", str(root))
    assert code == 1 and "no edition for 2015-09-10 (the week of 2015-09-07)" in stderr


def test_the_editions_feed_links_the_email_version_only_when_it_is_built(make_site, build_site):
    root = make_site(SITE, config=EMAIL_CONFIG)
    build_site(root)
    feed = feedparser.parse((root / "site/editions/atom.xml").read_bytes())
    assert feed.bozo == 0
    for entry in feed.entries:
        links = re.findall(r'href="([^"]+)"', entry.content[0].value)
        assert entry.link + "email.html" in links and entry.link + "email.txt" in links
    root = make_site(SITE, config=CONFIG)
    build_site(root)
    feed = feedparser.parse((root / "site/editions/atom.xml").read_bytes())
    assert not any("email.html" in e.content[0].value for e in feed.entries)
    assert not list((root / "site").rglob("email.*"))


def test_incremental_builds_with_email_equal_clean_ones(make_site, tmp_path):
    root = make_site(SITE, config=EMAIL_CONFIG)

    def build_cli(folder: Path) -> None:
        code, _, err = run("build", "--root", str(folder), "-q")
        assert code == 0, err

    def clean_build() -> dict[str, bytes]:
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        clean.mkdir()
        for name in ("digest.yaml", "content", "templates"):
            (shutil.copytree if (root / name).is_dir() else shutil.copy)(root / name, clean / name)
        build_cli(clean)
        return snapshot(clean / "site")

    build_cli(root)
    intro = root / "content/editions/2015-10-02.md"
    email_template = root / "templates/email/edition.html"
    text_template = root / "templates/email/edition.txt"
    budget = root / "content/2015/10/budget.md"
    steps = [
        lambda: (intro.write_text(intro.read_text().replace("*delayed*", "*put off*")),
                 budget.write_text(budget.read_text().replace("Budget vote delayed", "Budget vote put off"))),
        lambda: (email_template.write_text(email_template.read_text().replace("Read it on the web", "On the web")),
                 text_template.write_text(text_template.read_text().replace("Read this edition", "See this edition"))),
        lambda: (root / "digest.yaml").write_text(CONFIG),  # off: the e-mail files go
        lambda: (root / "digest.yaml").write_text(EMAIL_CONFIG),  # and come back
    ]
    for number, step in enumerate(steps):
        step()
        build_cli(root)
        built = snapshot(root / "site")
        assert built == clean_build(), number
        assert ("editions/2015-10-02/email.txt" in built) == (number != 2)
    text = (root / "site/editions/2015-10-02/email.txt").read_text(encoding="utf-8")
    assert "Budget vote put off" in text and "See this edition" in text and "put off" in text.split("* ")[0]


def test_a_site_without_templates_mails_with_the_packaged_theme(make_site, build_site):
    root = make_site(SMALL_SITE, config=EMAIL_CONFIG)
    shutil.rmtree(root / "templates")
    build_site(root)
    check_mail_ready((root / "site/editions/2015-10-02/email.html").read_bytes())
    # and the wheel carries both e-mail templates: their folder is a package with its data listed
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "digest.default_theme.email" in project["tool"]["setuptools"]["packages"]
    globs = project["tool"]["setuptools"]["package-data"]["digest.default_theme.email"]
    for path in (REPO / "templates/email").iterdir():
        assert any(path.match(glob) for glob in globs), path


def test_intro_html_becomes_plain_text_with_links_written_out():
    text = html_text('<p>See <a href="https://a.example/x">the report</a>,<br>\nthen\n<em>this</em>.</p>\n'
                     '<ul>\n<li>one</li>\n<li><a href="https://b.example/">https://b.example/</a></li>\n</ul>\n'
                     '<blockquote>\n<p>Quoted.</p>\n</blockquote>\n'
                     '<p><img src="https://c.example/i.png" alt="A chart"></p>')
    assert text == ("See the report <https://a.example/x>,\nthen this.\n\n- one\n- <https://b.example/>\n\n"
                    "> Quoted.\n\n[A chart]")


def test_editions_off_means_no_email_and_a_clear_error(make_site, build_site):
    root = make_site(SMALL_SITE, config=EMAIL_CONFIG + "editions: off\n")
    build_site(root)
    assert not list((root / "site").rglob("email.*"))
    code, _, stderr = run("edition", "latest", "--root", str(root))
    assert code == 1 and "editions are off" in stderr
