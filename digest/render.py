"""Site -> page jobs (article, home, tag, source, author, archive, edition, 404 pages), and
the maker that renders a job's template.

Decides which template renders which page and what context -- frozen views -- it gets; the key
of a page is a hash of that context (incremental.py), so this module never says what a page
depends on.  Returns values and never writes.  Feeds, sitemap and robots.txt: feeds.py, sitemap.py.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields, replace
from typing import Any, Iterator, Mapping

from markupsafe import Markup

from digest.config import SiteConfig
from digest.enrich import Enrichment
from digest.incremental import Digests, Job, MadeDigests, Task
from digest.model import Article, Edition, Entry, OutputFile, RenderedMarkdown, Site
from digest.pagekinds import ARCHIVE, EDITIONS, TAXONOMIES, Taxonomy
from digest.templates import Templates
from digest.views import (ArticleView, EditionView, Link, Pager, Urls, ViewParts, article_view, card_view,
                          group_links, site_view)

CARDS = "_macros.html"  # its `card` macro renders each article's card_html on list pages


@dataclass(frozen=True)
class PageMeta:
    """The page itself: <title>, meta description, canonical URL, and what kind of page it is."""

    title: str
    description: str
    canonical: str
    kind: str
    noindex: bool = False


@dataclass(frozen=True)
class ListPage:
    """One page of a paginated list of articles."""

    path: str  # site-relative URL of this page, e.g. /tags/syria/page/2/
    entries: tuple[Entry, ...]
    pager: Pager


def paginate(entries: tuple[Entry, ...], per_page: int, base: str, urls: Urls) -> Iterator[ListPage]:
    """Split entries into pages at base, base/page/2/, ...; an empty list still gets page 1."""
    chunks = [entries[i:i + per_page] for i in range(0, len(entries), per_page)] or [()]
    paths = [base] + [f"{base}page/{n}/" for n in range(2, len(chunks) + 1)]
    for index, chunk in enumerate(chunks):
        newer = urls.local(paths[index - 1]) if index > 0 else None
        older = urls.local(paths[index + 1]) if index + 1 < len(chunks) else None
        yield ListPage(paths[index], chunk, Pager(index + 1, len(chunks), newer, older))


def output_path(url: str) -> str:
    """Pretty URL -> file: /2015/09/slug/ -> 2015/09/slug/index.html."""
    return url.strip("/") + "/index.html" if url.strip("/") else "index.html"


@dataclass(frozen=True, eq=False)
class ViewSlot:
    """An article's view in a page context, standing for it by its digest: most pages of an
    incremental build are kept, and the views on them need not be built.  `view` is the view
    when it was built already; PageMaker builds the others for the pages it makes."""

    digest: bytes
    entry: Entry
    page: bool  # the article page's view (body, READ MORE, coverage); else its card
    view: ArticleView | None = None


class PageJobs:
    """The job of every HTML page.  Article pages stand alone (`articles`); list pages share
    article cards (`lists`), each card hashed once per build.

    An article's views go into contexts as ViewSlots.  A view's digest is kept between builds
    (incremental.MadeDigests) by the digest of what it is made from: its article's Entry and the
    entries of the articles it links to, which ViewParts records as the view reads them; when
    those are unchanged the view is not built, only its digest used.  A card's `card_html` is
    left empty: the `card` macro makes it from the card (PageMaker), so the card and the macro's
    template, both in the key, decide it."""

    def __init__(self, site: Site, year: int, digests: Digests, made: MadeDigests, site_key: str,
                 sources: Mapping[str, str], enrichment: tuple[str, Enrichment] | None) -> None:
        self.site = site
        self.config: SiteConfig = site.config
        self.digests = digests
        self.made = made
        self.site_key = site_key.encode()
        self.site_ctx = digests.remember(site_view(site.config, year))
        self.urls = Urls(site.config)
        self.by_path = {e.article.path: e for e in site.entries}
        self.parts = ViewParts(self.by_path, site.config, digests.remember)
        self.slots: dict[str, ViewSlot] = {}
        self.cards: dict[str, tuple[ArticleView, tuple[str, ...]]] = {}
        self._entries: dict[str, bytes] = {}
        self._entry_digests = Digests()
        # the hash of the file an article was parsed from stands for the article (the site key holds
        # the timezone and digest's version), the Markdown cache key for the rendered HTML
        self._entry_digests.known_by(Article, lambda article: sources[article.path].encode()
                                     if article.path in sources else None)
        self._entry_digests.known_by(RenderedMarkdown, lambda rendered: rendered.key.encode() or None)
        # and the enrichment's cache key (with the article and the table) for what it found
        self._standing: dict[int, tuple[Any, bytes]] = {}
        if enrichment is not None:
            key, found = enrichment
            for table, mapping in (("references", found.references), ("coverage", found.coverage)):
                for path, value in mapping.items():
                    if value:  # () is one object: it may not stand for anything
                        stamp = found.stamps.get(path, key)  # changes when this article's enrichment does
                        self._standing[id(value)] = (value, f"{stamp}\x00{table}\x00{path}".encode())
        digests.known_by(ViewSlot, lambda slot: slot.digest)

    def entry_digest(self, path: str) -> bytes | None:
        digest = self._entries.get(path)
        if digest is None:
            entry = self.by_path.get(path)
            if entry is None:
                return None
            digest = self._entries[path] = self._entry_digests.of(
                tuple(self._stand_in(getattr(entry, field.name)) for field in fields(entry)))
        return digest

    def _stand_in(self, value: Any) -> Any:
        found = self._standing.get(id(value))
        return found[1] if found is not None and found[0] is value else value

    def inputs(self, entry: Entry, reads: tuple[str, ...]) -> bytes | None:
        """The digest of what an article's views are made from (None: an article read is gone)."""
        digest = hashlib.blake2b(self.site_key, digest_size=20)
        for path in (entry.article.path, *reads):
            part = self.entry_digest(path)
            if part is None:
                return None
            digest.update(path.encode() + b"\x00" + part)
        return digest.digest()

    def card_view(self, entry: Entry) -> tuple[ArticleView, tuple[str, ...]]:
        """An entry's card, built once, and the articles it read."""
        path = entry.article.path
        found = self.cards.get(path)
        if found is None:
            self.parts.reads = []
            card = card_view(entry, self.parts)
            found = self.cards[path] = (card, tuple(self.parts.reads))
        return found

    def page_view(self, entry: Entry) -> tuple[ArticleView, tuple[str, ...]]:
        """An entry's article-page view (from its card, kept only when list pages made it), and
        the articles it read."""
        found = self.cards.get(entry.article.path)
        if found is None:
            self.parts.reads = []
            found = (card_view(entry, self.parts), tuple(self.parts.reads))
        card, card_reads = found
        self.parts.reads = []
        view = article_view(entry, self.parts, card)
        return view, card_reads + tuple(self.parts.reads)

    def card(self, entry: Entry) -> ViewSlot:
        """An entry's card in list contexts: its digest known from the last build, or built now."""
        path = entry.article.path
        slot = self.slots.get(path)
        if slot is None:
            slot = self.slots[path] = self._slot(entry, False)
        return slot

    def _slot(self, entry: Entry, page: bool) -> ViewSlot:
        name = ("page:" if page else "card:") + entry.article.path
        digest = self.made.recall(name, lambda reads: self.inputs(entry, reads))
        if digest is not None:
            return ViewSlot(digest, entry, page)
        view, reads = self.page_view(entry) if page else self.card_view(entry)
        digest = self.digests.of(view)
        inputs = self.inputs(entry, reads)
        if inputs is not None:
            self.made.learn(name, inputs, digest, reads)
        return ViewSlot(digest, entry, page, view if page else None)  # cards are kept in `cards` till carded

    def job(self, url: str, template: str, meta: PageMeta, context: Mapping[str, Any], file: str | None = None
            ) -> Job:
        return Job((file or output_path(url),), template, {"site": self.site_ctx, "page": meta, **context})

    def meta(self, url: str, title: str, kind: str, description: str | None = None) -> PageMeta:
        return PageMeta(title=title, description=description or self.config.description,
                        canonical=self.urls.absolute(url), kind=kind)

    def articles(self) -> Iterator[Job]:
        entries = self.site.entries
        for index, entry in enumerate(entries):
            newer = self._link(entries[index - 1]) if index > 0 else None
            older = self._link(entries[index + 1]) if index + 1 < len(entries) else None
            meta = self.meta(entry.url, self.parts.title(entry.article.title), "article", entry.rendered.summary)
            yield self.job(entry.url, "article.html", meta, {
                "article": self._slot(entry, True),
                "newer": newer, "older": older})

    def lists(self) -> Iterator[Job]:
        yield from self.list_pages("/", self.site.front, "index.html", self.config.title, "home")
        for taxonomy in TAXONOMIES:
            yield from self.taxonomy_pages(taxonomy)
        yield from self.archive_pages()
        if self.config.editions != "off":
            yield from self.edition_pages()
        yield self.job("/404.html", "404.html",
                       PageMeta("Page not found", self.config.description, self.urls.absolute("/404.html"),
                                "404", noindex=True), {}, file="404.html")

    def _link(self, entry: Entry) -> Link:
        return Link(self.parts.title(entry.article.title), self.urls.local(entry.url))

    def list_pages(self, base: str, entries: tuple[Entry, ...], template: str, heading: str, kind: str,
                   description: str | None = None, feeds: Link | None = None) -> Iterator[Job]:
        for list_page in paginate(entries, self.config.per_page, base, self.urls):
            title = heading if list_page.pager.number == 1 else f"{heading} (page {list_page.pager.number})"
            yield self.job(list_page.path, template, self.meta(list_page.path, title, kind, description), {
                "heading": heading, "articles": [self.card(e) for e in list_page.entries],
                "pager": list_page.pager, "feeds": feeds})

    def feed_links(self, folder: str, title: str) -> Link:
        """A group's feeds: name is the title, url the RSS feed; the Atom feed sits beside it."""
        return Link(title, self.urls.local(folder + "feed.xml"))

    def taxonomy_pages(self, taxonomy: Taxonomy) -> Iterator[Job]:
        """A taxonomy's index (terms.html) and each term's pages (list.html)."""
        groups, prefix = self.site.taxonomies[taxonomy.name], taxonomy.prefix
        links = group_links(groups, prefix, self.config)
        yield self.job(prefix, "terms.html", self.meta(prefix, taxonomy.index_title, f"{taxonomy.kind}-index"),
                       {"heading": taxonomy.index_title, "terms": links})
        for group in groups:
            folder = f"{prefix}{group.term.slug}/"
            name = taxonomy.heading.format(group.term.name)
            yield from self.list_pages(folder, group.entries, "list.html", name, taxonomy.kind,
                                       f"{name} in {self.config.title}.", feeds=self.feed_links(folder, name))

    def archive_pages(self) -> Iterator[Job]:
        months_by_year: dict[str, list[Link]] = {}
        for link, group in zip(group_links(self.site.months, ARCHIVE, self.config), self.site.months):
            months_by_year.setdefault(group.term.slug[:4], []).append(link)
        years = tuple(
            (Link(g.term.name, self.urls.local(f"{ARCHIVE}{g.term.slug}/"), len(g.entries)),
             tuple(months_by_year.get(g.term.slug, ())))
            for g in self.site.years)
        yield self.job(ARCHIVE, "archive.html", self.meta(ARCHIVE, "Archive", "archive-index"),
                       {"heading": "Archive", "years": years})
        for group in self.site.years + self.site.months:
            yield from self.list_pages(f"{ARCHIVE}{group.term.slug}/", group.entries, "list.html",
                                       f"Archive: {group.term.name}", "archive")

    def edition_pages(self) -> Iterator[Job]:
        editions = self.site.editions
        links = [Link(e.intro_title or e.title, self.urls.local(f"{EDITIONS}{e.slug}/"), len(e.entries))
                 for e in editions]
        size = self.config.per_page * 3
        chunks = [links[i:i + size] for i in range(0, len(links), size)] or [[]]
        paths = [EDITIONS] + [f"{EDITIONS}page/{n}/" for n in range(2, len(chunks) + 1)]
        feeds = self.feed_links(EDITIONS, "Editions")
        for index, chunk in enumerate(chunks):
            pager = Pager(index + 1, len(chunks), self.urls.local(paths[index - 1]) if index else None,
                          self.urls.local(paths[index + 1]) if index + 1 < len(chunks) else None)
            yield self.job(paths[index], "editions.html", self.meta(paths[index], "Editions", "edition-index"),
                           {"heading": "Editions", "editions": chunk, "pager": pager, "feeds": feeds})
        for index, edition in enumerate(editions):
            url = f"{EDITIONS}{edition.slug}/"
            meta = self.meta(url, edition.intro_title or edition.title, "edition",
                             f"{len(edition.entries)} articles in the {edition.title} edition of {self.config.title}.")
            yield self.job(url, "edition.html", meta, {
                "edition": self.edition_view(edition), "newer": links[index - 1] if index else None,
                "older": links[index + 1] if index + 1 < len(links) else None, "feeds": feeds})

    def edition_view(self, edition: Edition) -> EditionView:
        """Articles grouped by their first tag, biggest section first; untagged ones last under 'More news'."""
        sections: dict[str, list[ViewSlot]] = {}
        for entry in edition.entries:
            name = entry.article.tags[0].name if entry.article.tags else ""
            sections.setdefault(name, []).append(self.card(entry))
        order = sorted(sections, key=lambda name: (name == "", -len(sections[name]), name))
        return EditionView(
            title=edition.intro_title or edition.title, date_title=edition.title, day=edition.day.isoformat(),
            intro=Markup(self.urls.content_html(edition.intro.html)) if edition.intro else None,
            count=len(edition.entries),
            sections=tuple((name or "More news", tuple(sections[name])) for name in order))


class PageMaker:
    """Renders page jobs: the job's context with its views built (ViewSlot -> view) and its cards
    given their card_html, through the template."""

    def __init__(self, templates: Templates, pages: PageJobs) -> None:
        self.templates = templates
        self.pages = pages
        self.card_macro = templates.macro(CARDS, "card")
        self._carded: dict[str, ArticleView] = {}

    def make(self, task: Task) -> list[OutputFile]:
        job = task.job
        html = self.templates.render(job.maker, self.with_views(job.context))
        return [OutputFile(job.paths[0], html.encode("utf-8"), task.key)]

    def with_views(self, context: Mapping[str, Any]) -> dict[str, Any]:
        context = dict(context)
        for name, value in context.items():
            if isinstance(value, ViewSlot):
                context[name] = self.view(value)
            elif isinstance(value, list) and value and isinstance(value[0], ViewSlot):
                context[name] = [self.carded(slot) for slot in value]
            elif isinstance(value, EditionView):
                context[name] = replace(value, sections=tuple(
                    (section, tuple(self.carded(slot) for slot in slots)) for section, slots in value.sections))
        return context

    def view(self, slot: ViewSlot) -> ArticleView:
        if slot.view is not None:
            return slot.view
        return (self.pages.page_view if slot.page else self.pages.card_view)(slot.entry)[0]

    def carded(self, slot: ViewSlot) -> ArticleView:
        """The card with its card_html, rendered once per card by the theme's `card` macro."""
        path = slot.entry.article.path
        card = self._carded.get(path)
        if card is None:
            card = self.view(slot)
            if self.card_macro is not None:
                card = replace(card, card_html=Markup(self.templates.call(self.card_macro, card)))
            self._carded[path] = card
            self.pages.cards.pop(path, None)  # one copy of each card in memory: the carded one
        return card
