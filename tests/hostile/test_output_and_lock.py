"""The output folder and concurrency: no user file overwritten, one build at a time per site."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, article
from digest.buildlock import build_lock
from digest.cli import main


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def sample_with(tmp_path: Path, count: int, month: str, name: str) -> Path:
    """A copy of the repository's sample with `count` more short articles, content/2016/<month>/<name>-N.md."""
    site = tmp_path / "site-root"
    site.mkdir()
    shutil.copy(REPO / "digest.yaml", site / "digest.yaml")
    shutil.copytree(REPO / "content", site / "content")
    for n in range(count):
        path = site / f"content/2016/{month}/{name}-{n}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(f"{name.title()} story number {n}", f"2016-{month}-{n % 28 + 1:02d}T10:00:00+00:00",
                                f"Paragraph {n} about ferries and the harbour.\n", tags=[name]))
    return site


def test_a_foreign_output_folder_is_refused_and_left_alone(make_site, tmp_path, monkeypatch):
    root = make_site({"content/2025/03/a.md": article("Harbour reopens", "2025-03-01T09:00:00+00:00")})
    monkeypatch.chdir(root)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.html").write_text("<p>my own page</p>")
    (mine / "robots.txt").write_text("User-agent: *\n")
    code, out, err = run("build", "--output", str(mine))
    assert code == 1
    assert "error: the output folder holds 2 files digest did not write (e.g. index.html); nothing was changed" in err
    assert tree(mine) == {"index.html": b"<p>my own page</p>", "robots.txt": b"User-agent: *\n"}
    # an empty folder, digest's own folder, and --force are fine
    (tmp_path / "empty").mkdir()
    assert run("build", "-q", "--output", str(tmp_path / "empty"))[0] == 0
    assert run("build", "-q", "--output", str(tmp_path / "empty"))[0] == 0
    assert run("build", "-q", "--output", str(mine), "--force")[0] == 0
    assert b"Harbour reopens" in (mine / "index.html").read_bytes()


def test_output_files_deleted_by_hand_are_made_again(make_site, tmp_path, monkeypatch):
    """Nothing digest wrote stays lost: a build that runs restores every missing output, and a
    deletion at the top of the output folder makes an otherwise unchanged build run."""
    from conftest import SMALL_SITE

    root = make_site(SMALL_SITE)
    monkeypatch.chdir(root)
    assert run("build", "-q")[0] == 0
    whole = tree(root / "site")
    (root / "site/index.html").unlink()  # nothing else changed
    code, out, err = run("build")
    assert code == 0 and "nothing changed" not in out
    assert tree(root / "site") == whole
    shutil.rmtree(root / "site/tags")
    for page in sorted((root / "site").rglob("index.html"))[:3]:
        page.unlink()
    (root / "content/2015/09/pentagon.md").touch()
    assert run("build", "-q")[0] == 0
    assert tree(root / "site") == whole


def test_a_second_build_waits_for_the_first(tmp_path):
    lock_folder = tmp_path / ".digest-cache"
    told: list[int | None] = []
    with build_lock(lock_folder):
        try:
            with build_lock(lock_folder, told.append, wait=0.3):
                raise AssertionError("two builds held the lock at once")
        except Exception as exc:  # noqa: BLE001
            assert f"another build is running (pid {os.getpid()})" in str(exc.diagnostics[0].message)
    assert told == [os.getpid()]
    with build_lock(lock_folder, wait=0.3):  # released: taken at once
        pass


def test_two_builds_started_at_once_both_succeed_and_equal_a_clean_build(tmp_path):
    site = sample_with(tmp_path, 120, "01", "extra")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    builds = [subprocess.Popen([sys.executable, "-m", "digest", "build", "-q"], cwd=site, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [b.communicate(timeout=300) for b in builds]
    assert [b.returncode for b in builds] == [0, 0], results
    assert all("Traceback" not in err for _, err in results)
    clean = tmp_path / "clean"
    assert subprocess.run([sys.executable, "-m", "digest", "build", "-q", "--clean", "--output", str(clean)],
                          cwd=site, env=env).returncode == 0
    built = {k: v for k, v in tree(site / "site").items() if k != ".digest-manifest"}
    assert built == {k: v for k, v in tree(clean).items() if k != ".digest-manifest"}


def test_a_flipped_byte_in_any_cache_part_is_caught_and_rebuilt(make_site, tmp_path, monkeypatch):
    from conftest import SMALL_SITE

    root = make_site(SMALL_SITE)
    monkeypatch.chdir(root)
    assert run("build", "-q")[0] == 0
    clean = tmp_path / "clean"
    assert run("build", "-q", "--clean", "--output", str(clean))[0] == 0
    expected = {k: v for k, v in tree(clean).items() if k != ".digest-manifest"}
    parts = sorted((root / ".digest-cache").glob("*.pickle"))
    assert len(parts) >= 5
    for part in parts:
        for where in (0.3, 0.6, 0.9):
            run("build", "-q")  # a good cache again
            data = bytearray(part.read_bytes())
            spot = max(40, int(len(data) * where))  # past the header
            data[spot] ^= 0x01
            part.write_bytes(bytes(data))
            (root / "content/2015/09/pentagon.md").touch()  # not a no-op: the cache is read
            code, out, err = run("build")
            assert code == 0 and "Traceback" not in err, err
            assert {k: v for k, v in tree(root / "site").items() if k != ".digest-manifest"} == expected, part.name


def test_builds_killed_at_any_point_never_break_the_site(tmp_path):
    """kill -9 a build at spread-out moments (reading, enriching, writing, saving the cache); the
    next plain build always equals a clean build, and nothing in content/ changes."""
    import signal
    import time

    site = sample_with(tmp_path, 150, "02", "more")
    content_before = tree(site / "content")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "digest", "build", "-q"]
    started = time.monotonic()
    assert subprocess.run(command, cwd=site, env=env).returncode == 0
    whole = time.monotonic() - started
    kills = 0
    for step in range(1, 9):
        victim = str(site / f"content/2016/02/more-{step}.md")
        Path(victim).write_text(article(f"More story number {step}", "2016-02-10T08:00:00+00:00", f"Edit {step}.\n"))
        content_before[f"2016/02/more-{step}.md"] = Path(victim).read_bytes()
        build = subprocess.Popen(command + (["--clean"] if step % 2 else []), cwd=site, env=env)
        time.sleep(whole * step / 9)
        if build.poll() is None:
            build.send_signal(signal.SIGKILL)
            kills += 1
        build.wait()
    print(f"kills: {kills} of 8")
    assert kills >= 3, "the builds finished before they could be killed: the test proves nothing"
    assert subprocess.run(command, cwd=site, env=env).returncode == 0
    clean = tmp_path / "clean"
    assert subprocess.run(command + ["--clean", "--output", str(clean)], cwd=site, env=env).returncode == 0
    built = {k: v for k, v in tree(site / "site").items() if k != ".digest-manifest"}
    assert built == {k: v for k, v in tree(clean).items() if k != ".digest-manifest"}
    assert tree(site / "content") == content_before
