"""Benchmark `digest import`: text dumps/s (target >= 300) and HTML files/s (target >= 30), and
real full-page dumps/s (target >= 100) when given the dev set.

Generates distinct copies of the importer fixtures (each with its own headline, so none is a
duplicate) in a temporary folder, imports them in-process into a fresh content dir, and prints
files per second.  Not a test: run it by hand.

    python bench/bench_import.py [--text 600] [--html 120] [--devset ../shared/devset]

The fixture copies are short invented pages; `--devset` times the dev set's real page dumps (menus,
teasers, footers and all), read from where they are and never copied into the repository.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from digest.importer.command import configure_parser, run  # noqa: E402

FIXTURES = REPO / "tests" / "importer" / "fixtures"


def make_copies(folder: Path, pattern: str, count: int, title_of: dict[str, str]) -> None:
    """Write `count` variants of the fixtures matching `pattern`, each headline made unique."""
    sources = sorted(FIXTURES.glob(pattern))
    folder.mkdir(parents=True)
    for n in range(count):
        src = sources[n % len(sources)]
        text = src.read_bytes().decode("utf-8", errors="surrogateescape")
        title = title_of[src.name]
        text = text.replace(title, f"{title} number {n}").replace(".example/", f".example/{n}/")
        (folder / f"{n:05d}_{src.name}").write_bytes(text.encode("utf-8", errors="surrogateescape"))


def time_import(folder: Path, into: Path, extra: list[str], check: bool = True) -> tuple[float, str]:
    parser = argparse.ArgumentParser()
    configure_parser(parser)
    args = parser.parse_args([str(folder), "--into", str(into), *extra])
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    code = run(args, out, err)
    elapsed = time.perf_counter() - start
    if code != 0 and check:
        raise SystemExit(f"import failed:\n{err.getvalue()[:2000]}")
    return elapsed, out.getvalue().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=int, default=600, help="number of text dumps")
    parser.add_argument("--html", type=int, default=120, help="number of HTML pages")
    parser.add_argument("--devset", type=Path, help="also time the real page dumps of this dev set folder")
    options = parser.parse_args()
    titles = {
        # the headline as it appears in each fixture (replaced to make every copy distinct)
        "t02_rt_style.txt": "Harbour town of Vellmar votes to rebuild its lighthouse",
        "t03_guardian_style.txt": "Kelmsford library reopens after three-year restoration",
        "t04_us_style.txt": "Westbrook council approves night bus pilot",
        "t05_wire_style.txt": "Dornau shipyard wins order for four ferries",
        "t09_lists.txt": "What changes for Linden drivers from March",
        "t12_de_news.txt": "Neue Fähre für den Hafen von Kleinmoor",
        "t14_fr_news.txt": "Le marché couvert de Vaulbry rouvre ses portes",
        "t17_ru_news.txt": "В Заречье открыли новый мост через реку",
        "h01_article.html": "Vellmar mayor opens the new river bridge",
        "h02_blog.html": "Ten years of the Marsh End repair café",
        "h03_de.html": "Kleinmoor baut ein neues Schwimmbad",
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        text_dir = root / "text"
        text_dir.mkdir()
        for name in [n for n in titles if n.endswith(".txt")]:
            make_copies(text_dir / Path(name).stem, name, options.text // 8, titles)
        html_dir = root / "html"
        html_dir.mkdir()
        for name in [n for n in titles if n.endswith(".html")]:
            make_copies(html_dir / Path(name).stem, name, options.html // 3, titles)
        n_text = sum(1 for _ in text_dir.rglob("*.txt"))
        n_html = sum(1 for _ in html_dir.rglob("*.html"))
        # warm up imports (trafilatura, lxml) so start-up is not counted
        time_import(html_dir / "h01_article", root / "warm", ["--dry-run"])
        elapsed, summary = time_import(text_dir, root / "content-text", ["--timezone", "UTC"])
        print(f"text dumps: {n_text} files in {elapsed:.2f} s = {n_text / elapsed:.0f} files/s "
              f"(target >= 300)  [{summary}]")
        elapsed, summary = time_import(html_dir, root / "content-html", ["--timezone", "UTC"])
        print(f"HTML pages: {n_html} files in {elapsed:.2f} s = {n_html / elapsed:.0f} files/s "
              f"(target >= 30)  [{summary}]")
        elapsed, summary = time_import(text_dir, root / "content-text", ["--timezone", "UTC"])
        print(f"re-import of the text dumps (all unchanged): {n_text / elapsed:.0f} files/s  [{summary}]")
        if options.devset:
            pages = sorted((options.devset / "pages").glob("*.txt"))
            real = root / "real"
            real.mkdir()
            for page in pages:  # links, so the folder holds only the inputs (not the truth files)
                (real / page.name).symlink_to(page.resolve())
            elapsed, summary = time_import(real, root / "content-real", ["--timezone", "UTC"], check=False)
            print(f"real page dumps: {len(pages)} files in {elapsed:.2f} s = {len(pages) / elapsed:.0f} files/s "
                  f"(target >= 100)  [{summary}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
