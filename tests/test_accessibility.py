"""The default theme in a real browser: axe-core finds no serious or critical problems, phones never
scroll sideways, the navigation and the footer leave room for what is on the page, and the print
stylesheet prints the story without the site's chrome.

One headless Chromium (Debian's, driven by Playwright) for the whole module, over the repository's
sample digest and one article made to stretch a page (a long URL, a wide table, long code lines),
built once into a temporary folder and served on 127.0.0.1.  axe-core comes bundled with the
`axe-playwright-python` package (the `test` extra).  To check one more page, add it to PAGES.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest

from conftest import REPO, article
from digest.build import build
from digest.config import load_config
from test_serve_browser import CHROMIUM, _browser_or_skip

PAGES = {  # name -> URL path; each is checked with axe-core (light and dark) and for sideways scroll
    "home": "/",
    "article": "/2015/12/civic-union-loses-seats-election/",
    "topic": "/tags/united-states/",
    "edition": "/editions/2015-10-12/",
    "stretched-article": "/2015/12/a-page-made-to-stretch/",
}
ONE_ARTICLE_EDITION = "/editions/2015-12-14/"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
STRETCH = article(
    "A page made to stretch", "2015-12-22T10:00:00+00:00",
    "A reference: https://example.org/" + "a-very-long-path-segment-" * 8 + "end.\n\n"
    "| " + " | ".join(f"column {n}" for n in range(12)) + " |\n|" + "---|" * 12 + "\n"
    "| " + " | ".join(f"value {n}" for n in range(12)) + " |\n\n"
    "```\n" + "x = '" + "y" * 200 + "'\n```\n\n"
    "![A diagram of the harbour](https://img.example/harbour.png)\n",
    source={"name": "Harbour Wire", "url": "https://wire.example/stretch"}, tags=["transport"],
    summary="A page that holds what usually overflows a phone's screen.")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The sample digest (and the stretched article) built and served: its base URL."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copy(REPO / "digest.yaml", root / "digest.yaml")
    shutil.copytree(REPO / "content", root / "content")
    (root / "content/2015/12/a-page-made-to-stretch.md").write_text(STRETCH, encoding="utf-8")
    build(load_config(root))  # no templates/: the default theme
    handler = functools.partial(_QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _browser_or_skip()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


def open_page(browser, url: str, viewport: dict, scheme: str = "light"):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    response = page.goto(url)
    assert response is not None and response.ok, url
    return page


@pytest.mark.parametrize("scheme, viewport", [("light", DESKTOP), ("dark", PHONE)], ids=["light-desktop", "dark-phone"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_core_finds_no_serious_or_critical_violations(served, browser, axe, name, scheme, viewport):
    page = open_page(browser, served + PAGES[name], viewport, scheme)
    try:
        found = axe.run(page).response["violations"]
    finally:
        page.context.close()
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in found
               if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{name} ({scheme}, {viewport['width']} px): {serious}"


@pytest.mark.parametrize("name", list(PAGES))
def test_no_sideways_scroll_on_a_phone(served, browser, name):
    page = open_page(browser, served + PAGES[name], PHONE)
    try:
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    finally:
        page.context.close()


NAV_ROWS = """() => {
  const rows = new Map();
  for (const item of document.querySelectorAll('nav.sections li')) {
    const top = Math.round(item.getBoundingClientRect().top);
    rows.set(top, (rows.get(top) || 0) + 1);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(row => row[1]);
}"""
ONE_MORE_ITEM = """() => {
  const rss = document.querySelector('nav.sections li.feed-link');
  const item = document.createElement('li');
  item.innerHTML = '<a href="#">Search</a>';
  rss.before(item);
}"""


@pytest.mark.parametrize("width", [320, 360, 390, 1280])
def test_the_navigation_leaves_no_item_alone_on_a_row_even_with_one_more(served, browser, width):
    page = open_page(browser, served + PAGES["home"], {"width": width, "height": 800})
    try:
        for _ in range(2):  # the theme's items, then with a Search item before RSS (the search page adds it)
            rows = page.evaluate(NAV_ROWS)
            assert sum(rows) >= 6 and min(rows) >= 2, rows
            if width == 1280:
                assert len(rows) == 1, rows
            assert page.evaluate("document.scrollingElement.scrollWidth") <= width
            page.evaluate(ONE_MORE_ITEM)
    finally:
        page.context.close()


CLEARANCE = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  const footer = document.querySelector('.site-footer').getBoundingClientRect();
  return footer.top - box.bottom;
}"""


@pytest.mark.parametrize("path, selector", [(PAGES["home"], ".pager"), (PAGES["edition"], ".pager"),
                                            (PAGES["article"], ".neighbours"), (ONE_ARTICLE_EDITION, ".pager")])
def test_the_footer_rule_cuts_nothing(served, browser, path, selector):
    for viewport in (DESKTOP, PHONE):
        page = open_page(browser, served + path, viewport)
        try:
            assert page.evaluate(CLEARANCE, selector) >= 24, (path, viewport)  # a clear gap above the footer
        finally:
            page.context.close()


def test_the_pager_is_centred(served, browser):
    for name in ("home", "edition"):
        for viewport in (DESKTOP, PHONE):
            page = open_page(browser, served + PAGES[name], viewport)
            try:
                offset = page.evaluate("""() => {
                  const pager = document.querySelector('.pager').getBoundingClientRect();
                  const middle = document.querySelector('.pager > :nth-child(2)').getBoundingClientRect();
                  return (middle.left + middle.width / 2) - (pager.left + pager.width / 2);
                }""")
                assert abs(offset) <= 2, (name, viewport, offset)
            finally:
                page.context.close()


def test_a_one_article_edition_fills_its_row(served, browser):
    page = open_page(browser, served + ONE_ARTICLE_EDITION, DESKTOP)
    try:
        assert page.locator(".river .card").count() == 1
        share = page.evaluate("""() => document.querySelector('.river .card').getBoundingClientRect().width
                                      / document.querySelector('.river').getBoundingClientRect().width""")
        assert share > 0.95
    finally:
        page.context.close()


def test_print_shows_the_story_without_chrome_and_with_the_source_address(served, browser):
    page = open_page(browser, served + PAGES["stretched-article"], DESKTOP, "dark")
    try:
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['nav.sections', '.site-footer', '.neighbours', '.coverage']
            .filter(s => document.querySelector(s))
            .map(s => getComputedStyle(document.querySelector(s)).display)""")
        assert hidden and set(hidden) == {"none"}
        assert page.locator("h1.story-title").is_visible() and page.locator(".story-body").is_visible()
        after = page.evaluate("""() => getComputedStyle(document.querySelector('.original a'), '::after').content""")
        assert "https://wire.example/stretch" in after
        colours = page.evaluate("""() => [getComputedStyle(document.body).color,
                                          getComputedStyle(document.body).backgroundColor,
                                          getComputedStyle(document.querySelector('.story-body p')).color]""")
        assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(0, 0, 0)"]  # black on white, even in dark mode
    finally:
        page.context.close()
