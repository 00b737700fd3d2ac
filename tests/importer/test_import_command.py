"""`digest import` as a user runs it: files in tmp_path, import, read the Markdown back."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from .conftest import read_article, run_import, written

SEED = Path(__file__).resolve().parents[2] / "examples" / "raw" / "000_69934d45cc2de441.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_seed_meets_the_issue_done_criteria(content: Path) -> None:
    result = run_import(SEED, "--source", "RT", "--timezone", "Europe/Moscow", "--into", content)
    assert result.code == 0, result.err
    path = content / "2015" / "09" / "pentagon-to-open-lines-of-communication.md"
    assert written(content) == [path]
    meta, body = read_article(path)
    assert meta["title"] == "Pentagon to open ‘lines of communication’ with Russia over strikes in Syria"
    assert meta["date"] == "2015-09-29T23:35:00+03:00"
    assert body.startswith("The US will open") and body.rstrip().endswith("barrel bombs.")
    assert "icon" not in body and "READ MORE" not in body
    assert meta["related"] == [{"title": "‘Constructive & surprisingly frank’: Putin meets Obama on UNGA sidelines"}]
    assert set(meta) <= {"title", "date", "updated", "author", "source", "tags", "summary", "image", "language",
                         "draft", "slug", "sample", "related", "imported", "extra"}
    assert meta["imported"]["from"] == "000_69934d45cc2de441.txt" and meta["imported"]["format"] == "text"


def test_known_source_gives_the_timezone(content: Path) -> None:
    run_import(SEED, "--source", "RT", "--into", content)
    meta, _ = read_article(written(content)[0])
    assert meta["date"] == "2015-09-29T23:35:00+03:00"


def test_second_import_changes_nothing(content: Path) -> None:
    run_import(SEED, "--source", "RT", "--into", content)
    before = {p: p.read_bytes() for p in written(content)}
    mtimes = {p: p.stat().st_mtime_ns for p in written(content)}
    again = run_import(SEED, "--source", "RT", "--into", content)
    assert again.code == 0
    assert "unchanged (" in again.out
    assert again.out.splitlines()[-1] == "0 imported, 0 updated, 1 unchanged, 0 duplicate, 0 skipped, 0 failed"
    assert {p: p.read_bytes() for p in written(content)} == before
    assert {p: p.stat().st_mtime_ns for p in written(content)} == mtimes


def test_same_article_from_another_file_is_a_duplicate(tmp_path: Path, content: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes() + b"\n\nComments (3)\n")
    run_import(SEED, "--source", "RT", "--into", content)
    result = run_import(copy, "--source", "RT", "--into", content)
    assert "duplicate of" in result.out and "pentagon-to-open-lines-of-communication.md" in result.out
    assert len(written(content)) == 1


def test_edited_file_is_not_overwritten_without_force(tmp_path: Path, content: Path) -> None:
    raw = tmp_path / "story.txt"
    raw.write_text((FIXTURES / "t10_relative_date.txt").read_text().replace("3 hours ago", "5 May 2020"))
    run_import(raw, "--source", "Marsh End Gazette", "--into", content)
    [path] = written(content)
    path.write_text(path.read_text().replace("Pupils from", "Curated: pupils from"))
    raw.write_text(raw.read_text() + "\nThe trophy will be shown in the library.\n")
    result = run_import(raw, "--source", "Marsh End Gazette", "--into", content)
    assert "skipped" in result.out and "Curated:" in path.read_text()
    forced = run_import(raw, "--source", "Marsh End Gazette", "--into", content, "--force")
    assert "updated" in forced.out and "Curated:" not in path.read_text()
    assert "trophy" in path.read_text()


def test_changed_raw_file_updates_an_unedited_import(tmp_path: Path, content: Path) -> None:
    raw = tmp_path / "story.txt"
    raw.write_text((FIXTURES / "t09_lists.txt").read_text())
    run_import(raw, "--source", "Linden Post", "--into", content)
    raw.write_text(raw.read_text() + "The office opens at eight.\n")
    result = run_import(raw, "--source", "Linden Post", "--into", content)
    assert ": updated ->" in result.out
    assert "The office opens at eight." in written(content)[0].read_text()


def test_a_hand_written_file_with_the_same_title_and_day_is_kept_and_the_import_goes_beside_it(content: Path) -> None:
    path = content / "2015" / "09" / "pentagon-to-open-lines-of-communication.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: \"Pentagon to open ‘lines of communication’ with Russia over strikes in Syria\"\n"
                    "date: 2015-09-29T23:35:00+03:00\n---\n\nHand-written.\n")
    result = run_import(SEED, "--source", "RT", "--into", content)
    assert result.code == 0 and "duplicate of" not in result.out  # same title and day, another body: another article
    assert "Hand-written." in path.read_text()
    beside = path.with_name("pentagon-to-open-lines-of-communication-2.md")
    assert "The US will open" in beside.read_text()


def test_two_articles_with_one_title_on_one_day_are_both_kept_and_a_true_duplicate_exits_1(tmp_path: Path, content: Path) -> None:
    page = "Harbour Courier\n\nTown council meets\n\n12 March 2021\n\n{body}\n"
    (tmp_path / "a.txt").write_text(page.format(body="The council approved the harbour budget on Friday evening."))
    (tmp_path / "b.txt").write_text(page.format(body="The council rejected the new parking rules after a long debate."))
    result = run_import(tmp_path / "a.txt", tmp_path / "b.txt", "--into", content)
    assert result.code == 0 and result.out.count("imported ->") == 2
    (tmp_path / "c.txt").write_text(page.format(body="The council approved the harbour budget on Friday evening."))
    again = run_import(tmp_path / "c.txt", "--into", content)
    assert "duplicate of" in again.out and again.code == 1  # nothing else came in
    mixed = run_import(tmp_path / "c.txt", tmp_path / "a.txt", "--into", content)
    assert "duplicate of" in mixed.out and mixed.code == 0


def test_options_given_again_apply_to_an_unchanged_input_unless_it_was_edited(tmp_path: Path, content: Path) -> None:
    first = run_import(SEED, "--into", content)
    path = next(content.rglob("*.md"))
    assert "source:" not in path.read_text().split("imported:")[0] or "RT" in path.read_text()
    again = run_import(SEED, "--into", content, "--source", "Example Wire", "--tag", "syria")
    assert "updated" in again.out, again.out
    text = path.read_text()
    assert "name: Example Wire" in text and "- syria" in text
    assert "unchanged" in run_import(SEED, "--into", content).out  # no options: what is there stays
    path.write_text(text.replace("The US will open", "Edited by hand: the US will open"))
    edited = run_import(SEED, "--into", content, "--source", "Other Wire")
    assert "skipped" in edited.out and "Edited by hand" in path.read_text()
    assert first.code == 0


def test_bad_inputs_fail_one_line_each_and_others_still_import(tmp_path: Path, content: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "furniture.txt").write_text("Home News World Sport\nShare on Facebook\nAdvertisement\n© 2020 Site\n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00" * 20)
    (tmp_path / "broken.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>')
    result = run_import(tmp_path / "empty.txt", tmp_path / "furniture.txt", tmp_path / "binary.txt",
                        tmp_path / "broken.xml", tmp_path / "missing.txt", SEED, "--source", "RT", "--into", content)
    assert result.code == 1
    errors = result.err.splitlines()
    assert f"{tmp_path / 'empty.txt'}: error: empty input" in errors
    assert any(line.startswith(f"{tmp_path / 'furniture.txt'}: error: no article text found") for line in errors)
    assert any(line.startswith(f"{tmp_path / 'binary.txt'}: error: undecodable bytes") for line in errors)
    assert any(line.startswith(f"{tmp_path / 'broken.xml'}: error: feed") for line in errors)
    assert f"{tmp_path / 'missing.txt'}: error: no such file or directory" in errors
    assert len(errors) == 5
    assert result.out.splitlines()[-1] == "1 imported, 0 updated, 0 unchanged, 0 duplicate, 0 skipped, 5 failed"


def test_directories_are_walked_and_dry_run_writes_nothing(tmp_path: Path, content: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    for name in ("t02_rt_style.txt", "h01_article.html", "f01_rss.xml"):
        (raw / "sub" / name).write_bytes((FIXTURES / name).read_bytes())
    (raw / ".hidden.txt").write_text("nothing")
    dry = run_import(raw, "--into", content, "--dry-run")
    assert dry.code == 0 and not content.exists()
    assert dry.out.splitlines()[-1] == "dry run: 4 imported, 0 updated, 0 unchanged, 0 duplicate, 0 skipped, 0 failed"
    run_import(raw, "--into", content, "--tag", "digest-test")
    assert len(written(content)) == 4
    assert all("digest-test" in read_article(p)[0]["tags"] for p in written(content))


def test_stdin_and_crlf_bom_windows_1252(content: Path) -> None:
    data = "\ufeffSome Town Post\r\n12 Mar, 2016 14:20\r\nCaf\u00e9 owners in Lindholm win award\r\n" \
           "The caf\u00e9 \u2013 run by two sisters \u2013 won the regional prize.\r\n"
    result = run_import("-", "--into", content, "--timezone", "+01:00", stdin=data.encode("utf-8"))
    assert result.code == 0, result.err
    meta, body = read_article(written(content)[0])
    assert meta["title"] == "Café owners in Lindholm win award" and meta["date"] == "2016-03-12T14:20:00+01:00"
    assert "\r" not in body and "\ufeff" not in body
    result = run_import("-", "--into", content / "b", stdin=data.replace("\ufeff", "").encode("cp1252"))
    assert read_article(written(content / "b")[0])[1] == body


def test_relative_date_is_left_out_with_a_warning_unless_a_reference_is_given(content: Path) -> None:
    raw = FIXTURES / "t10_relative_date.txt"
    result = run_import(raw, "--into", content, "--source", "Marsh End Gazette")
    assert "warning: relative date '3 hours ago' left out" in result.err
    assert "date" not in read_article(written(content)[0])[0]
    result = run_import(raw, "--into", content / "r", "--source", "Marsh End Gazette",
                        "--reference-time", "2020-05-05T12:00:00+01:00")
    assert read_article(written(content / "r")[0])[0]["date"] == "2020-05-05T09:00:00+01:00"


def test_unknown_timezone_is_a_usage_error(content: Path) -> None:
    result = run_import(SEED, "--into", content, "--timezone", "Mars/Olympus")
    assert result.code == 2 and "unknown timezone 'Mars/Olympus'" in result.err


class _Handler(http.server.BaseHTTPRequestHandler):
    pages = {"/article": ("text/html", (FIXTURES / "h01_article.html").read_bytes()),
             "/feed": ("application/rss+xml", (FIXTURES / "f01_rss.xml").read_bytes())}

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path not in self.pages:
            self.send_error(404)
            return
        kind, body = self.pages[self.path]
        assert self.headers["User-Agent"].startswith("digest/")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_are_fetched_article_and_feed(server: str, content: Path) -> None:
    result = run_import(f"{server}/redirect", f"{server}/feed", f"{server}/missing", "--into", content)
    assert result.code == 1
    assert f"{server}/missing: error: HTTP 404" in result.err
    metas = [read_article(p)[0] for p in written(content)]
    assert len(metas) == 3
    article = next(m for m in metas if m["imported"]["format"] == "url")
    assert article["title"] == "Vellmar mayor opens the new river bridge"
    assert article["imported"]["from"] == f"{server}/redirect"


def test_file_claiming_an_import_without_hashes_is_protected(content: Path) -> None:
    path = content / "2015" / "09" / "pentagon-to-open-lines-of-communication.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: Hand copy\ndate: 2015-09-29\nimported:\n  from: 000_69934d45cc2de441.txt\n"
                    "  format: text\n---\n\nHand-written.\n")
    result = run_import(SEED, "--source", "RT", "--into", content)
    assert "skipped" in result.out and "Hand-written." in path.read_text()


def test_a_time_read_as_a_utc_offset_never_reaches_the_file(content: Path) -> None:
    from datetime import datetime, timedelta, timezone

    from digest.importer.article import Block, ImportedArticle
    from digest.importer.pipeline import needs_review

    bad = timezone(timedelta(hours=20, minutes=21))
    article = ImportedArticle(title="T", blocks=(Block.paragraph("B"),), origin="x.txt", format="text", sha256="0",
                              date=datetime(2021, 11, 19, 19, 11, tzinfo=bad))
    fixed = needs_review(article)
    assert fixed.date == datetime(2021, 11, 19, 19, 11) and fixed.date.tzinfo is None
    assert any("not a real one" in w for w in fixed.warnings)
    good = timezone(timedelta(hours=5, minutes=45))
    kept = ImportedArticle(title="T", blocks=(Block.paragraph("B"),), origin="x.txt", format="text", sha256="0",
                           date=datetime(2021, 11, 19, 19, 11, tzinfo=good))
    assert needs_review(kept) == kept


def test_a_large_batch_read_in_worker_processes_writes_exactly_what_one_process_writes(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    towns = ["Vellmar", "Kleinmoor", "Dornau", "Linden", "Westbrook", "Kelmsford"]
    for n in range(320):        # enough to use the worker pool; every fifth input is a true duplicate
        k = n - n % 5 if n % 5 == 4 else n
        town = towns[k % len(towns)]
        (raw / f"{n:04d}.txt").write_text(
            f"{town} story {k} - Harbour Weekly\n\nHome | News\n\n{town} story {k}\n\n{k % 28 + 1} March 2021 10:{k % 60:02d}\n\n"
            f"The council of {town} met for the {k}th time and agreed on the harbour budget.\n\n"
            f"Residents said the decision number {k} came late but was welcome.\n", encoding="utf-8")
    one = run_import(raw, "--into", tmp_path / "one", "--timezone", "UTC", "-j", "1")
    two = run_import(raw, "--into", tmp_path / "two", "--timezone", "UTC", "-j", "2")
    assert one.out.replace("/one/", "/two/") == two.out and one.err == two.err
    assert "256 imported" in one.out.splitlines()[-1] and "64 duplicate" in one.out.splitlines()[-1]
    files = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*.md")}  # noqa: E731
    assert files(tmp_path / "one") == files(tmp_path / "two") and len(files(tmp_path / "one")) == 256
