"""What the search index (Pagefind, digest/search.py) costs a build: digest with `search: true` and
`search: false` on the same generated corpus, side by side.

For each round, for each setting in turn (alternating, so a busy machine skews both alike): a cold
build (no output, no cache), a no-op rebuild and a one-article change (one body edited), timed with
run.py's `measure`; the search step's own time is read from the build's progress lines
("digest: indexing for search N in X s", printed on builds over two seconds).  Prints the median
of each figure.

    python bench/bench_search.py --articles 10000 --rounds 2
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/ is a folder of scripts, not a package)
import run  # noqa: E402

SETTINGS = ("true", "false")
STEP = re.compile(rb"digest: indexing for search \d+ in ([\d.]+) s")


def set_search(site: Path, value: str) -> None:
    config = site / "digest.yaml"
    lines = [line for line in config.read_text().splitlines() if not line.startswith("search:")]
    config.write_text("\n".join(lines + [f"search: {value}"]) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", "-n", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/digest-bench-search"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    root = args.workdir / f"n{args.articles}"
    if not (root / corpus.MANIFEST).exists():
        print(f"generating {args.articles} articles in {root} ...", flush=True)
        corpus.write_corpus(root, args.articles, args.seed, ("digest",), run.REPO / "templates")
    manifest = json.loads((root / corpus.MANIFEST).read_text())
    rel = manifest["tools"]["digest"]["articles"][manifest["change_index"]]
    tool = run.make_tools(root, None, ["digest"], False)[0]
    figures: dict[tuple[str, str], list[float]] = {}
    steps: dict[tuple[str, str], list[float]] = {}
    for round_number in range(1, args.rounds + 1):
        for setting in SETTINGS:
            set_search(tool.site, setting)
            tool.clear()
            for measure, cmd in (("cold", tool.cold_cmd), ("noop", tool.cmd), ("change", tool.cmd)):
                if measure == "change":
                    run.change_article(tool.site, rel, f"{round_number}-{time.time_ns()}")
                log = args.workdir / "logs" / f"{setting}-{measure}-{round_number}.log"
                sample = run.measure([c for c in cmd if c != "-q"], tool.site, tool.env, log)
                if sample.returncode != 0:
                    raise SystemExit(f"bench_search: the build failed; see {log}")
                figures.setdefault((setting, measure), []).append(sample.seconds)
                found = STEP.search(log.read_bytes())
                if found:
                    steps.setdefault((setting, measure), []).append(float(found.group(1)))
                print(f"round {round_number} search: {setting:5} {run.MEASURE_NAMES[measure]:19} "
                      f"{sample.seconds:7.2f} s {sample.peak_rss_mib:7.0f} MiB  load {sample.load_before:.1f}"
                      + (f"  (indexing {float(found.group(1)):.1f} s)" if found else ""), flush=True)
    print(f"\nN = {args.articles:,} articles, median of {args.rounds} rounds")
    print("| measure | search: true (s) | search: false (s) | difference (s) | indexing step (s) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for measure in run.MEASURES:
        on = statistics.median(figures[("true", measure)])
        off = statistics.median(figures[("false", measure)])
        step = steps.get(("true", measure))
        print(f"| {run.MEASURE_NAMES[measure]} | {on:.2f} | {off:.2f} | {on - off:+.2f} | "
              f"{statistics.median(step):.2f} |" if step else
              f"| {run.MEASURE_NAMES[measure]} | {on:.2f} | {off:.2f} | {on - off:+.2f} | - |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
