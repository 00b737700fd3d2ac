"""The `subscriptions:` option (located errors) and `digest subscriptions import|export|list` (OPML 2.0)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import CONFIG
from test_fetch import cli

FOREIGN_OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Reader export</title></head>
  <body>
    <outline text="Ports">
      <outline type="rss" text="Kellmouth Wire" xmlUrl="https://wire.example/feed.xml" htmlUrl="https://wire.example/"/>
      <outline type="rss" text="Coast &amp; Harbour Post" title="Coast Post" xmlUrl="https://post.example/rss"
               category="/shipping,weather"/>
    </outline>
    <outline type="rss" text="Valley Ledger" xmlUrl="https://ledger.example/atom.xml"/>
  </body>
</opml>
"""


@pytest.mark.parametrize(("block", "message"), [
    ("subscriptions: wire.example\n", "9:16: error: 'subscriptions' must be a list of sources "
                                      "(hint: each item: name: ..., feed: https://...)"),
    ("subscriptions:\n  - name: Wire\n    feed: wire.example/feed\n",
     "11:11: error: subscription 1: 'feed' must be an absolute http(s) URL, not 'wire.example/feed' "
     "(hint: e.g. https://wire.example/feed.xml)"),
    ("subscriptions:\n  - name: Wire\n    feed: https://wire.example/f\n    full_text: always\n",
     "12:16: error: subscription 1: 'full_text' must be fetch or feed, not 'always' "
     "(hint: fetch: the article page is fetched when the feed has only a summary)"),
    ("subscriptions:\n  - name: Wire\n    feed: https://wire.example/f\n    max_age: -3\n",
     "12:14: error: subscription 1: 'max_age' must be a whole number of days, at least 1, not -3"),
    ("subscriptions:\n  - name: Wire\n    feed: https://wire.example/f\n    timezone: Mars/Olympus\n",
     "12:15: error: subscription 1: unknown timezone 'Mars/Olympus' "
     "(hint: use an IANA name such as Europe/London or UTC)"),
    ("subscriptions:\n  - name: Wire\n    feed: https://wire.example/f\n    tag: [ports]\n",
     "12:5: error: subscription 1: unknown key 'tag' (hint: did you mean 'tags'?)"),
    ("subscriptions:\n  - feed: https://wire.example/f\n",
     "10:5: error: subscription 1 has no 'name' (hint: e.g. name: Harbour Wire)"),
    ("subscriptions:\n  - name: Wire\n    feed: https://a.example/f\n  - name: wire\n    feed: https://b.example/f\n",
     "12:5: error: subscription 2: the name 'wire' is already used by subscription 1 (hint: give each source its own name)"),
])
def test_invalid_subscriptions_are_located(make_site, block: str, message: str) -> None:
    root = make_site({"content/.keep": ""}, config=CONFIG + "\n" + block)
    for verb in (["fetch"], ["build"], ["subscriptions", "list"]):
        code, out, err = cli(*verb, "--root", str(root))
        assert code == 1
        assert err.splitlines()[0] == f"{root / 'digest.yaml'}:{message}", verb


def test_opml_import_list_and_exact_round_trip(make_site, tmp_path: Path) -> None:
    root = make_site({"content/.keep": ""})
    opml = tmp_path / "reader.opml"
    opml.write_text(FOREIGN_OPML)
    code, out, err = cli("subscriptions", "import", str(opml), "--root", str(root))
    assert code == 0, err
    assert out.splitlines()[-1] == "3 added, 0 already followed"
    config = yaml.safe_load((root / "digest.yaml").read_text())
    assert config["title"] == "Test Digest"
    assert config["subscriptions"] == [
        {"name": "Kellmouth Wire", "feed": "https://wire.example/feed.xml", "site": "https://wire.example/",
         "tags": ["Ports"]},
        {"name": "Coast & Harbour Post", "feed": "https://post.example/rss", "tags": ["shipping", "weather", "Ports"]},
        {"name": "Valley Ledger", "feed": "https://ledger.example/atom.xml"}]
    code, out, _ = cli("subscriptions", "list", "--root", str(root))
    assert out.splitlines()[0] == "Kellmouth Wire  https://wire.example/feed.xml  (never fetched)"
    # digest's own options travel in its namespace; export -> import -> export is exact
    text = (root / "digest.yaml").read_text().replace(
        '    feed: "https://ledger.example/atom.xml"\n',
        '    feed: "https://ledger.example/atom.xml"\n    timezone: Europe/Oslo\n    include: [frost, "pear trees"]\n'
        '    exclude: [sport]\n    max_age: 7\n    full_text: fetch\n')
    (root / "digest.yaml").write_text(text)
    code, exported, err = cli("subscriptions", "export", "--root", str(root))
    assert code == 0, err
    assert exported.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0" ')
    assert ('<outline type="rss" text="Coast &amp; Harbour Post" title="Coast &amp; Harbour Post" '
            'xmlUrl="https://post.example/rss" category="shipping,weather,Ports"/>') in exported
    (tmp_path / "out.opml").write_text(exported)
    other = tmp_path / "other"
    other.mkdir()
    (other / "digest.yaml").write_text(CONFIG)
    assert cli("subscriptions", "import", str(tmp_path / "out.opml"), "--root", str(other))[0] == 0
    assert cli("subscriptions", "export", "--root", str(other))[1] == exported
    first = yaml.safe_load(text)["subscriptions"]
    assert yaml.safe_load((other / "digest.yaml").read_text())["subscriptions"] == first
    # importing again adds nothing and leaves digest.yaml as it was
    before = (other / "digest.yaml").read_bytes()
    code, out, _ = cli("subscriptions", "import", str(tmp_path / "out.opml"), "--root", str(other))
    assert out.splitlines()[-1] == "0 added, 3 already followed"
    assert (other / "digest.yaml").read_bytes() == before


def test_opml_problems_are_located_and_entities_refused(make_site, tmp_path: Path) -> None:
    root = make_site({"content/.keep": ""})
    bad = tmp_path / "bad.opml"
    bad.write_text('<?xml version="1.0"?>\n<opml version="2.0"><head/><body>\n'
                   '<outline text="Local" xmlUrl="file:///etc/hosts"/>\n</body></opml>\n')
    code, _, err = cli("subscriptions", "import", str(bad), "--root", str(root))
    assert code == 1
    assert err.splitlines()[0] == f"{bad}:3: error: outline xmlUrl must be an absolute http(s) URL, not 'file:///etc/hosts'"
    bad.write_text('<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY a "aaaa">]>\n<opml version="2.0"><body>'
                   '<outline text="&a;" xmlUrl="https://x.example/f"/></body></opml>\n')
    code, _, err = cli("subscriptions", "import", str(bad), "--root", str(root))
    assert code == 1 and "declares XML entities; refused" in err
    bad.write_text("<opml><body><outline")
    code, _, err = cli("subscriptions", "import", str(bad), "--root", str(root))
    assert code == 1 and err.startswith(f"{bad}:1:") and "not well-formed XML" in err
    assert "subscriptions" not in (root / "digest.yaml").read_text()


def test_a_site_with_subscriptions_still_builds(make_site) -> None:
    from conftest import SMALL_SITE

    root = make_site(SMALL_SITE, config=CONFIG + "subscriptions:\n  - name: Wire\n    feed: https://wire.example/f\n")
    code, out, err = cli("build", "--root", str(root), "-q")
    assert code == 0, err
