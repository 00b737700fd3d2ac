"""The default theme: it ships inside the package and a site's templates/ overrides it file by file;
what its pages say (standfirst, dates in the site's zone, typography, topic names, each link once).
How the pages look in a browser (axe-core, layout, print): test_accessibility.py."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from lxml import html as lxml_html

from conftest import CONFIG, REPO, article, copy_inputs, snapshot
from digest.cli import main
from digest.errors import ConfigError
from digest.theme import PAGE_TEMPLATES, Theme, builtin_theme, site_theme


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


ARTICLE = "---\ntitle: Harbour reopens\ndate: 2025-03-01T09:00:00+00:00\n---\n\nThe harbour reopened.\n"


def test_a_site_without_templates_builds_with_the_default_theme(tmp_path, monkeypatch):
    write(tmp_path, {"digest.yaml": "title: Bare\nbase_url: https://bare.example/\n",
                     "content/2025/03/harbour.md": ARTICLE})
    monkeypatch.chdir(tmp_path)
    code, out, err = run("build")
    assert code == 0, err
    page = (tmp_path / "site/2025/03/harbour/index.html").read_text()
    assert "<h1" in page and "Harbour reopens" in page
    assert (tmp_path / "site/static/style.css").read_bytes() == (builtin_theme() / "static/style.css").read_bytes()


def test_a_site_template_and_static_file_override_the_default_ones_alone(tmp_path, monkeypatch):
    write(tmp_path, {"digest.yaml": "title: Own\nbase_url: https://own.example/\n",
                     "content/2025/03/harbour.md": ARTICLE,
                     "templates/404.html": '{% extends "base.html" %}{% block main %}<p>Lost at sea</p>{% endblock %}\n',
                     "templates/static/style.css": "body { color: teal }\n"})
    monkeypatch.chdir(tmp_path)
    assert run("build")[0] == 0
    assert "Lost at sea" in (tmp_path / "site/404.html").read_text()
    assert (tmp_path / "site/static/style.css").read_text() == "body { color: teal }\n"
    # the templates and static files the site does not override still come from the default theme
    assert (tmp_path / "site/static/favicon.svg").read_bytes() == (builtin_theme() / "static/favicon.svg").read_bytes()
    assert "Harbour reopens" in (tmp_path / "site/2025/03/harbour/index.html").read_text()
    # changing the override changes the site on the next (incremental) build
    write(tmp_path, {"templates/404.html": '{% extends "base.html" %}{% block main %}<p>Adrift</p>{% endblock %}\n'})
    assert run("build")[0] == 0
    assert "Adrift" in (tmp_path / "site/404.html").read_text()


def test_a_theme_missing_templates_names_every_one_of_them(tmp_path):
    own = tmp_path / "templates"
    write(own, {"index.html": "home", "article.html": "one"})
    theme = Theme((own, tmp_path / "empty-default"))
    with pytest.raises(ConfigError) as caught:
        theme.check()
    messages = [d.message for d in caught.value.diagnostics]
    assert messages == [f"template not found: {name}" for name in PAGE_TEMPLATES
                        if name not in ("index.html", "article.html")]


def test_the_repository_sample_uses_its_templates_folder_once():
    theme = site_theme(REPO / "templates")
    assert theme.folders == (REPO / "templates",)
    theme.check()


def test_every_package_of_digest_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(path.parent.relative_to(REPO).parts) for path in (REPO / "digest").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject.toml [tool.setuptools] packages: {sorted(found - listed)}"


@pytest.mark.skipif(os.environ.get("DIGEST_SKIP_WHEEL") == "1", reason="DIGEST_SKIP_WHEEL=1")
def test_the_wheel_ships_the_default_theme(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(tmp_path.glob("digest-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in PAGE_TEMPLATES + ("base.html", "_macros.html"):
        assert f"digest/default_theme/{template}" in names
    assert "digest/default_theme/static/style.css" in names
    assert {"digest/default_theme/email/edition.html", "digest/default_theme/email/edition.txt"} <= names
    assert "digest/importer/linemodel.json" in names



# --- what the pages say -----------------------------------------------------------------------------

def page_of(root: Path, url: str):
    return lxml_html.fromstring((root / "site" / url.strip("/") / "index.html").read_bytes())


def first_body_paragraph(page) -> str:
    return " ".join(page.xpath("string(//div[@class='story-body']/p[1])").split())


def test_the_standfirst_never_repeats_the_body(make_site, build_site):
    lede = "Ferry crews in Brennhaven walked out on Tuesday, halting all sailings to the Skerra islands."
    root = make_site({
        "content/2015/10/no-summary.md": article("No summary", "2015-10-01", f"{lede}\n\nMore follows.\n"),
        "content/2015/10/lede-summary.md": article("Lede summary", "2015-10-02", f"{lede} Talks are set.\n\nMore.\n",
                                                   summary=lede),
        "content/2015/10/cut-summary.md": article("Cut summary", "2015-10-03", f"{lede}\n\nMore.\n",
                                                  summary=lede[:40].rstrip() + "…"),
        "content/2015/10/own-summary.md": article("Own summary", "2015-10-04", f"{lede}\n\nMore.\n",
                                                  summary="The strike's first day, in brief."),
    })
    result = build_site(root)
    shown = {}
    for slug in ("no-summary", "lede-summary", "cut-summary", "own-summary"):
        page = page_of(root, f"/2015/10/{slug}/")
        body = first_body_paragraph(page)
        assert body.startswith("Ferry crews in Brennhaven walked out")
        standfirst = [" ".join(p.text_content().split()) for p in page.xpath("//p[@class='standfirst']")]
        for text in standfirst:
            assert text.rstrip("…") not in body and body not in text
        shown[slug] = standfirst
    # the curator's own words stand above the body; a summary taken from the body, or repeating it, does not
    assert shown == {"no-summary": [], "lede-summary": [], "cut-summary": [],
                     "own-summary": ["The strike’s first day, in brief."]}
    # the lists still show each article's summary, taken from the body where the curator wrote none
    summaries = {e.article.slug: e.rendered.summary for e in result.site.entries}
    assert summaries["no-summary"] == summaries["lede-summary"] == lede


ZONE_SITE = CONFIG.replace("timezone: Europe/London", "timezone: America/New_York")


@pytest.mark.parametrize("config, summer, winter", [
    (ZONE_SITE, "1 July 2015, 06:00 EDT", "15 January 2015, 07:00 EST"),
    (CONFIG, "1 July 2015, 11:00 BST", "15 January 2015, 12:00 GMT"),
    (CONFIG.replace("timezone: Europe/London", "timezone: UTC"), "1 July 2015, 10:00 UTC",
     "15 January 2015, 12:00 UTC"),
], ids=["new-york", "london", "utc"])
def test_times_show_the_site_zone_abbreviation_and_keep_the_iso_value(make_site, build_site, config, summer, winter):
    root = make_site({
        "content/2015/07/summer.md": article("Summer", "2015-07-01T12:00:00+02:00", tags=["weather"]),
        "content/2015/01/winter.md": article("Winter", "2015-01-15T12:00:00Z", tags=["weather"]),
    }, config=config)
    build_site(root)
    for slug, written, shown in (("2015/07/summer", "2015-07-01T12:00:00+02:00", summer),
                                 ("2015/01/winter", "2015-01-15T12:00:00+00:00", winter)):
        time = page_of(root, f"/{slug}/").xpath("//main//time")[0]
        assert (time.text, time.get("datetime")) == (shown, written)
    # the same on list pages: every time on the topic page is in the site's zone, none a raw offset
    times = [t.text for t in page_of(root, "/tags/weather/").xpath("//main//time")]
    assert times == [summer, winter]
    assert not any("+" in t or "GMT" in t and "GMT" not in winter for t in times)


def test_quotes_are_curly_in_bodies_and_headlines_but_code_is_untouched(make_site, build_site):
    body = ('He said "it\'s done" -- twice... (c) Harbour Wire.\n\n'
            'Run `echo "it\'s"` first.\n\n'
            '```\nprint("it\'s --")\n```\n\n'
            '    indented "code" -- too\n')
    root = make_site({"content/2015/10/quotes.md": article('The "big" day\'s news', "2015-10-01", body,
                                                           related=[{"title": "Elsewhere's \"view\"",
                                                                     "url": "https://other.example/v"}])})
    build_site(root)
    page = page_of(root, "/2015/10/quotes/")
    assert first_body_paragraph(page) == "He said “it’s done” – twice… © Harbour Wire."
    assert page.xpath("//div[@class='story-body']//p/code/text()") == ['echo "it\'s"']
    assert page.xpath("//div[@class='story-body']//pre/code/text()") == ['print("it\'s --")\n',
                                                                          'indented "code" -- too\n']
    # headlines agree with bodies: the page, its <title>, READ MORE and the lists
    assert page.findtext(".//h1") == "The “big” day’s news"
    assert page.findtext(".//title").startswith("The “big” day’s news · ")
    assert page.xpath("//aside[@class='related']//a/text()") == ["Elsewhere’s “view”"]
    assert page_of(root, "/").xpath("//main//h2/a/text()") == ["The “big” day’s news"]


def test_topics_keep_the_curators_name_and_one_name_wins(make_site, build_site):
    root = make_site({
        "content/2015/10/a.md": article("A", "2015-10-01", tags=["United States", "Syria"]),
        "content/2015/10/b.md": article("B", "2015-10-02", tags=["united states", "syria"]),
        "content/2015/10/c.md": article("C", "2015-10-03", tags=["United  States"]),
    })
    build_site(root)
    # `United States` twice beats `united states` once; `Syria`/`syria` tie and the first in sort order wins
    topic = page_of(root, "/tags/united-states/")
    assert topic.findtext(".//h1") == "Articles tagged “United States”"
    assert page_of(root, "/tags/syria/").findtext(".//h1") == "Articles tagged “Syria”"
    index = page_of(root, "/tags/")
    assert [(a.text, a.get("href")) for a in index.xpath("//ul[@class='terms']//a")] == [
        ("Syria", "/tags/syria/"), ("United States", "/tags/united-states/")]
    for slug in ("a", "b", "c"):  # every article names the topic the same way, the URL uses the slug
        tags = page_of(root, f"/2015/10/{slug}/").xpath("//footer//ul[@class='tags']//a")
        assert ("United States", "/tags/united-states/") in [(a.text, a.get("href")) for a in tags]
    assert "united states" not in (root / "site/2015/10/b/index.html").read_text()
    assert "United States" in (root / "site/tags/united-states/feed.xml").read_text()


def test_the_name_chosen_does_not_depend_on_file_order(make_site, build_site, tmp_path):
    names = []
    for first, second in (("Climate", "climate"), ("climate", "Climate")):
        root = make_site({"content/2015/10/a.md": article("A", "2015-10-01", tags=[first]),
                          "content/2015/10/b.md": article("B", "2015-10-02", tags=[second])})
        build_site(root)
        names.append(page_of(root, "/tags/climate/").findtext(".//h1"))
    assert names == ["Articles tagged “Climate”"] * 2


def test_a_topic_renamed_by_another_file_is_renamed_on_kept_pages_too(make_site, build_site, tmp_path):
    """Pages of articles that did not change still show the topic's new name after an incremental
    build, byte for byte as a clean build (the chosen names are part of the site key)."""
    files = {"content/2015/10/a.md": article("A", "2015-10-01", tags=["Harbour"]),
             "content/2015/10/b.md": article("B", "2015-10-02", tags=["harbour"]),
             **{f"content/2015/09/{n}.md": article(f"Other {n}", f"2015-09-0{n}", tags=[f"t{n}"]) for n in range(1, 5)}}
    root = make_site(files)
    first = build_site(root)
    assert page_of(root, "/2015/10/b/").xpath("//footer//ul[@class='tags']//a/text()") == ["Harbour"]
    assert "Also in Harbour" in (root / "site/2015/10/a/index.html").read_text()  # a related-coverage reason
    (root / "content/2015/10/c.md").write_text(article("C", "2015-10-03", tags=["harbour"]))
    build_site(root, cache=first.cache)
    assert page_of(root, "/2015/10/a/").xpath("//footer//ul[@class='tags']//a/text()") == ["harbour"]
    assert "Also in harbour" in (root / "site/2015/10/a/index.html").read_text()
    clean = copy_inputs(root, tmp_path / "clean")
    build_site(clean)
    assert snapshot(root / "site") == snapshot(clean / "site")


def test_each_link_shows_once_on_an_article_page(make_site, build_site):
    """READ MORE names B, which related coverage would also pick (shared tags): it is listed once."""
    tags = ["ferries", "labour"]
    others = {f"content/2015/09/other-{n}.md": article(f"Other story {n}", f"2015-09-0{n + 1}", f"Item {n}.\n",
                                                       tags=[f"topic-{n}"]) for n in range(4)}
    root = make_site({**others,
        "content/2015/10/a.md": article("Ferry strike ends", "2015-10-05", "Crews return to work.\n", tags=tags,
                                        related=[{"title": "Ferry strike begins"}]),
        "content/2015/10/b.md": article("Ferry strike begins", "2015-10-01", "Crews walk out.\n", tags=tags),
        "content/2015/10/c.md": article("Union leaders meet ministers", "2015-10-03", "No deal yet.\n", tags=tags),
    })
    result = build_site(root)
    entry = next(e for e in result.site.entries if e.article.path.endswith("a.md"))
    assert {s.target for s in entry.coverage} >= {"2015/10/b.md", "2015/10/c.md"}  # both were picked
    page = page_of(root, "/2015/10/a/")
    read_more = page.xpath("//aside[@class='related']//a/@href")
    coverage = page.xpath("//aside[@class='coverage']//li/a/@href")
    assert read_more == ["/2015/10/b/"]
    assert coverage == ["/2015/10/c/"]
    links = page.xpath("//main//aside//a/@href")
    assert len(links) == len(set(links))


def test_body_images_load_lazily(make_site, build_site):
    root = make_site({"content/2015/10/img.md": article("Picture", "2015-10-01",
                                                        "![The harbour at dawn](https://img.example/h.jpg)\n")})
    build_site(root)
    img = page_of(root, "/2015/10/img/").xpath("//div[@class='story-body']//img")[0]
    assert dict(img.attrib) == {"src": "https://img.example/h.jpg", "alt": "The harbour at dawn",
                                "loading": "lazy", "decoding": "async"}
