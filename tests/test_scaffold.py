"""`digest init` and `digest new` as a user runs them, and what build says outside a site."""

from __future__ import annotations

import io
from dataclasses import fields
from datetime import datetime, timezone
from pathlib import Path

import yaml

from digest.cli import main
from digest.config import FILE_KEYS, SiteConfig, load_config
from digest.scaffold import article_text, config_text


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_init_writes_a_site_that_builds(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run("init", "brief", "--title", "Morning Brief", "--base-url", "https://brief.example/",
                         "--timezone", "Europe/Berlin", "--language", "de")
    assert code == 0, err
    root = tmp_path / "brief"
    assert "created brief/digest.yaml" in out and "cd brief && digest serve" in out
    config = load_config(root)
    assert (config.title, config.base_url, config.timezone, config.language) == \
        ("Morning Brief", "https://brief.example/", "Europe/Berlin", "de")
    welcome = next((root / "content").rglob("*.md"))
    front = yaml.safe_load(welcome.read_text().split("---")[1])
    assert front["title"] == "Welcome to Morning Brief"
    assert datetime.fromisoformat(str(front["date"])).utcoffset() is not None
    assert (root / ".gitignore").read_text().splitlines()[1:] == ["/site/", "/.digest-cache/"]
    monkeypatch.chdir(root)
    code, out, err = run("build")
    assert code == 0, err
    assert out.startswith("built 1 article,")


def test_the_config_init_writes_lists_every_option_with_its_meaning():
    text = config_text({"title": "X"})
    for key in FILE_KEYS:
        assert f"{key}:" in text
    parsed = yaml.safe_load(text)
    assert parsed == {"title": "X", "base_url": "http://localhost:8000/"}  # the rest are commented out
    assert "# Articles per page on the home, tag, source and archive pages." in text
    # uncommenting any line gives a valid option with its default value
    defaults = {f.name: f.default for f in fields(SiteConfig)}
    for key in FILE_KEYS:
        line = next(line for line in text.splitlines() if line.startswith((f"# {key}: ", f"{key}: ")))
        assert yaml.safe_load(line.removeprefix("# "))[key] in (defaults[key], "X")


def test_init_refuses_an_existing_site_and_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init")[0] == 0
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    code, out, err = run("init", "--title", "Other")
    assert code == 1
    assert "digest.yaml: error: a digest site is already here; nothing was written" in err
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_init_rejects_a_bad_option_before_writing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run("init", "x", "--timezone", "Mars/Olympus")
    assert code == 1 and "unknown timezone 'Mars/Olympus'" in err
    assert not (tmp_path / "x").exists()


def test_init_keeps_an_existing_gitignore(tmp_path, monkeypatch):
    (tmp_path / ".gitignore").write_text("*.log")
    monkeypatch.chdir(tmp_path)
    assert run("init")[0] == 0
    assert (tmp_path / ".gitignore").read_text() == "*.log\n/site/\n/.digest-cache/\n"


def test_init_interactive_asks_and_re_asks(tmp_path, monkeypatch):
    answers = iter(["Evening Wire", "not a url", "https://wire.example/", "", "fr"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    monkeypatch.chdir(tmp_path)
    code, _, err = run("init", "--interactive")
    assert code == 0
    assert "'base_url' must be an absolute http(s) URL" in err
    config = load_config(tmp_path)
    assert (config.title, config.base_url, config.timezone, config.language) == \
        ("Evening Wire", "https://wire.example/", "UTC", "fr")


def test_new_writes_an_article_dated_now_in_the_site_timezone(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run("init", "--timezone", "Asia/Tokyo")
    code, out, err = run("new", "Ferry strike ends after 3 days", "--source", "Harbour Wire", "--url",
                         "https://wire.example/ferry", "--tag", "transport", "--tag", "labour")
    assert code == 0, err
    path = Path(out.strip())
    front = yaml.safe_load(path.read_text().split("---")[1])
    assert path.name == "ferry-strike-ends-after-3-days.md"
    assert front["title"] == "Ferry strike ends after 3 days"
    assert front["source"] == {"name": "Harbour Wire", "url": "https://wire.example/ferry"}
    assert front["tags"] == ["transport", "labour"]
    when = front["date"]
    assert when.utcoffset().total_seconds() == 9 * 3600
    assert abs((when - datetime.now(timezone.utc)).total_seconds()) < 120
    assert path.parts[-3:-1] == (f"{when:%Y}", f"{when:%m}")
    assert "draft" not in front
    text = path.read_text()
    code, _, err = run("new", "Ferry strike ends after 3 days")
    assert code == 1 and "already exists" in err
    assert path.read_text() == text
    code, out, _ = run("new", "Quiet day", "--draft")
    assert yaml.safe_load(Path(out.strip()).read_text().split("---")[1])["draft"] is True
    assert run("build")[0] == 0


def test_build_outside_a_site_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run("build")
    assert code == 1
    assert err.startswith("digest.yaml: error: no digest.yaml here: this is not a digest site "
                          "(hint: run 'digest init' to start one, or use --root DIR)")
    assert not (tmp_path / "site").exists()


def test_a_missing_content_folder_is_an_error_naming_it(tmp_path, monkeypatch):
    (tmp_path / "digest.yaml").write_text("content_dir: articels\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("build")
    assert code == 1 and "articels: error: the content folder articels does not exist" in err


def test_article_text_round_trips_through_yaml():
    text = article_text({"title": "Quote: \"yes\" — no", "date": datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)},
                        "Body.\n")
    front = yaml.safe_load(text.split("---")[1])
    assert front["title"] == "Quote: \"yes\" — no"
    assert front["date"] == datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
