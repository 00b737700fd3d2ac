"""A dump whose server printed PHP warnings into the page (above the <title>, and between paragraphs):
`digest import` reads the page under them; the warnings are neither headline nor body."""

from __future__ import annotations

from pathlib import Path

from digest.importer.dumppage import read_page

from .conftest import read_article, run_import, written

WARNINGS = [
    "Deprecated: Assigning the return value of new by reference is deprecated in /srv/www/blog/wp-settings.php on line 512",
    "Deprecated: Function set_magic_quotes_runtime() is deprecated in /srv/www/blog/wp-settings.php on line 18",
    "Strict Standards: Declaration of Walker_Menu::start_lvl() should be compatible with Walker::start_lvl(&$out) "
    "in /srv/www/blog/wp-includes/classes.php on line 576",
]
INNER = ("Warning: Use of undefined constant notes - assumed 'notes' (this will throw an Error in a future "
         "version of PHP) in /srv/www/blog/wp-content/themes/plain/single.php on line 40")
FIRST = ("The lighthouse keepers' association opened its small museum on the pier on Saturday, with the old "
         "lamp, the logbooks of three generations and a model of the first tower built on the rock in 1861.")
SECOND = ("Volunteers restored the lamp over two winters, and the association hopes the museum will draw "
          "visitors outside the summer season, when the ferry to the island runs only twice a week.")


def dump() -> str:
    return "\n".join([*WARNINGS, "Lighthouse museum opens on the pier | Harbour Notes", "Harbour Notes",
                      "Home", "About", "Lighthouse museum opens on the pier", "3. März 2021", FIRST, "",
                      INNER, "", SECOND, "", "Leave a comment", "© 2021 Harbour Notes"])


def test_warnings_above_the_title_are_not_the_headline_or_body(tmp_path: Path, content: Path) -> None:
    source = tmp_path / "museum.txt"
    source.write_text(dump(), encoding="utf-8")
    result = run_import(source, "--into", content, "--timezone", "UTC")
    assert result.code == 0, result.err
    [path] = written(content)
    meta, body = read_article(path)
    assert meta["title"] == "Lighthouse museum opens on the pier"
    assert FIRST in body and SECOND in body
    assert "on line" not in body and "wp-settings" not in body and "Deprecated" not in body


def test_a_sentence_that_only_looks_like_a_warning_stays() -> None:
    kept = ["Warning: the footbridge on line 4 of the harbour map is closed until Friday.",
            "Notice: the museum is in /old/pier rooms on line two of the ferry timetable"]
    page = read_page("\n".join([WARNINGS[0], *kept]))
    assert page.lines == tuple(kept)
