"""Compiled templates are kept between builds (templates.CompiledTemplates, in the build cache):
an unchanged theme is not compiled again, an edited template is, and what is published always
follows the template's current source -- through the real CLI and its cache on disk."""

from __future__ import annotations

import io

from conftest import SMALL_SITE
from digest.cache import load_cache
from digest.cli import main


def cli_build(root):
    out, err = io.StringIO(), io.StringIO()
    assert main(["build", "--root", str(root), "-q"], out, err) == 0, err.getvalue()


def stored(root) -> dict[str, bytes]:
    cache, note = load_cache(root / ".digest-cache")
    assert note is None
    return cache.templates


def test_templates_compiled_once_are_reused_until_their_source_changes(make_site):
    root = make_site(SMALL_SITE)
    cli_build(root)
    first = stored(root)
    assert len(first) >= 3  # base, article, index and the partials they include at least
    (root / "content/2015/09/pentagon.md").touch()
    cli_build(root)
    assert stored(root) == first  # nothing recompiled, nothing dropped
    base = root / "templates/base.html"
    base.write_text(base.read_text().replace("<main id=\"main\"", "<!-- marked --><main id=\"main\""))
    cli_build(root)
    after = stored(root)
    assert after.keys() == first.keys()
    changed = [key for key in first if first[key] != after[key]]
    assert len(changed) == 1  # base.html alone was compiled again
    assert "<!-- marked -->" in (root / "site/index.html").read_text()


def test_a_stored_template_of_other_source_is_never_used(make_site):
    """The stored code of base.html is swapped for article.html's: Jinja's source checksum refuses
    it and base.html is compiled from its file."""
    root = make_site(SMALL_SITE)
    cli_build(root)
    cache, _ = load_cache(root / ".digest-cache")
    blobs = list(cache.templates.values())
    cache.templates = {key: blobs[(n + 1) % len(blobs)] for n, key in enumerate(cache.templates)}
    from digest.cache import save_cache
    cache.compile_count, cache.used["templates"] = 1, set(cache.templates)
    save_cache(cache, root / ".digest-cache", ("templates",))
    assert stored(root) == cache.templates
    pentagon = root / "content/2015/09/pentagon.md"
    pentagon.write_text(pentagon.read_text().replace("title: ", "title: Swapped code ", 1))
    cli_build(root)  # the pages showing the title render again, through the stored code if trusted
    main(["build", "--root", str(root), "-q", "--clean", "--output", str(root / "clean")], io.StringIO(), io.StringIO())
    assert tree(root / "site") == tree(root / "clean")
    assert "Swapped code" in (root / "site/index.html").read_text()


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != ".digest-manifest"}
