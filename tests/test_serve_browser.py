"""`digest serve` in a real browser: Debian's headless Chromium driven by Playwright.

A page left open reloads by itself after an edit, shows the error overlay (file and line) when
the front matter breaks, and comes back when it is fixed.  Skipped where Chromium or Playwright
is missing, except under CI (CI=true), where .ci/run installs both and a skip would hide a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

from test_serve import ARTICLE, Preview, site  # noqa: F401  (the `site` fixture)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _browser_or_skip():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("playwright is not installed")
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip("chromium is not installed")
    return sync_playwright


@pytest.fixture
def page():
    sync_playwright = _browser_or_skip()
    with sync_playwright() as playwright:  # launch() gives the browser a fresh temporary profile
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync"])
        try:
            yield browser.new_page()
        finally:
            browser.close()


def test_an_open_page_follows_edits_errors_and_fixes(site, page):  # noqa: F811
    preview = Preview(site)
    try:
        welcome = next((site / "content").rglob("welcome.md"))
        relative = welcome.relative_to(site / "content").with_suffix("")
        page.goto(f"{preview.url}{relative.parent.as_posix()}/{relative.name}/")
        assert page.locator("h1").first.inner_text() == "Welcome to Preview Test"
        page.evaluate("window.digestMarker = 'still the same page'")

        text = welcome.read_text()
        welcome.write_text(text.replace("title: Welcome to Preview Test", "title: Edited while watching"))
        page.wait_for_function("document.querySelector('h1').innerText === 'Edited while watching'", timeout=15000)
        assert page.evaluate("window.digestMarker") is None  # the page reloaded by itself

        broken = text.replace("title: Welcome to Preview Test", "title: [never closed")
        welcome.write_text(broken)
        overlay = page.locator("#digest-build-errors")
        overlay.wait_for(state="visible", timeout=15000)
        assert f"{welcome.relative_to(site.parent).as_posix()}:3:5: error: invalid YAML" in overlay.inner_text()
        assert page.locator("h1").first.inner_text() == "Edited while watching"  # the last good build
        page.reload()  # the overlay is in the HTML itself, so it survives a reload
        assert page.locator("#digest-build-errors").is_visible()

        welcome.write_text(text)
        page.wait_for_function("document.querySelector('h1').innerText === 'Welcome to Preview Test'",
                               timeout=15000)
        assert page.locator("#digest-build-errors").count() == 0
    finally:
        preview.close()


def test_a_stylesheet_change_restyles_without_a_reload(site, page):  # noqa: F811
    preview = Preview(site)
    try:
        (site / "templates/static").mkdir(parents=True)
        page.goto(preview.url)
        page.evaluate("window.digestMarker = 'kept'")
        (site / "templates/static/style.css").write_text("body { background: rgb(1, 2, 3) }\n")
        page.wait_for_function("getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'", timeout=15000)
        assert page.evaluate("window.digestMarker") == "kept"
    finally:
        preview.close()
