"""The inbox page of `digest serve`: listed items, Pick and Skip doing what the commands do, the
forms refused without this run's token, and nothing of it in the built site.  Then the same in
a real browser (Debian's Chromium through Playwright; skipped where they are missing, as in
test_serve_browser.py)."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import yaml

from feedserver import FeedServer, rss, static
from test_fetch import cli
from test_inbox import POST, WIRE
from test_serve import Preview, site  # noqa: F401  (the `site` fixture)
from test_serve_browser import page  # noqa: F401  (the `page` fixture)

INBOX = "/__digest__/inbox"


def fill_inbox(root: Path) -> list[str]:
    """Fetch the invented outlets into the site's inbox; the ids in listing order."""
    with FeedServer() as server:
        server.routes["/wire.xml"] = static(rss("Kellmouth Wire", "https://wire.example/", WIRE))
        server.routes["/post.xml"] = static(rss("Coast Post", "https://post.example/", POST))
        with (root / "digest.yaml").open("a") as config:
            config.write(yaml.safe_dump({"subscriptions": [
                {"name": "Kellmouth Wire", "feed": server.url("/wire.xml")},
                {"name": "Coast Post", "feed": server.url("/post.xml")}]}))
        assert cli("fetch", "--root", str(root), "--delay", "0")[0] == 0
    return re.findall(r"^([0-9a-f]{6})  ", cli("inbox", "--root", str(root))[1], re.M)


def post(url: str, fields: dict[str, str]) -> tuple[int, str, str]:
    """POST a form without following the redirect: (status, Location, body)."""
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
            return None

    opener = urllib.request.build_opener(Stay)
    data = urllib.parse.urlencode(fields).encode()
    try:
        with opener.open(urllib.request.Request(url, data=data, method="POST"), timeout=10) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), error.read().decode()


def test_the_inbox_page_picks_and_skips(site: Path) -> None:  # noqa: F811
    ids = fill_inbox(site)
    preview = Preview(site)
    try:
        assert f"inbox: {preview.url}__digest__/inbox" in preview.out.getvalue()
        status, _, body = preview.get(INBOX)
        text = body.decode()
        assert status == 200
        assert all(f'id="item-{i}"' in text for i in ids)
        assert f"same story as <span class=id>{ids[0]}</span>" in text
        token = re.search(r'name=token value="([^"]+)"', text)[1]
        url = preview.url.rstrip("/") + INBOX
        # a form from anywhere else (no token, wrong token) does nothing
        assert post(url + "/pick", {"id": ids[0]})[0] == 403
        assert post(url + "/pick", {"id": ids[0], "token": "guess"})[0] == 403
        assert not list((site / "content").rglob("*ferry*"))
        status, where, _ = post(url + "/pick", {"id": ids[0], "token": token, "note": "Nine days without ferries.",
                                                "tag": "transport, strikes"})
        assert status == 303 and where.startswith(INBOX + "?done=")
        picked = next((site / "content").rglob("ferry-strike-in-kellmouth-ends-as.md"))
        meta = yaml.safe_load(picked.read_text().split("---\n")[1])
        assert meta["summary"] == "Nine days without ferries." and meta["tags"] == ["transport", "strikes"]
        assert post(url + "/skip", {"id": ids[2], "token": token})[0] == 303
        text = preview.get(INBOX)[2].decode()
        assert f'id="item-{ids[0]}"' not in text and f'id="item-{ids[2]}"' not in text
        assert f'id="item-{ids[1]}"' in text
        # the same ledger as the commands
        assert cli("skip", ids[2], "--root", str(site))[1] == f"{ids[2]}: already skipped\n"
        # the preview rebuilds with the picked article; the page itself is never a file
        relative = picked.relative_to(site / "content").with_suffix("")
        preview.wait_for(lambda: preview.get(f"/{relative.parent.as_posix()}/{relative.name}/")[0] == 200)
        assert not [p for p in (site / ".digest-cache").rglob("*") if "inbox" in p.name or "__digest__" in p.name]
    finally:
        preview.close()
    assert cli("build", "--root", str(site), "-q")[0] == 0
    built = [p.relative_to(site / "site").as_posix() for p in (site / "site").rglob("*")]
    assert built and not [p for p in built if "inbox" in p or "__digest__" in p]


def test_the_inbox_page_in_a_browser(site: Path, page) -> None:  # noqa: F811
    ids = fill_inbox(site)
    preview = Preview(site)
    try:
        page.goto(preview.url.rstrip("/") + INBOX)
        assert page.locator("h1").inner_text() == "Inbox"
        item = page.locator(f"#item-{ids[1]}")
        item.locator("input[name=note]").fill("Picked in the browser.")
        item.get_by_role("button", name="Pick").click()
        page.wait_for_selector(".message")
        assert page.locator(".message").inner_text().startswith(f"{ids[1]}: picked -> content/")
        assert page.locator(f"#item-{ids[1]}").count() == 0
        page.locator(f"#item-{ids[3]}").get_by_role("button", name="Skip").click()
        page.wait_for_selector(".message")
        assert page.locator(".message").inner_text() == f"{ids[3]}: skipped"
        assert page.locator(".item").count() == 2
    finally:
        preview.close()
    picked = [p for p in (site / "content").rglob("*.md") if "Picked in the browser." in p.read_text()]
    assert len(picked) == 1
