"""The command line as a user runs it: summary lines, verbose listing, check, python -m digest."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from conftest import SMALL_SITE
from digest.cli import main


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_build_prints_one_summary_line(make_site, monkeypatch):
    root = make_site(SMALL_SITE)
    monkeypatch.chdir(root)
    code, out, err = run("build")
    assert code == 0
    assert err == "note: 2 READ MORE references name no article of this digest; 'digest check' lists them\n"
    assert re.fullmatch(r"built 3 articles, 28 pages, 33 feeds in \d+\.\d\d s -> site/ "
                        r"\(68 written, 0 unchanged, 0 removed\)\n", out), out
    code, out, _ = run("build")
    assert re.fullmatch(r"built 3 articles, 28 pages, 33 feeds in \d+\.\d\d s -> site/ \(nothing changed\)\n", out)
    code, out, _ = run("build", "--clean")
    assert "(0 written, 68 unchanged, 0 removed)" in out


def test_verbose_lists_written_files_and_quiet_prints_nothing(make_site, monkeypatch):
    root = make_site(SMALL_SITE)
    monkeypatch.chdir(root)
    code, out, _ = run("build", "-v")
    assert code == 0
    assert "wrote 2015/09/pentagon/index.html\n" in out and "wrote atom.xml\n" in out
    assert run("build", "-q")[1] == ""


def test_check_writes_nothing(make_site, monkeypatch):
    root = make_site(SMALL_SITE)
    monkeypatch.chdir(root)
    code, out, err = run("check")
    assert code == 0
    assert out.startswith("checked: 3 articles, 28 pages, 33 feeds in ") and out.endswith("; 2 warnings\n")
    assert err.splitlines() == [
        "content/2015/09/pentagon.md:13: warning: READ MORE reference not found in the digest: 'Elsewhere' "
        "(hint: it links to its url)",
        "content/2015/09/pentagon.md:15: warning: READ MORE reference not found in the digest: 'Unknown story' "
        "(hint: it is shown as plain text)"]
    assert not (root / "site").exists()


def test_output_and_base_url_options(make_site, monkeypatch):
    root = make_site(SMALL_SITE)
    monkeypatch.chdir(root)
    code, out, _ = run("build", "--output", "public", "--base-url", "https://preview.example.net/x")
    assert code == 0 and "-> public/" in out
    page = (root / "public/2015/09/pentagon/index.html").read_text()
    assert 'href="https://preview.example.net/x/2015/09/pentagon/"' in page
    assert not (root / "site").exists()


def test_python_dash_m_digest_runs(make_site):
    root = make_site(SMALL_SITE)
    done = subprocess.run([sys.executable, "-m", "digest", "build", "--root", str(root)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("built 3 articles")
    assert (root / "site/index.html").exists()


def test_imports_without_a_date_or_a_body_are_drafts_the_build_reports_and_check_lists(make_site, monkeypatch, tmp_path):
    root = make_site(SMALL_SITE)
    monkeypatch.chdir(root)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "undated.txt").write_text(
        "Ferry timetable changes - Harbour Weekly\n\nHome | News\n\nFerry timetable changes\n\n"
        "The morning ferry will leave twenty minutes earlier from next month, the operator said.\n\n"
        "Passengers with season tickets do not need to do anything, according to the company.\n",
        encoding="utf-8")
    (raw / "headline-only.txt").write_text(
        "Council votes on the new library - Harbour Weekly\n\nCouncil votes on the new library\n\n"
        "Share\n\nTweet\n", encoding="utf-8")
    (raw / "furniture.txt").write_text("Home\nNews\nShare on Facebook\nAdvertisement\n", encoding="utf-8")
    code, out, err = run("import", str(raw), "--into", "content")
    assert code == 1, out + err                                   # the furniture-only input failed ...
    assert "furniture.txt: error: no article text found" in err   # ... said so ...
    assert len(list((root / "content").rglob("*.md"))) == 5      # ... and wrote nothing; the two drafts were written
    code, out, err = run("build")
    assert code == 0, err
    assert "note: 2 drafts need review" in err
    code, out, err = run("check")
    assert "add the date" in out + err and "add the article text" in out + err
