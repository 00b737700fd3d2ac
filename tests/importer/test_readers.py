"""The one contract every input format follows: which reader takes an input, and what `stamp` fills in."""

from __future__ import annotations

import json

import pytest

from digest.importer.article import Block, ImportedArticle
from digest.importer.context import ReadContext
from digest.importer.readers import READERS, reader_for, stamp

HTML_PAGE = "<!DOCTYPE html>\n<html><head><title>Harbour bridge reopens</title></head>\n<body><p>Text.</p></body></html>"
DUMP_WITH_MARKUP = "\n".join([
    "Harbour bridge reopens - The Coastal Courier",
    "",
    "Home | News | Sport",
    '<div style="position:absolute;"><img width=1 height=1 alt="" src="http://example.org/pixel"></div>',
    "Harbour bridge reopens",
    *[f"Paragraph {n} of the article says something about the bridge and the town." for n in range(12)],
])
RSS = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title></channel></rss>'
ATOM = '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title></feed>'


@pytest.mark.parametrize("text, name, expected", [
    (HTML_PAGE, "page.txt", "html"),                       # content decides, not the extension
    ("\ufeff  " + HTML_PAGE, "page.html", "html"),
    (DUMP_WITH_MARKUP, "dump.txt", "text"),                # a dump carrying a leftover tag stays a dump
    (json.dumps({"title": "T", "text": "B"}), "a.json", "json"),
    ('{"title": "A", "text": "x"}\n{"title": "B", "text": "y"}\n', "a.jsonl", "json"),
    ("{not json at all\nHeadline\nBody.", "a.txt", "text"),
    (RSS, "feed.txt", "feed"),
    (ATOM, "feed", "feed"),
    ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x"></rdf:RDF>', "x", "feed"),
    ("Plain headline\n\nPlain body text.", "a.txt", "text"),
])
def test_the_first_reader_that_recognises_the_input_reads_it(text, name, expected):
    assert reader_for(text, name).format == expected


def test_every_reader_follows_the_same_contract():
    assert [r.format for r in READERS][-1] == "text"        # the text reader takes whatever is left
    for reader in READERS:
        assert callable(reader.sniff) and callable(reader.read)
    assert READERS[-1].sniff("anything at all", "x.bin") is True


def test_a_text_dump_is_one_piece_and_its_article_is_stamped_with_the_input():
    ctx = ReadContext(origin="dump.txt", sha256="ab" * 32)
    reader = reader_for(DUMP_WITH_MARKUP, "dump.txt")
    pieces = list(reader.read(DUMP_WITH_MARKUP, ctx))
    assert [p.part for p in pieces] == [""]
    article = stamp(pieces[0].read(), pieces[0].ctx, reader.format)
    assert (article.origin, article.sha256, article.format) == ("dump.txt", "ab" * 32, "text")
    assert article.title == "Harbour bridge reopens"


def test_each_json_lines_record_is_its_own_piece_with_its_own_hash():
    text = '{"title": "A", "text": "First body."}\n{"title": "B", "text": "Second body."}\n'
    ctx = ReadContext(origin="records.jsonl", sha256="00" * 32)
    pieces = list(reader_for(text, "records.jsonl").read(text, ctx))
    assert [p.part for p in pieces] == [":1", ":2"]
    assert len({p.ctx.sha256 for p in pieces}) == 2 and "00" * 32 not in {p.ctx.sha256 for p in pieces}
    assert [p.read().title for p in pieces] == ["A", "B"]


def test_stamp_marks_html_fetched_from_a_url_as_url():
    article = ImportedArticle(title="T", blocks=(Block.paragraph("B"),), origin="?", format="text", sha256="?")
    ctx = ReadContext(origin="https://example.org/a", sha256="cd" * 32, url="https://example.org/a")
    assert stamp(article, ctx, "html").format == "url"
    assert stamp(article, ctx, "feed").format == "feed"


def test_entities_a_scraper_left_in_a_dump_become_their_characters():
    text = "\n".join(["Sign-ups up 400&percnt; - Harbour Weekly", "", "Sign-ups up 400&percnt;", "",
                      "The ferry&#8217;s new app saw sign-ups rise by 400&percnt; in March, R&D staff said.",
                      "Tom &amp; Anna run the caf&eacute; where AT&T customers &notice the difference."])
    article = reader_for(text, "x.txt").read(text, ReadContext(origin="x.txt", sha256="0"))
    got = next(iter(article)).read()
    assert got.title == "Sign-ups up 400%"
    body = " ".join(line for block in got.blocks for line in block.lines)
    assert "ferry’s new app" in body and "by 400% in March, R&D staff" in body
    assert "Tom & Anna run the café where AT&T customers &notice" in body


def test_a_closing_paragraph_in_a_script_without_spaces_is_not_taken_for_a_label():
    from digest.importer.linefacts import body_blocks

    blocks = body_blocks(["港口大桥今天重新开放，市民可以步行过桥。", "市长说，维修工程提前两周完成。", "分享"])
    assert [b.lines for b in blocks] == [("港口大桥今天重新开放，市民可以步行过桥。",), ("市长说，维修工程提前两周完成。",)]
