"""Editions as e-mail: one edition -> an e-mail-ready HTML file and its plain-text twin.

`email_edition` makes what the two templates (`email/edition.html`, `email/edition.txt`) see: an
EmailEdition of plain values, every URL absolute against `base_url`.  `render_email` renders both,
moves the HTML template's <style> rules into style attributes (css-inline: mail clients drop
<style> and <link>; `@media` rules -- dark mode, narrow screens -- stay in a <style> block for the
clients that read one), and keeps the HTML under EMAIL_LIMIT bytes (Gmail clips a message past
102 KB): the last articles are shown by headline only, then left out, and both files say so and
link the whole edition on the web.

Used two ways: `digest edition DATE --email` (cli.py) writes one edition's pair anywhere; with
`editions_email: true` in digest.yaml, `jobs()` gives each edition a job writing
`editions/<date>/email.html` and `email.txt`, keyed like every output by its context
(incremental.py).  Returns values and never writes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Callable, Iterator
from urllib.parse import urljoin

from markupsafe import Markup

from digest.config import SiteConfig
from digest.errors import Diagnostic, SourceLocation, TemplateError
from digest.incremental import Job, Task
from digest.markdown import rewrite_links
from digest.model import Edition, OutputFile, Site
from digest.pagekinds import EDITIONS
from digest.views import Urls

EMAIL = "email"  # the maker of e-mail jobs (makers.py)
HTML_TEMPLATE, TEXT_TEMPLATE = "email/edition.html", "email/edition.txt"
EMAIL_LIMIT = 100_000  # bytes of HTML: Gmail clips messages past 102 KB, and with it any footer
HTML_FILE, TEXT_FILE = "email.html", "email.txt"  # beside each edition's page, with editions_email


@dataclass(frozen=True)
class EmailArticle:
    """One article as the e-mail shows it."""

    title: str
    url: str  # absolute: the article's page in the digest
    date_text: str  # '13 October 2015', in the site's timezone
    authors: tuple[str, ...]
    source: str | None  # the outlet that published it
    original: str | None  # absolute: the original report
    summary: str
    image: str | None  # absolute, or None
    brief: bool = False  # shown by headline and credit only: the whole edition would not fit in one e-mail


@dataclass(frozen=True)
class EmailEdition:
    """One edition as its e-mail shows it; `brief` and `left_out` say how many of the last
    articles are shown by headline only and how many are not listed, when the whole edition would
    not fit in one e-mail (`count` is always the edition's size)."""

    site_title: str
    site_description: str
    site_author: str
    language: str
    home: str  # absolute URLs from here on
    feed: str  # the editions' RSS feed
    web_url: str  # the edition's page
    title: str  # the intro's title, or the date title
    date_title: str  # '12 October 2015' or 'Week of 12 October 2015'
    day: str  # ISO date
    intro: Markup | None  # the curator's intro, HTML with absolute links
    intro_text: str | None  # the same as plain text, links written out
    preheader: str  # the line mail programs show after the subject
    count: int
    sections: tuple[tuple[str, tuple[EmailArticle, ...]], ...]
    brief: int = 0
    left_out: int = 0
    intro_left_out: bool = False

    @property
    def articles(self) -> tuple[EmailArticle, ...]:
        return tuple(article for _, articles in self.sections for article in articles)


def email_edition(site: Site, edition: Edition) -> EmailEdition:
    """What the e-mail templates see of one edition, in the web edition's sections (by first
    tag, biggest first, untagged last under 'More news')."""
    config = site.config
    urls = Urls(config)
    web_url = urls.absolute(f"{EDITIONS}{edition.slug}/")
    grouped: dict[str, list[EmailArticle]] = {}
    for entry in edition.entries:
        article = entry.article
        url = urls.absolute(entry.url)
        image = urljoin(url, urls.in_site(article.image)) if article.image else None
        local = article.date.astimezone(config.zone)
        grouped.setdefault(article.tags[0].name if article.tags else "", []).append(EmailArticle(
            title=article.title, url=url, date_text=f"{local.day} {local:%B %Y}", authors=article.authors,
            source=article.source.name if article.source else None,
            original=article.source.url if article.source else None, summary=entry.rendered.summary,
            image=image if image and image.startswith(("https://", "http://")) else None))
    order = sorted(grouped, key=lambda name: (name == "", -len(grouped[name]), name))
    intro_html = rewrite_links(edition.intro.html, lambda link: urljoin(web_url, urls.in_site(link))) \
        if edition.intro else None
    intro_text = html_text(intro_html) if intro_html else None
    count = len(edition.entries)
    preheader = " ".join((intro_text or "; ".join(e.article.title for e in edition.entries)).split())
    return EmailEdition(
        site_title=config.title, site_description=config.description, site_author=config.author,
        language=config.language, home=urls.absolute("/"), feed=urls.absolute(f"{EDITIONS}feed.xml"),
        web_url=web_url, title=edition.intro_title or edition.title, date_title=edition.title,
        day=edition.slug, intro=Markup(intro_html) if intro_html else None, intro_text=intro_text,
        preheader=preheader[:150], count=count,
        sections=tuple((name or "More news", tuple(grouped[name])) for name in order))


def shorten(edition: EmailEdition, summaries: int, listed: int, intro: bool = True) -> EmailEdition:
    """The edition with only the first `summaries` articles shown whole (summary and image), the
    others `brief`, and only the first `listed` listed at all."""
    sections, index = [], 0
    for name, articles in edition.sections:
        kept = []
        for article in articles:
            if index < listed:
                kept.append(article if index < summaries else replace(article, brief=True))
            index += 1
        if kept:
            sections.append((name, tuple(kept)))
    return replace(edition, sections=tuple(sections), brief=max(0, listed - summaries),
                   left_out=edition.count - listed, intro=edition.intro if intro else None,
                   intro_text=edition.intro_text if intro else None, intro_left_out=not intro and bool(edition.intro))


def fit(edition: EmailEdition, size: Callable[[EmailEdition], int], limit: int = EMAIL_LIMIT) -> EmailEdition:
    """The edition itself when `size` says it fits in `limit`; else the most of it that fits:
    the most articles with their summaries, then (all by headline) the most articles listed,
    then no intro.  Binary searches: about 2 log2(n) renders for an edition that does not fit."""
    if size(edition) <= limit:
        return edition
    n = edition.count

    def largest(fits: Callable[[int], bool]) -> int | None:
        """The largest k in 0..n that fits (the sizes grow with k), or None."""
        if not fits(0):
            return None
        low, high = 0, n + 1  # fits(low) holds; fits(high) does not (or high is past n)
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if fits(middle) else (low, middle)
        return low

    summaries = largest(lambda k: size(shorten(edition, k, n)) <= limit)
    if summaries is not None:
        return shorten(edition, summaries, n)
    listed = largest(lambda m: size(shorten(edition, 0, m)) <= limit)
    if listed is not None:
        return shorten(edition, 0, listed)
    return shorten(edition, 0, largest(lambda m: size(shorten(edition, 0, m, intro=False)) <= limit) or 0,
                   intro=False)


def inline_css(html: str) -> str:
    """The <style> rules moved into style attributes; @media rules kept in a <style> block;
    nothing fetched."""
    import css_inline  # only e-mail needs it: a build without e-mail never loads it

    try:
        inlined = css_inline.CSSInliner(keep_at_rules=True, minify_css=True, load_remote_stylesheets=False
                                        ).inline(html)
    except css_inline.InlineError as exc:  # lenient as browsers are, it fails on little: say where
        raise TemplateError([Diagnostic(SourceLocation(HTML_TEMPLATE), f"its CSS cannot be inlined: {exc}")]) \
            from None
    charset = '<meta charset="utf-8">'  # back to the head's start: browsers look for it in the first 1024 bytes
    if -1 < inlined.find("<style") < inlined.find(charset):
        inlined = inlined.replace(charset, "", 1).replace("<head>", "<head>" + charset, 1)
    return inlined


def render_email(edition: EmailEdition, render: Callable[[str, dict[str, Any]], str]) -> tuple[bytes, bytes]:
    """The e-mail HTML (CSS inlined, under EMAIL_LIMIT bytes when the templates allow it) and its
    plain-text twin, showing the same articles.  `render(template, context)` is Templates.render."""
    made: dict[EmailEdition, bytes] = {}

    def html(shown: EmailEdition) -> bytes:
        if shown not in made:
            made[shown] = inline_css(render(HTML_TEMPLATE, {"edition": shown})).encode("utf-8")
        return made[shown]

    shown = fit(edition, lambda e: len(html(e)))
    return html(shown), render(TEXT_TEMPLATE, {"edition": shown}).encode("utf-8")


def render_edition(site: Site, edition: Edition) -> tuple[bytes, bytes]:
    """One edition's e-mail pair with the site's theme (`digest edition DATE --email`)."""
    from digest.templates import load_templates
    from digest.theme import site_theme

    return render_email(email_edition(site, edition), load_templates(site_theme(site.config.templates_path)).render)


def jobs(site: Site) -> Iterator[Job]:
    """With `editions_email: true`, each edition's e-mail pair beside its page."""
    if site.config.editions == "off" or not site.config.editions_email:
        return
    for edition in site.editions:
        folder = f"{EDITIONS.lstrip('/')}{edition.slug}/"
        yield Job((folder + HTML_FILE, folder + TEXT_FILE), EMAIL, {"edition": email_edition(site, edition)})


def maker_digest(template_digest: Callable[..., str], config: SiteConfig) -> str:
    """What e-mail jobs are made with beyond their context: both templates (with what they
    include) and, when the build makes e-mail, the CSS inliner's version."""
    if config.editions == "off" or not config.editions_email:
        return EMAIL
    from importlib.metadata import version

    return f"{template_digest(HTML_TEMPLATE, TEXT_TEMPLATE)} css-inline {version('css-inline')}"


def make_email(task: Task, render: Callable[[str, dict[str, Any]], str]) -> list[OutputFile]:
    html, text = render_email(task.job.context["edition"], render)
    html_path, text_path = task.job.paths
    return [OutputFile(html_path, html, task.key), OutputFile(text_path, text, task.key)]


def email_links(config: SiteConfig, slug: str) -> tuple[str, str] | None:
    """The absolute URLs of an edition's e-mail pair, when the build writes them."""
    if config.editions == "off" or not config.editions_email:
        return None
    urls = Urls(config)
    return (urls.absolute(f"{EDITIONS}{slug}/{HTML_FILE}"), urls.absolute(f"{EDITIONS}{slug}/{TEXT_FILE}"))


def find_edition(site: Site, wanted: str) -> Edition | str:
    """The edition `wanted` names ('latest', or a day: in weekly editions any day of the week),
    or a message saying there is none and which editions are nearest."""
    editions, config = site.editions, site.config
    if config.editions == "off":
        return "editions are off in this site (editions: off in digest.yaml)"
    if not editions:
        return "this site has no editions yet: no article is published"
    if wanted == "latest":
        return editions[0]
    try:
        asked = date.fromisoformat(wanted)
    except ValueError:
        return f"{wanted!r} is not a date: give the edition's day as YYYY-MM-DD, or 'latest'"
    day = asked - timedelta(days=asked.weekday()) if config.editions == "weekly" else asked
    for edition in editions:
        if edition.day == day:
            return edition
    named = f"{asked} (the week of {day})" if day != asked else str(day)
    after = [e.slug for e in editions if e.day > day][-1:]
    before = [e.slug for e in editions if e.day < day][:1]
    nearest = ", ".join(([f"{before[0]} (before)"] if before else []) + ([f"{after[0]} (after)"] if after else []))
    return f"no edition for {named}; the nearest editions: {nearest}"


_BREAK = "\x00"  # a <br> while whitespace is collapsed
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "tr", "dt", "dd", "figcaption"}
_CONTAINERS = {"ul", "ol", "dl", "table", "thead", "tbody", "section", "div", "blockquote", "figure"}
_TIGHT = {"li", "tr", "dt", "dd"}  # consecutive ones are not separated by a blank line


def html_text(html: str) -> str:
    """Rendered Markdown (an intro) as plain text: one paragraph per block, separated by blank
    lines; a link as 'its text <URL>'; list items begin with '- ', quotations with '> '."""
    from lxml import html as lxml_html

    def inline(element: Any, blocks: list[tuple[str, str]]) -> str:
        parts = [element.text or ""]
        for child in element:
            if not isinstance(child.tag, str):  # a comment
                pass
            elif child.tag == "br":
                parts.append(_BREAK)
            elif child.tag == "img":
                alt = child.get("alt", "").strip()
                parts.append(f"[{alt}]" if alt else "")
            elif child.tag == "a" and child.get("href"):
                label, href = " ".join(inline(child, blocks).split()), child.get("href")
                parts.append(f"<{href}>" if label in ("", href) else f"{label} <{href}>")
            elif child.tag in _BLOCKS or child.tag in _CONTAINERS:
                walk(child, blocks)  # a block inside a list item
            else:
                parts.append(inline(child, blocks))
            parts.append(child.tail or "")
        return "".join(parts)

    def walk(element: Any, blocks: list[tuple[str, str]]) -> None:
        tag = element.tag
        if tag == "pre":
            blocks.append((element.text_content().rstrip("\n"), tag))
        elif tag == "blockquote":
            inner: list[tuple[str, str]] = []
            for child in element:
                if isinstance(child.tag, str):
                    walk(child, inner)
            text = join(inner)
            if text:
                blocks.append(("\n".join(f"> {line}".rstrip() for line in text.split("\n")), tag))
        elif tag in _BLOCKS:
            nested: list[tuple[str, str]] = []
            if tag == "tr":
                text = " | ".join(" ".join(inline(cell, nested).replace(_BREAK, " ").split()) for cell in element
                                  if isinstance(cell.tag, str))
            else:
                text = inline(element, nested)
                text = "\n".join(" ".join(line.split()) for line in text.split(_BREAK)).strip()
            if text:
                blocks.append((f"- {text}" if tag == "li" else text, tag))
            blocks.extend((("  " + text.replace("\n", "\n  ")) if tag == "li" else text, kind)
                          for text, kind in nested)
        else:
            for child in element:
                if isinstance(child.tag, str):
                    walk(child, blocks)

    def join(blocks: list[tuple[str, str]]) -> str:
        out = ""
        for index, (text, kind) in enumerate(blocks):
            if index:
                out += "\n" if kind in _TIGHT and blocks[index - 1][1] in _TIGHT else "\n\n"
            out += text
        return out

    blocks: list[tuple[str, str]] = []
    for element in lxml_html.fragments_fromstring(html):
        if isinstance(element, str):
            if element.strip():
                blocks.append((" ".join(element.split()), "p"))
        else:
            walk(element, blocks)
    return join(blocks)
