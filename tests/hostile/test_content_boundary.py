"""Hostile and clumsy content through the real CLI: every problem is one located line, exit 1,
and the site folder is left exactly as it was; no traceback."""

from __future__ import annotations

import io
import os
import socket
import threading
from pathlib import Path

import pytest

from conftest import article
from digest.cli import main

GOOD = article("Harbour reopens", "2025-03-01T09:00:00+00:00", "Ships sail again.\n",
               source={"name": "Harbour Wire"}, tags=["transport"])
FORBIDDEN = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))] + ["\ufffe", "\uffff", "\ufdd0"]


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def built(make_site, monkeypatch):
    """A site built once; returns (root, snapshot of site/ to compare after a failing build)."""
    root = make_site({"content/2025/03/harbour.md": GOOD})
    monkeypatch.chdir(root)
    assert run("build", "-q")[0] == 0
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}


def fails_with(root: Path, expected: str) -> str:
    before = snapshot(root)
    code, out, err = run("build")
    assert code == 1, out + err
    assert "Traceback" not in err
    assert expected in err, err
    assert err.splitlines()[-1].startswith("digest: ") and err.splitlines()[-1].endswith("nothing was written")
    assert snapshot(root) == before
    return err


FIELDS = {
    "title": lambda c: article(f"Harbour{c}reopens", "2025-03-02T09:00:00+00:00"),
    "summary": lambda c: article("Two", "2025-03-02T09:00:00+00:00", summary=f"Short{c}summary"),
    "author": lambda c: article("Two", "2025-03-02T09:00:00+00:00", author=f"Ann{c}Lee"),
    "tags": lambda c: article("Two", "2025-03-02T09:00:00+00:00", tags=[f"port{c}s"]),
    "source": lambda c: article("Two", "2025-03-02T09:00:00+00:00", source={"name": f"Wire{c}"}),
    "body": lambda c: article("Two", "2025-03-02T09:00:00+00:00", f"Para{c}graph.\n"),
}


@pytest.mark.parametrize("field", FIELDS)
def test_every_forbidden_character_in_every_field_is_a_located_error(built, field):
    path = built / "content/2025/03/two.md"
    for char in FORBIDDEN:
        text = FIELDS[field](char)
        path.write_text(text, encoding="utf-8")
        raw = text.find(char)
        if raw >= 0:  # written raw: pointed at exactly
            line = text.count("\n", 0, raw) + 1
            column = raw - (text.rfind("\n", 0, raw) + 1) + 1
            fails_with(built, f"content/2025/03/two.md:{line}:{column}: error: U+{ord(char):04X} (")
        else:  # PyYAML wrote it as an escape ("\x07"): the value's key is named
            err = fails_with(built, f"U+{ord(char):04X} (")
            assert "content/2025/03/two.md:" in err and f"'{field}" in err


def test_a_lone_surrogate_written_as_an_escape_is_a_located_error(built):
    (built / "content/2025/03/two.md").write_text('---\ntitle: "Harbour \\ud800 reopens"\ndate: 2025-03-02\n---\nx\n')
    fails_with(built, "content/2025/03/two.md:2:8: error: 'title' contains U+D800 (a lone surrogate)")


@pytest.mark.parametrize("value, message", [
    ("0001-01-01T00:00:00+14:00", "'date' is out of range"),
    ("9999-12-31T23:59:59-12:00", "'date' is out of range"),
    ("0999-06-01", "'date' is out of range"),
    ("2015-02-30", "not a possible value: '2015-02-30' (day is out of range for month)"),
    ("2015-02-03T10:00:00+24:00", "not a possible value: '2015-02-03T10:00:00+24:00' (a UTC offset must be less than 24 hours)"),
    ("2015-02-03T10:00:00+20:21", "'date' has no real UTC offset"),
    ("'2015-02-30'", "'date' is not a date: '2015-02-30'"),
    ("null", "'date' must be a date, not empty (null)"),
])
def test_impossible_dates_are_located_errors(built, value, message):
    (built / "content/2025/03/two.md").write_text(f"---\ntitle: Two\ndate: {value}\n---\nx\n")
    fails_with(built, f"content/2025/03/two.md:3:7: error: {message}")


def test_a_null_title_is_an_error_not_a_crash(built):
    (built / "content/2025/03/two.md").write_text("---\ntitle:\ndate: 2025-03-02\n---\nx\n")
    fails_with(built, "content/2025/03/two.md:2:7: error: 'title' must be text, not empty (null)")


def test_a_key_written_twice_is_an_error_at_the_second(built):
    (built / "content/2025/03/two.md").write_text("---\ntitle: One\ndate: 2025-03-02\ntitle: Two\n---\nx\n")
    fails_with(built, "content/2025/03/two.md:4:1: error: duplicate key 'title' (first on line 2)")
    (built / "content/2025/03/two.md").write_text("---\ntitle: One\ndate: 2025-03-02\nsource:\n  name: A\n"
                                                  "  name: B\n---\nx\n")
    fails_with(built, "content/2025/03/two.md:6:3: error: duplicate key 'name' (first on line 5)")


def test_a_raw_control_byte_in_the_front_matter_is_located(built):
    (built / "content/2025/03/two.md").write_bytes(b"---\ntitle: Tw\x01o\ndate: 2025-03-02\n---\nx\n")
    fails_with(built, "content/2025/03/two.md:2:10: error: U+0001 (a control character) is not allowed")


def test_a_tag_without_letters_names_the_article_line(built):
    (built / "content/2025/03/two.md").write_text("---\ntitle: Two\ndate: 2025-03-02\ntags:\n- ok\n- '..'\n---\nx\n")
    fails_with(built, "content/2025/03/two.md:6: error: tag '..' has no letter or digit to name its page by")


def test_a_fifo_is_skipped_with_a_warning_and_the_build_finishes(built):
    os.mkfifo(built / "content/2025/03/pipe.md")
    done: list[tuple] = []
    thread = threading.Thread(target=lambda: done.append(run("build")), daemon=True)
    thread.start()
    thread.join(60)
    assert done, "the build hung on a FIFO"
    code, out, err = done[0]
    assert code == 0
    assert "content/2025/03/pipe.md: warning: not a regular file (a FIFO, socket or device); skipped" in err


def test_a_socket_is_skipped_too(built):
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(built / "content/2025/03/sock.md"))
        code, _, err = run("build")
    assert code == 0 and "sock.md: warning: not a regular file" in err


def test_a_symlink_loop_is_a_located_error(built):
    (built / "content/2025/03/a.md").symlink_to(built / "content/2025/03/b.md")
    (built / "content/2025/03/b.md").symlink_to(built / "content/2025/03/a.md")
    err = fails_with(built, "content/2025/03/a.md: error: cannot be read: Too many levels of symbolic links")
    assert "content/2025/03/b.md: error: cannot be read" in err


def test_a_symlink_out_of_the_site_is_refused_unless_allowed(built, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text(article("From outside", "2025-03-03T09:00:00+00:00"))
    (built / "content/2025/03/linked.md").symlink_to(outside)
    fails_with(built, "content/2025/03/linked.md: error: a symbolic link to a file outside the site "
                      "(hint: copy the file into content/, or set follow_symlinks: true)")
    with (built / "digest.yaml").open("a") as config:
        config.write("follow_symlinks: true\n")
    code, _, err = run("build")
    assert code == 0, err
    assert "From outside" in (built / "site/index.html").read_text()


def test_a_symlink_inside_the_site_is_read(built):
    (built / "drafts-folder").mkdir()
    (built / "drafts-folder/inside.md").write_text(article("From inside", "2025-03-03T09:00:00+00:00"))
    (built / "content/2025/03/inside.md").symlink_to(built / "drafts-folder/inside.md")
    assert run("build")[0] == 0
    assert "From inside" in (built / "site/index.html").read_text()


@pytest.mark.parametrize("value", ["english", "en_US", "<b>", "e", "en-"])
def test_a_language_that_is_not_a_bcp47_tag_is_a_located_error(built, value):
    (built / "content/2025/03/two.md").write_text(f"---\ntitle: Two\ndate: 2025-03-02\nlanguage: '{value}'\n---\nx\n")
    fails_with(built, "content/2025/03/two.md:4:11: error: 'language' must be a BCP 47 language tag")


@pytest.mark.parametrize("value", ["en", "de-CH", "zh-Hant-TW", "es-419"])
def test_real_language_tags_are_accepted(built, value):
    (built / "content/2025/03/two.md").write_text(f"---\ntitle: Two\ndate: 2025-03-02\nlanguage: {value}\n---\nx\n")
    assert run("build")[0] == 0


def test_check_flags_bidi_controls_in_titles_names_and_settings_at_their_line(built):
    (built / "content/2025/03/two.md").write_text(
        "---\ntitle: \"Harbour \\u202Egnidaer\"\ndate: 2025-03-02\nauthor: \"Ann\u2067 Lee\"\n---\nx \u202b\n")
    (built / "digest.yaml").write_text((built / "digest.yaml").read_text().replace("Test Digest", "Test\u202eDigest"))
    code, out, err = run("check")
    assert code == 0
    warnings = [line for line in err.splitlines() if "bidirectional" in line]
    assert warnings == [
        "digest.yaml:1:8: warning: 'title' holds a bidirectional control character U+202E, which can disguise what it says",
        "content/2025/03/two.md:2:8: warning: 'title' holds a bidirectional control character U+202E, "
        "which can disguise what it says",
        "content/2025/03/two.md:4:9: warning: 'author' holds a bidirectional control character U+2067, "
        "which can disguise what it says"]  # the body's own controls (right-to-left prose) are not flagged
    assert run("build")[0] == 0  # allowed: only flagged


def test_a_control_character_in_digest_yaml_is_located(built):
    (built / "digest.yaml").write_text((built / "digest.yaml").read_text().replace("Test Digest", "Test\x1bDigest"))
    fails_with(built, "digest.yaml:1:12: error: U+001B (a control character) is not allowed in digest.yaml")
