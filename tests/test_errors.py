"""Bad input gives one exact message per problem, with file:line:col, through the real CLI."""

from __future__ import annotations

import io

import pytest

from conftest import article
from digest.cli import main

CASES = {
    "bad-yaml": ("---\ntitle: A\ndate: [2015\n---\nBody\n",
                 "content/x.md:3:12: error: invalid YAML: expected ',' or ']', but got '<stream end>'"),
    "no-front-matter": ("Just text\n", "content/x.md:1:1: error: missing front matter: the file must start "
                        "with a '---' line (hint: put title and date between two '---' lines at the top)"),
    "unclosed": ("---\ntitle: A\n", "content/x.md:1:1: error: front matter is not closed: no second '---' line "
                 "(hint: end the YAML block with a line that is only '---')"),
    "missing-date": ("---\ntitle: A\n---\nBody\n", "content/x.md:1:1: error: missing required key 'date' "
                     "(hint: add e.g. date: 2015-09-29T23:35:00+03:00)"),
    "bad-date": ("---\ntitle: A\ndate: 29/09\n---\n", "content/x.md:3:7: error: 'date' is not a date: '29/09' "
                 "(hint: use ISO 8601, e.g. 2015-09-29T23:35:00+03:00)"),
    "offset-from-a-time": ("---\ntitle: A\ndate: '2021-11-19T19:11:00+20:21'\n---\n",
                           "content/x.md:3:7: error: 'date' has no real UTC offset: '2021-11-19T19:11:00+20:21' "
                           "(offsets run from -12:00 to +14:00 in quarter hours) "
                           "(hint: use ISO 8601, e.g. 2015-09-29T23:35:00+03:00)"),
    "typo-key": ("---\ntitle: A\ndate: 2015-09-29\ntgas: [a]\n---\n",
                 "content/x.md:4:1: error: unknown front matter key 'tgas' (hint: did you mean 'tags'?)"),
    "tags-mapping": ("---\ntitle: A\ndate: 2015-09-29\ntags: {a: 1}\n---\n",
                     "content/x.md:4:7: error: 'tags' must be a list of words (hint: tags: [politics, syria])"),
    "draft-text": ("---\ntitle: A\ndate: 2015-09-29\ndraft: maybe\n---\n",
                   "content/x.md:4:8: error: 'draft' must be true or false, not 'maybe'"),
    "source-no-name": ("---\ntitle: A\ndate: 2015-09-29\nsource: {url: 'https://a.example/'}\n---\n",
                       "content/x.md:4:9: error: 'source' must have a 'name' "
                       "(hint: source: {name: RT, url: https://www.rt.com/})"),
    "related-bad-url": ("---\ntitle: A\ndate: 2015-09-29\nrelated:\n  - {title: B, url: 'b.html'}\n---\n",
                        "content/x.md:5:3: error: related entry 1: 'url' must be an absolute http(s) URL, "
                        "not 'b.html'"),
    "title-list": ("---\ntitle: [a, b]\ndate: 2015-09-29\n---\n",
                   "content/x.md:2:8: error: 'title' must be text, not a list"),
}


def run(root, *args):
    out, err = io.StringIO(), io.StringIO()
    code = main(["build", "--root", str(root), *args], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("text,message", CASES.values(), ids=CASES.keys())
def test_broken_content_gives_exact_message_and_writes_nothing(make_site, monkeypatch, text, message):
    root = make_site({"content/x.md": text})
    monkeypatch.chdir(root)
    code, out, err = run(".")
    assert code == 1
    assert err.splitlines() == [message, "digest: 1 error; nothing was written"]
    assert out == ""
    assert not (root / "site").exists()


def test_undecodable_file_points_at_the_byte(make_site, monkeypatch):
    root = make_site({})
    (root / "content").mkdir()
    (root / "content/x.md").write_bytes(b"---\ntitle: Caf\xe9\ndate: 2015-09-29\n---\n")
    monkeypatch.chdir(root)
    code, _, err = run(".")
    assert code == 1
    assert err.splitlines()[0] == ("content/x.md:2:11: error: file is not valid UTF-8 (byte 0xe9) (hint: save the "
                                   "file as UTF-8, or import it with 'digest import' which detects encodings)")


def test_all_files_are_reported_before_stopping(make_site, monkeypatch):
    root = make_site({"content/a.md": "---\ntitle: A\n---\n", "content/b.md": "---\ndate: 2015-01-01\n---\n",
                      "content/c.md": article("Fine", "2015-01-01")})
    monkeypatch.chdir(root)
    code, _, err = run(".")
    assert code == 1
    assert err.splitlines() == [
        "content/a.md:1:1: error: missing required key 'date' (hint: add e.g. date: 2015-09-29T23:35:00+03:00)",
        "content/b.md:1:1: error: missing required key 'title' (hint: add 'title: ...')",
        "digest: 2 errors; nothing was written",
    ]


def test_template_error_points_at_template_line(make_site, monkeypatch):
    root = make_site({"content/a.md": article("A", "2015-01-01")})
    path = root / "templates/article.html"
    path.write_text(path.read_text().replace("{{ article.title }}</h1>", "{{ article.titel }}</h1>"))
    monkeypatch.chdir(root)
    code, _, err = run(".")
    assert code == 1
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "article.titel" in text)
    assert err.splitlines()[0] == (f"templates/article.html:{line}: error: template error: "
                                   "'digest.views.ArticleView object' has no attribute 'titel'")


def test_template_syntax_error_points_at_template_line(make_site, monkeypatch):
    root = make_site({"content/a.md": article("A", "2015-01-01")})
    (root / "templates/404.html").write_text("{% extends 'base.html' %}\n{% block main %}\n{% if %}\n{% endblock %}\n")
    monkeypatch.chdir(root)
    code, _, err = run(".")
    assert code == 1
    assert err.splitlines()[0] == "templates/404.html:3: error: template syntax: Expected an expression, got 'end of statement block'"


def test_config_errors_name_the_line_and_suggest(make_site, monkeypatch):
    root = make_site({}, config="title: X\nbase_ur: https://a.example.net/\nper_page: 0\n")
    monkeypatch.chdir(root)
    code, _, err = run(".")
    assert code == 1
    assert err.splitlines() == [
        "digest.yaml:2:1: error: unknown option 'base_ur' (hint: did you mean 'base_url'?)",
        "digest.yaml:3:11: error: 'per_page' must be at least 1, not 0",
        "digest: 2 errors; nothing was written",
    ]


def test_bad_command_line_base_url(make_site, monkeypatch):
    root = make_site({})
    monkeypatch.chdir(root)
    code, _, err = run(".", "--base-url", "news.example.net")
    assert code == 1
    assert err.splitlines()[0] == ("command line: error: 'base_url' must be an absolute http(s) URL, not "
                                   "'news.example.net' (hint: e.g. https://news.example.org/)")
