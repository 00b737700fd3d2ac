"""Measure `digest import` on the dev set of real page dumps: import every page with this checkout's
`python -m digest import`, name each output after its input, score the `tune` and `check` splits with
the dev set's own scorer, and print the per-field table side by side.

    python bench/devset.py ../shared/devset [--split tune|check|all] [--json DIR] [--keep DIR]
                           [--mismatches title|date|author]

Not a test, and nothing of the dev set is copied into the repository: pages are read from the
folder given and outputs go to a temporary folder (or --keep DIR).  `--json DIR` writes the scorer's
per-page results (`DIR/<split>.json`) to look at what went wrong.  `--mismatches FIELD` lists the
`tune` pages that field got wrong (the truth beside what was imported, and how it went wrong:
missed, spurious, partial or wrong), printed to the terminal only, and never for `check`: rules are
worked out from `tune` alone.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIELDS = ("title", "date", "author", "related", "body_recall", "leakage", "hygiene")
TARGETS = {"title": ">= 0.90", "date": ">= 0.85", "author": ">= 0.75", "body_recall": ">= 0.95",
           "leakage": "<= 0.05", "hygiene": "= 1.0"}


def split_ids(devset: Path) -> dict[str, list[str]]:
    """The ids of each split, from splits.tsv."""
    parts: dict[str, list[str]] = {}
    for line in (devset / "splits.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) >= 2:
            parts.setdefault(cells[1].strip(), []).append(cells[0].strip())
    return parts


def import_all(devset: Path, ids: list[str], out: Path) -> float:
    """Run the real command over every page (one process, as a user would); returns seconds."""
    files = [str(devset / "pages" / f"{i}.txt") for i in ids]
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "digest", "import", *files, "--into", str(out / "imported"),
                    "--timezone", "UTC"], cwd=out, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def name_outputs(out: Path) -> Path:
    """Copy each imported file to `named/<input stem>.md`, found from its `imported.from`."""
    named = out / "named"
    named.mkdir(exist_ok=True)
    for path in (out / "imported").rglob("*.md"):
        match = re.search(r"^imported:\n(?:  .*\n)*?  from: (.+)$", path.read_text(encoding="utf-8"), re.M)
        if match:
            shutil.copy(path, named / (Path(match.group(1).strip().strip("'\"")).stem + ".md"))
    return named


def score(devset: Path, named: Path, split: str, json_dir: Path | None) -> dict:
    """The scorer's mean line for one split, as a dict."""
    args = [sys.executable, str(devset / "score.py"), "--pages", str(devset / "pages"), "--outputs", str(named),
            "--summary-only"]
    if split != "all":
        args += ["--split", split]
    if json_dir is not None:
        json_dir.mkdir(parents=True, exist_ok=True)
        args += ["--json", str(json_dir / f"{split}.json")]
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("mean:")][-1]
    return json.loads(line[len("mean:"):])


def mismatch_kind(score: float, want: object, got: object) -> str:
    """How a field went wrong: nothing imported, something where the truth has nothing, an
    overlapping set (authors), or a different value."""
    if not got:
        return "missed"
    if not want:
        return "spurious"
    return "partial" if 0.0 < score < 1.0 else "wrong"


def print_mismatches(devset: Path, tune_json: Path, field: str) -> None:
    """One line per tune page the field got wrong, then the count of each kind."""
    kinds: dict[str, int] = {}
    for case in json.loads(tune_json.read_text(encoding="utf-8"))["cases"]:
        value = case.get(field)
        if value is None or value == 1.0:
            continue
        truth = json.loads((devset / "pages" / f"{case['case']}.truth.json").read_text(encoding="utf-8"))
        want = (truth.get(field) or {}).get("value")
        got = (case.get("got") or {}).get(field)
        kind = mismatch_kind(value, want, got)
        kinds[kind] = kinds.get(kind, 0) + 1
        print(f"{kind:<9}{value:<5} {case['case']:<34} truth={want!r} got={got!r}")
    print(f"{field} mismatches on tune: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("devset", type=Path, nargs="?", default=REPO.parent / "shared" / "devset")
    parser.add_argument("--split", choices=("tune", "check", "all", "both"), default="both")
    parser.add_argument("--json", type=Path, help="write the scorer's per-page results here")
    parser.add_argument("--keep", type=Path, help="keep the imported files here (default: a temporary folder)")
    parser.add_argument("--mismatches", choices=("title", "date", "author"),
                        help="list the tune pages this field got wrong (tune only)")
    args = parser.parse_args(argv)
    devset = args.devset.resolve()
    parts = split_ids(devset)
    splits = ["tune", "check"] if args.split == "both" else [args.split]
    if args.mismatches and "tune" not in splits:
        parser.error("--mismatches lists tune pages only: run it with --split tune or both")
    ids = sorted({i for s in splits for i in (parts[s] if s != "all" else [x for v in parts.values() for x in v])})
    with tempfile.TemporaryDirectory(prefix="digest-devset-") as tmp:
        out = args.keep.resolve() if args.keep else Path(tmp)
        if args.keep and out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True, exist_ok=True)
        seconds = import_all(devset, ids, out)
        named = name_outputs(out)
        json_dir = args.json if args.json else (out / "scores" if args.mismatches else None)
        results = {s: score(devset, named, s, json_dir) for s in splits}
        if args.mismatches:
            print_mismatches(devset, json_dir / "tune.json", args.mismatches)
    print(f"dev set: {len(ids)} pages imported in {seconds:.1f} s ({len(ids) / seconds:.0f} dumps/s, "
          f"the real command, startup included)")
    print(f"{'field':<12}" + "".join(f"{s:>9}" for s in splits) + "   target")
    for field in FIELDS:
        cells = "".join(f"{'-' if results[s].get(field) is None else format(results[s][field], '.3f'):>9}"
                        for s in splits)
        print(f"{field:<12}{cells}   {TARGETS.get(field, '')}")
    print(f"{'outputs':<12}" + "".join(f"{results[s]['pages_with_output']:>5}/{results[s]['pages']:<3}" for s in splits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
