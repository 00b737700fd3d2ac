"""The table of page kinds: the taxonomies articles are grouped by -- tags, sources, authors --
and the site's other sections (archive, editions, pagination, static files).

Each taxonomy row says where its pages live, what they are called, what its feeds are titled and
which terms an article has.  assemble.py groups by it, render.py makes its index and term pages
(terms.html, list.html), feeds.py its feeds, sitemap.py lists them and the site view links their
indexes; the URL prefixes articles may not use come from it.  Adding a taxonomy is one row here
(and, if it wants them, its own templates).  Owns no behaviour beyond the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from digest.model import Article, Term
from digest.slug import slugify


@dataclass(frozen=True)
class Taxonomy:
    """One way of grouping articles, with an index page, a page per term and feeds per term."""

    name: str  # its folder (/tags/) and its groups in Site.taxonomies
    index_title: str  # the index page's heading (terms.html)
    kind: str  # page.kind of its term pages; the index is "<kind>-index"
    heading: str  # a term page's heading; {} is the term's name
    feed_label: str  # a term's feed title after the site's title; {} is the term's name
    terms: Callable[[Article], tuple[Term, ...]]  # the terms of an article

    @property
    def prefix(self) -> str:
        return f"/{self.name}/"


def tag_terms(article: Article) -> tuple[Term, ...]:
    return article.tags


def source_terms(article: Article) -> tuple[Term, ...]:
    return (Term(article.source.name, article.source.slug),) if article.source else ()


def author_term(name: str) -> Term:
    return Term(name, slugify(name) or "author")


def author_terms(article: Article) -> tuple[Term, ...]:
    return tuple(author_term(name) for name in article.authors)


TAGS = Taxonomy("tags", "Topics", "tag", "Articles tagged “{}”", "Topic: {}", tag_terms)
SOURCES = Taxonomy("sources", "Sources", "source", "Articles from {}", "From {}", source_terms)
AUTHORS = Taxonomy("authors", "Authors", "author", "Articles by {}", "By {}", author_terms)
TAXONOMIES = (TAGS, SOURCES, AUTHORS)

ARCHIVE, EDITIONS = "/archive/", "/editions/"  # the sections made by their own code (years and months; editions)
SECTIONS = ("archive", "editions", "page", "static")

# First path segments the site's own pages and files use; an article URL may not start with them.
RESERVED = tuple(t.name for t in TAXONOMIES) + SECTIONS + ("feed.xml", "atom.xml", "feed.json", "sitemap.xml",
                                                           "news-sitemap.xml", "robots.txt", "404.html")
