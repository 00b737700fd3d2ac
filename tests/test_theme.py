"""The default theme ships inside the package; a site's templates/ overrides it file by file."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import REPO
from digest.cli import main
from digest.errors import ConfigError
from digest.theme import PAGE_TEMPLATES, Theme, builtin_theme, site_theme


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


ARTICLE = "---\ntitle: Harbour reopens\ndate: 2025-03-01T09:00:00+00:00\n---\n\nThe harbour reopened.\n"


def test_a_site_without_templates_builds_with_the_default_theme(tmp_path, monkeypatch):
    write(tmp_path, {"digest.yaml": "title: Bare\nbase_url: https://bare.example/\n",
                     "content/2025/03/harbour.md": ARTICLE})
    monkeypatch.chdir(tmp_path)
    code, out, err = run("build")
    assert code == 0, err
    page = (tmp_path / "site/2025/03/harbour/index.html").read_text()
    assert "<h1" in page and "Harbour reopens" in page
    assert (tmp_path / "site/static/style.css").read_bytes() == (builtin_theme() / "static/style.css").read_bytes()


def test_a_site_template_and_static_file_override_the_default_ones_alone(tmp_path, monkeypatch):
    write(tmp_path, {"digest.yaml": "title: Own\nbase_url: https://own.example/\n",
                     "content/2025/03/harbour.md": ARTICLE,
                     "templates/404.html": '{% extends "base.html" %}{% block main %}<p>Lost at sea</p>{% endblock %}\n',
                     "templates/static/style.css": "body { color: teal }\n"})
    monkeypatch.chdir(tmp_path)
    assert run("build")[0] == 0
    assert "Lost at sea" in (tmp_path / "site/404.html").read_text()
    assert (tmp_path / "site/static/style.css").read_text() == "body { color: teal }\n"
    # the templates and static files the site does not override still come from the default theme
    assert (tmp_path / "site/static/favicon.svg").read_bytes() == (builtin_theme() / "static/favicon.svg").read_bytes()
    assert "Harbour reopens" in (tmp_path / "site/2025/03/harbour/index.html").read_text()
    # changing the override changes the site on the next (incremental) build
    write(tmp_path, {"templates/404.html": '{% extends "base.html" %}{% block main %}<p>Adrift</p>{% endblock %}\n'})
    assert run("build")[0] == 0
    assert "Adrift" in (tmp_path / "site/404.html").read_text()


def test_a_theme_missing_templates_names_every_one_of_them(tmp_path):
    own = tmp_path / "templates"
    write(own, {"index.html": "home", "article.html": "one"})
    theme = Theme((own, tmp_path / "empty-default"))
    with pytest.raises(ConfigError) as caught:
        theme.check()
    messages = [d.message for d in caught.value.diagnostics]
    assert messages == [f"template not found: {name}" for name in PAGE_TEMPLATES
                        if name not in ("index.html", "article.html")]


def test_the_repository_sample_uses_its_templates_folder_once():
    theme = site_theme(REPO / "templates")
    assert theme.folders == (REPO / "templates",)
    theme.check()


def test_every_package_of_digest_is_listed_in_pyproject():
    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(path.parent.relative_to(REPO).parts) for path in (REPO / "digest").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject.toml [tool.setuptools] packages: {sorted(found - listed)}"


@pytest.mark.skipif(os.environ.get("DIGEST_SKIP_WHEEL") == "1", reason="DIGEST_SKIP_WHEEL=1")
def test_the_wheel_ships_the_default_theme(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(tmp_path.glob("digest-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in PAGE_TEMPLATES + ("base.html", "_macros.html"):
        assert f"digest/default_theme/{template}" in names
    assert "digest/default_theme/static/style.css" in names
    assert {"digest/default_theme/email/edition.html", "digest/default_theme/email/edition.txt"} <= names
    assert "digest/importer/linemodel.json" in names
