"""Deterministic benchmark corpus: N invented news articles written as a digest, a Hugo and a Pelican site.

One seeded generator makes the articles (title, date with offset, author, source, tags, summary,
READ MORE references, a 300-900 word Markdown body); each tool's writer then lays the *same*
articles out in that tool's own front-matter format and folder shape.  Owns generation and the
three site folders; does not build or time anything (see run.py).

    python bench/corpus.py --articles 1000 --out /tmp/digest-bench/n1000
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOLS = ("digest", "hugo", "pelican")
BASE_URL = "https://bench.example.org/"
SITE_TITLE = "Bench Digest"
SITE_DESCRIPTION = "A synthetic digest for benchmarking static site generators."
SITE_AUTHOR = "The Bench Editors"
PER_PAGE = 10
FEED_SIZE = 20
# The newest article is dated just before this instant; the oldest about five years earlier.
# Fixed (not "now") so the corpus is the same on every run and never dated in the future.
NEWEST = datetime(2024, 12, 31, 18, 0, tzinfo=timezone.utc)
SPAN = timedelta(days=5 * 365)
MANIFEST = "manifest.json"

# --------------------------------------------------------------------------- vocabulary

PLACES = [
    "Harbourtown", "Eastmere", "Northvale", "Kessington", "Port Aldine", "Marrow Bay", "Old Ferris",
    "Calder Heights", "Westbrook", "Lindqvist", "Saint Orrin", "Velmora", "Tannery Hill", "Brightwater",
    "Quarry Point", "Ashby Cross", "Fenwick", "Dunmore", "Rosslare Vale", "Greyhaven",
]
SUBJECTS = [
    "{place} council", "Ministers", "Regulators in {place}", "The central bank", "Health officials",
    "Striking teachers", "{place} port authority", "Opposition leaders", "The finance ministry",
    "Rail unions", "Farmers in {place}", "The supreme court", "City planners", "Energy firms",
    "Hospital chiefs", "Police in {place}", "Climate scientists", "The election commission",
    "Tech start-ups", "{place} residents", "Fishing crews", "University leaders", "Auditors",
    "The coastguard", "Water companies", "Small businesses", "Housing campaigners", "Airline bosses",
    "Prosecutors", "The transport agency",
]
VERBS = [
    "approve", "reject", "delay", "unveil", "investigate", "warn over", "back", "halt", "expand",
    "cut", "defend", "question", "scrap", "revive", "debate", "fund", "challenge", "welcome",
    "criticise", "review",
]
OBJECTS = [
    "new water tariff", "rail expansion plan", "coastal flood barrier", "school meals budget",
    "offshore wind licences", "hospital waiting list targets", "port privatisation", "bus fare freeze",
    "housing density rules", "pension reform bill", "fishing quota deal", "data protection code",
    "emergency heating payments", "airport night flights", "bridge repair contract", "teacher pay offer",
    "river clean-up programme", "minimum wage rise", "rent cap proposal", "electoral boundary changes",
    "border inspection regime", "vaccine rollout schedule", "library closures", "tram line extension",
    "steelworks rescue package", "drought restrictions", "tax relief for farmers", "broadband subsidy",
    "police body camera policy", "festival licensing rules", "mining permit", "museum funding cuts",
    "ferry timetable overhaul", "carbon levy", "hospital merger", "tourist tax", "grain export deal",
    "cycle lane network", "youth jobs scheme", "landfill expansion", "nuclear plant life extension",
    "social care levy", "speed camera rollout", "university fee rise", "disaster relief fund",
    "food price watchdog", "coal mine closure", "harbour dredging project", "court backlog plan",
    "hydrogen bus trial", "public sector hiring freeze", "sugar tax", "ban on disposable vapes",
    "heat pump grants", "railway station rebuild", "water meter rollout", "state pension age",
    "rural clinic network", "satellite launch site", "coastal erosion plan",
]
TAILS = [
    "", "", "", "after months of talks", "amid protests", "as costs rise", "despite warnings",
    "in landmark vote", "ahead of winter", "after public outcry", "in surprise move", "for second time",
    "as deadline looms", "following leak", "after court ruling", "amid budget squeeze",
]
PREFIXES = ["", "", "", "", "", "", "Analysis: ", "Explainer: ", "Live: ", "Exclusive: "]

TOPICS = [
    "climate", "energy", "elections", "health", "education", "housing", "transport", "economy",
    "trade", "agriculture", "fisheries", "courts", "policing", "immigration", "defence", "diplomacy",
    "technology", "privacy", "science", "space", "culture", "sport", "tourism", "labour", "pensions",
    "taxation", "banking", "inflation", "water", "weather", "floods", "drought", "wildlife", "oceans",
    "mining", "manufacturing", "retail", "media", "religion", "human rights", "protest", "corruption",
    "local government", "parliament", "public health", "mental health", "social care", "universities",
    "schools", "railways", "aviation", "shipping", "roads", "cycling", "urban planning", "heritage",
    "food", "nuclear", "renewables", "oil and gas",
]
REGIONS = [
    "north", "south", "east", "west", "coast", "highlands", "capital", "islands", "borderlands",
    "midlands", "delta", "valley",
]

FIRST_NAMES = [
    "Amara", "Ben", "Carla", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kofi",
    "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Victor",
    "Wen", "Ximena", "Yusuf", "Zoe",
]
LAST_NAMES = [
    "Abbott", "Baptiste", "Chen", "Dalton", "Eriksen", "Fischer", "Garcia", "Haddad", "Ivanova",
    "Jensen", "Kowalski", "Lindgren", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinlan", "Rossi",
    "Sato", "Tanaka",
]

OUTLET_WORDS = [
    ("The Harbourtown Ledger", "ledger"), ("Eastmere Chronicle", "chronicle"), ("Northvale Post", "nvpost"),
    ("Kessington Herald", "herald"), ("Port Aldine Gazette", "gazette"), ("Marrow Bay Times", "mbtimes"),
    ("Daily Meridian", "meridian"), ("The Evening Signal", "signal"), ("Westbrook Observer", "observer"),
    ("Lindqvist Tribune", "tribune"), ("Velmora Today", "velmora"), ("The Continental", "continental"),
    ("Brightwater Courier", "courier"), ("Quarry Point Record", "record"), ("Greyhaven Dispatch", "dispatch"),
    ("Radio Dunmore", "radiodunmore"), ("Fenwick Free Press", "freepress"), ("The Weekly Compass", "compass"),
    ("Ashby Cross Echo", "echo"), ("Saint Orrin Bulletin", "bulletin"), ("World Desk", "worlddesk"),
    ("The Policy Review", "policyreview"), ("Metro Wire", "metrowire"), ("Capital Standard", "standard"),
    ("Island Voice", "islandvoice"), ("The Market Journal", "marketjournal"), ("Civic Monitor", "monitor"),
    ("Coastline News", "coastline"), ("Global Briefing", "briefing"), ("The Independent Lens", "lens"),
]

NOUNS = [
    "council", "minister", "budget", "plan", "report", "committee", "residents", "union", "court",
    "agency", "survey", "project", "contract", "proposal", "deadline", "vote", "policy", "market",
    "region", "government", "programme", "inquiry", "spokesperson", "official", "economist", "company",
    "community", "debate", "figure", "study", "rule", "network", "strategy", "review", "decision",
    "statement", "campaign", "sector", "investment", "crisis", "schedule", "audit", "framework",
]
ADJECTIVES = [
    "new", "local", "national", "controversial", "long-awaited", "independent", "regional", "recent",
    "unexpected", "significant", "modest", "ambitious", "preliminary", "final", "formal", "public",
    "private", "detailed", "revised", "temporary", "key", "major", "small", "early", "late",
]
VERBS_PAST = [
    "announced", "confirmed", "rejected", "approved", "questioned", "published", "delayed", "reviewed",
    "welcomed", "criticised", "proposed", "outlined", "defended", "suspended", "extended", "signed",
    "challenged", "revealed", "estimated", "warned",
]
CONNECTIVES = [
    "However,", "Meanwhile,", "According to officials,", "In a statement,", "Critics said that",
    "Supporters argued that", "Earlier this year,", "By contrast,", "As a result,", "On Tuesday,",
    "Last month,", "For now,", "In practice,", "Even so,",
]
PREPOSITIONAL = [
    "in the capital", "across the region", "after the meeting", "before the vote", "during the session",
    "by the end of the year", "within weeks", "at the hearing", "in {place}", "near the harbour",
    "on the east coast", "under the new rules", "for the first time", "since the election",
]
HEADINGS = [
    "What happens next", "Background", "Reaction", "The numbers", "Why it matters", "What critics say",
    "Timeline", "Local impact", "The wider picture", "Key questions",
]


# --------------------------------------------------------------------------- the articles


@dataclass
class Related:
    title: str
    url: str | None = None


@dataclass
class Article:
    index: int
    title: str
    slug: str
    date: datetime  # aware, in the article's own offset
    author: str
    source_name: str
    source_url: str
    tags: list[str]
    summary: str
    body: str
    related: list[Related] = field(default_factory=list)

    @property
    def folder(self) -> str:
        return f"{self.date:%Y}/{self.date:%m}"

    @property
    def iso_date(self) -> str:
        return self.date.isoformat(timespec="seconds")


def slugify(text: str) -> str:
    """ASCII slug; the vocabulary is ASCII apart from quotes, which are dropped."""
    text = re.sub(r"['\u2018\u2019`]", "", text.lower())
    return "-".join(w for w in re.split(r"[^a-z0-9]+", text) if w)


def make_tags(rng: random.Random) -> list[str]:
    """About 200 distinct, lower-case topic names."""
    combos = [f"{region} {topic}" for region in REGIONS for topic in TOPICS]
    rng.shuffle(combos)
    return TOPICS + REGIONS + combos[:200 - len(TOPICS) - len(REGIONS)]


def make_outlets() -> list[tuple[str, str]]:
    return [(name, f"https://www.{host}.example.com/") for name, host in OUTLET_WORDS]


class Writer:
    """Random but plausible news prose."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def place(self) -> str:
        return self.rng.choice(PLACES)

    def sentence(self) -> str:
        r = self.rng
        words: list[str] = []
        if r.random() < 0.3:
            words.append(r.choice(CONNECTIVES))
        words += ["the", r.choice(ADJECTIVES), r.choice(NOUNS), r.choice(VERBS_PAST), "a", r.choice(ADJECTIVES),
                  r.choice(NOUNS)]
        for _ in range(r.randint(0, 3)):
            words.append(r.choice(PREPOSITIONAL).format(place=self.place()))
        if r.random() < 0.4:
            words += ["and", r.choice(VERBS_PAST), "the", r.choice(NOUNS), "of", f"{r.randint(2, 98)}",
                      r.choice(["per cent", "million", "families", "jobs", "days"])]
        if r.random() < 0.15:
            words.append(f"*{r.choice(ADJECTIVES)}*")
        if r.random() < 0.1:
            words.append(f"**{r.choice(NOUNS)}**")
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, words_wanted: int, link: str | None = None) -> str:
        sentences: list[str] = []
        count = 0
        while count < words_wanted:
            s = self.sentence()
            sentences.append(s)
            count += len(s.split())
        if link:
            i = self.rng.randrange(len(sentences))
            sentences[i] = sentences[i][:-1] + f", [the {self.rng.choice(NOUNS)} said]({link})."
        return " ".join(sentences)

    def body(self, source_url: str, internal: list[str]) -> str:
        """300-900 words: paragraphs, some ## headings, a list, usually a blockquote, some links."""
        r = self.rng
        target = r.randint(300, 900)
        blocks: list[str] = []
        words = 0
        heading_left = r.randint(0, 3)
        did_list = did_quote = False
        while words < target:
            link = None
            roll = r.random()
            if roll < 0.25:
                link = f"{source_url}{r.choice(NOUNS)}/{r.randint(1000, 99999)}"
            elif roll < 0.32 and internal:
                link = r.choice(internal)
            para = self.paragraph(r.randint(40, 110), link)
            blocks.append(para)
            words += len(para.split())
            if heading_left and len(blocks) > 1 and r.random() < 0.35:
                blocks.append("## " + r.choice(HEADINGS))
                heading_left -= 1
            elif not did_list and words > target / 3 and r.random() < 0.5:
                items = [f"- {self.sentence()}" for _ in range(r.randint(3, 5))]
                blocks.append("\n".join(items))
                words += sum(len(i.split()) for i in items)
                did_list = True
            elif not did_quote and words > target / 2 and r.random() < 0.7:
                quote = self.sentence()
                blocks.append(f"> “{quote}”\n>\n> — {r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}")
                words += len(quote.split()) + 3
                did_quote = True
        return "\n\n".join(blocks) + "\n"


def reword(title: str, rng: random.Random) -> tuple[str, bool]:
    """A READ MORE title as another outlet would quote it: (text, still names the same article)."""
    kind = rng.random()
    if kind < 0.45:  # punctuation, quotes, case: digest's title matching should still find it
        variants = [
            title.lower(),
            title.upper(),
            title.replace(": ", " - "),
            f"‘{title}’",
            f"“{title}”",
            title + ".",
            title.replace(" ", "  "),
        ]
        return rng.choice(variants), True
    words = title.split()
    if kind < 0.75 and len(words) > 4:  # a word dropped: a different title, shown as text or external link
        del words[rng.randrange(1, len(words))]
    else:
        words.insert(rng.randrange(1, len(words)), rng.choice(["new", "latest", "controversial", "full"]))
    return " ".join(words), False


def generate(n: int, seed: int = 1) -> list[Article]:
    """N articles, the same list for the same (n, seed)."""
    rng = random.Random(f"digest-bench:{seed}")
    writer = Writer(rng)
    tags = make_tags(rng)
    tag_weights = [1.0 / (i + 1) ** 0.7 for i in range(len(tags))]  # a few big topics, a long tail
    outlets = make_outlets()
    outlet_weights = [1.0 / (i + 1) ** 0.5 for i in range(len(outlets))]
    authors = [f"{f} {l}" for f in FIRST_NAMES for l in LAST_NAMES]
    rng.shuffle(authors)
    authors = authors[:150]
    offsets = [0, 0, 0, 1, 1, 2, 3, -5, -4, 5.5, 9]

    titles: set[str] = set()
    slugs: set[str] = set()
    heads: list[tuple[str, str, datetime]] = []
    for i in range(n):
        for attempt in range(1000):
            title = (rng.choice(PREFIXES) + rng.choice(SUBJECTS).format(place=writer.place()) + " "
                     + rng.choice(VERBS) + " " + rng.choice(OBJECTS))
            tail = rng.choice(TAILS)
            if tail:
                title += " " + tail
            if attempt > 50:  # only for very large N: make it unique
                title += f" ({writer.place()}, {attempt})"
            if rng.random() < 0.08:  # a quoted phrase, as headlines have
                words = title.split(" ")
                k = rng.randrange(len(words) - 1)
                words[k] = "‘" + words[k]
                words[k + 1] = words[k + 1] + "’"
                title = " ".join(words)
            slug = slugify(title)[:80].rstrip("-")
            if title not in titles and slug not in slugs:
                break
        titles.add(title)
        slugs.add(slug)
        seconds = rng.uniform(0, SPAN.total_seconds())
        offset = timezone(timedelta(hours=rng.choice(offsets)))
        date = (NEWEST - timedelta(seconds=int(seconds))).astimezone(offset).replace(second=0)
        heads.append((title, slug, date))

    articles: list[Article] = []
    for i, (title, slug, date) in enumerate(heads):
        name, url = outlets[rng.choices(range(len(outlets)), outlet_weights)[0]]
        chosen: list[str] = []
        for tag in rng.choices(tags, tag_weights, k=rng.randint(2, 5)):
            if tag not in chosen:
                chosen.append(tag)
        internal = []
        if n > 1 and rng.random() < 0.2:
            t, s, d = heads[rng.randrange(n)]
            internal.append(f"/{d:%Y}/{d:%m}/{s}/")
        body = writer.body(url, internal)
        summary = writer.sentence().replace("*", "")
        articles.append(Article(
            index=i, title=title, slug=slug, date=date, author=rng.choice(authors), source_name=name,
            source_url=f"{url}{date:%Y/%m}/{slug}", tags=chosen, summary=summary, body=body))

    for article in articles:  # READ MORE references to other generated titles, ~30% of articles
        if n < 2 or rng.random() >= 0.3:
            continue
        for _ in range(rng.randint(1, 3)):
            other = articles[rng.randrange(n)]
            if other is article:
                continue
            if rng.random() < 0.5:
                article.related.append(Related(other.title))
            else:
                text, same = reword(other.title, rng)
                url = None if same or rng.random() < 0.5 else other.source_url
                article.related.append(Related(text, url))
    return articles


# --------------------------------------------------------------------------- writers


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def write_digest(site: Path, articles: list[Article], templates: Path) -> list[str]:
    (site / "digest.yaml").write_text(
        f"title: {q(SITE_TITLE)}\n"
        f"description: {q(SITE_DESCRIPTION)}\n"
        f"base_url: {BASE_URL}\n"
        "language: en\n"
        "timezone: UTC\n"
        f"author: {q(SITE_AUTHOR)}\n"
        f"per_page: {PER_PAGE}\n"
        f"feed_size: {FEED_SIZE}\n"
        # the peers build no search index: run.py measures the site generator alike, and
        # bench_search.py measures what the index adds (it turns this on)
        "search: false\n", encoding="utf-8")
    shutil.copytree(templates, site / "templates")
    paths = []
    for a in articles:
        lines = ["---", f"title: {q(a.title)}", f"date: {a.iso_date}", f"author: {q(a.author)}",
                 "source:", f"  name: {q(a.source_name)}", f"  url: {a.source_url}",
                 "tags: [" + ", ".join(q(t) for t in a.tags) + "]", f"summary: {q(a.summary)}"]
        if a.related:
            lines += ["related:", *related_yaml(a.related, "")]
        lines += ["---", "", a.body]
        rel = f"content/{a.folder}/{a.slug}.md"
        write(site / rel, "\n".join(lines))
        paths.append(rel)
    return paths


def related_yaml(refs: list[Related], indent: str) -> list[str]:
    """The READ MORE references as YAML list items under a `related:` key indented by `indent`."""
    lines = []
    for ref in refs:
        lines.append(f"{indent}  - title: {q(ref.title)}")
        if ref.url:
            lines.append(f"{indent}    url: {ref.url}")
    return lines


def write_hugo(site: Path, articles: list[Article], templates: Path) -> list[str]:
    (site / "hugo.yaml").write_text(HUGO_CONFIG, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        write(site / "layouts" / name, text)
    (site / "static").mkdir(parents=True, exist_ok=True)
    shutil.copy(templates / "static" / "style.css", site / "static" / "style.css")
    write(site / "content" / "_index.md", f"---\ntitle: {q(SITE_TITLE)}\n---\n")
    write(site / "content" / "editions" / "_index.md", HUGO_EDITIONS_INDEX)
    sections: dict[str, str] = {}
    paths = []
    for a in articles:
        sections.setdefault(f"{a.date:%Y}", f"Archive: {a.date:%Y}")
        sections.setdefault(a.folder, f"Archive: {a.date:%B %Y}")
        lines = ["---", f"title: {q(a.title)}", f"date: {a.iso_date}", f"slug: {a.slug}",
                 f"summary: {q(a.summary)}",
                 "tags: [" + ", ".join(q(t) for t in a.tags) + "]",
                 f"sources: [{q(a.source_name)}]", f"authors: [{q(a.author)}]",
                 f"editions: [\"{a.date.astimezone(timezone.utc):%Y-%m-%d}\"]",
                 "params:", f"  author: {q(a.author)}", f"  source_name: {q(a.source_name)}",
                 f"  source_url: {a.source_url}"]
        if a.related:
            lines += ["  related:", *related_yaml(a.related, "  ")]
        lines += ["---", "", a.body]
        rel = f"content/{a.folder}/{a.slug}.md"
        write(site / rel, "\n".join(lines))
        paths.append(rel)
    for folder, title in sections.items():  # years and months become (paginated) sections = archives
        write(site / "content" / folder / "_index.md", f"---\ntitle: {q(title)}\n---\n")
    return paths


def write_pelican(site: Path, articles: list[Article], templates: Path) -> list[str]:
    (site / "pelicanconf.py").write_text(PELICAN_CONFIG, encoding="utf-8")
    write(site / "overrides" / "period_archives.html", PELICAN_PERIOD_ARCHIVES)
    paths = []
    for a in articles:
        # The same instant in UTC: Pelican groups day archives with itertools.groupby over articles
        # sorted by instant, so mixed offsets split one local day into several groups that collide
        # on one file (FileOverwriteFailedError).  In UTC its days are digest's (timezone: UTC) days.
        utc = a.date.astimezone(timezone.utc).isoformat(timespec="seconds")
        lines = [f"Title: {a.title}", f"Date: {utc}", f"Slug: {a.slug}", f"Author: {a.author}",
                 f"Category: {a.source_name}", "Tags: " + ", ".join(a.tags), f"Summary: {a.summary}",
                 f"Source_url: {a.source_url}"]
        lines += ["", a.body]
        rel = f"content/{a.folder}/{a.slug}.md"
        write(site / rel, "\n".join(lines))
        paths.append(rel)
    return paths


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


HUGO_CONFIG = f"""\
baseURL: {BASE_URL}
locale: en
title: {q(SITE_TITLE)}
timeZone: UTC
params:
  description: {q(SITE_DESCRIPTION)}
  author: {q(SITE_AUTHOR)}
  relatedCoverage: true
pagination:
  pagerSize: {PER_PAGE}
  path: page
  disableAliases: true  # no page/1/ redirect files: digest writes none
taxonomies:
  tag: tags
  source: sources
  author: authors
  edition: editions
enableRobotsTXT: true
services:
  rss:
    limit: {FEED_SIZE}
mediaTypes:
  application/atom+xml:
    suffixes: [xml]
outputFormats:
  rss:
    baseName: feed
  atom:
    mediaType: application/atom+xml
    baseName: atom
    isPlainText: false
    rel: alternate
outputs:
  home: [html, rss, atom]
  section: [html]
  taxonomy: [html]
  term: [html, rss, atom]
  page: [html]
# "Related coverage": Hugo's related-content index, configured like Hugo's documented default (tags,
# and the year as a weak signal) but including newer pages, as digest does; it stands in for digest's
# TF-IDF + tags + date + source ranking.  run.py can switch it off (params.relatedCoverage) to show
# what it costs Hugo.
related:
  includeNewer: true
  threshold: 80
  toLower: true
  indices:
    - name: tags
      weight: 80
    - name: date
      weight: 10
      pattern: "2006"
"""

# A small theme doing what digest's shipped theme does: cards with byline, summary and tags on every
# list; article pages with source, tags, READ MORE links resolved by title, related coverage and
# previous/next story; full-content RSS and Atom feeds for the site and every tag, source and author.
HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Summary }}{{ . | plainify }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
{{ with site.Home.OutputFormats.Get "atom" }}<link rel="alternate" type="application/atom+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header class="masthead"><div class="wrap">
<p class="brand"><a href="{{ "/" | relURL }}">{{ site.Title }}</a></p>
<p class="tagline">{{ site.Params.description }}</p></div>
<nav class="sections"><ul class="wrap">
<li><a href="{{ "/" | relURL }}">Latest</a></li>
<li><a href="{{ "/editions/" | relURL }}">Editions</a></li>
<li><a href="{{ "/tags/" | relURL }}">Topics</a></li>
<li><a href="{{ "/sources/" | relURL }}">Sources</a></li>
<li><a href="{{ "/authors/" | relURL }}">Authors</a></li>
<li><a href="{{ "feed.xml" | relURL }}">RSS</a></li>
</ul></nav>
</header>
<main id="main" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap"><p>{{ site.Title }} · curated by {{ site.Params.author }}</p></div></footer>
</body>
</html>
""",
    "_partials/byline.html": """\
<p class="meta">
{{ with .GetTerms "sources" }}{{ range first 1 . }}<a class="source" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> · {{ end }}{{ end }}
<time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ with .GetTerms "authors" }} · <span class="authors">{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</span>{{ end }}
</p>
""",
    "_partials/card.html": """\
<article class="card">
<h2 class="card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ partial "byline.html" . }}
{{ with .Summary }}<p class="summary">{{ . | plainify }}</p>{{ end }}
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</article>
""",
    "_partials/pager.html": """\
{{ if gt .TotalPages 1 }}
<nav class="pager">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">← Newer</a>{{ else }}<span></span>{{ end }}
<span class="page-count">Page {{ .PageNumber }} of {{ .TotalPages }}</span>
{{ with .Next }}<a rel="next" href="{{ .URL }}">Older →</a>{{ else }}<span></span>{{ end }}
</nav>
{{ end }}
""",
    # normalised title -> permalink, built once per build (like digest's READ MORE title matching)
    "_partials/titles.html": """\
{{ $s := newScratch }}
{{ range site.RegularPages }}
{{ $key := .Title | lower | replaceRE `[^\\p{L}\\p{N}]+` " " | strings.TrimSpace }}
{{ $s.SetInMap "t" $key .RelPermalink }}
{{ end }}
{{ $t := $s.Get "t" | default dict }}
{{ return $t }}
""",
    "home.html": """\
{{ define "main" }}
{{ $pager := .Paginate site.RegularPages }}
<h1 class="page-heading">{{ site.Title }}</h1>
<div class="river">{{ range $pager.Pages }}{{ partialCached "card.html" . .Path }}{{ end }}</div>
{{ partial "pager.html" $pager }}
{{ end }}
""",
    # years and months: the archive
    "section.html": """\
{{ define "main" }}
{{ $pager := .Paginate .RegularPagesRecursive }}
<h1 class="page-heading">{{ .Title }}</h1>
<p class="page-count-line">{{ $pager.TotalPages }} pages</p>
<div class="river">{{ range $pager.Pages }}{{ partialCached "card.html" . .Path }}{{ end }}</div>
{{ partial "pager.html" $pager }}
{{ end }}
""",
    # one tag, source, author or edition (a day)
    "term.html": """\
{{ define "main" }}
{{ $pager := .Paginate .Pages }}
<h1 class="page-heading">{{ .Parent.Title }}: {{ .Title }}</h1>
<p class="page-count-line">{{ $pager.TotalPages }} pages</p>
<div class="river">{{ range $pager.Pages }}{{ partialCached "card.html" . .Path }}{{ end }}</div>
{{ partial "pager.html" $pager }}
{{ end }}
""",
    # the index of tags, sources, authors (all terms) and of editions (paginated, newest first)
    "taxonomy.html": """\
{{ define "main" }}
<h1 class="page-heading">{{ .Title }}</h1>
{{ if eq .Data.Plural "editions" }}
{{ $pager := .Paginate .Pages.ByTitle.Reverse }}
<ul class="terms">{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> <span class="count">{{ len .Pages }} articles</span></li>{{ end }}</ul>
{{ partial "pager.html" $pager }}
{{ else }}
<ul class="terms">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="count">{{ .Count }} articles</span></li>{{ end }}
</ul>
{{ end }}
{{ end }}
""",
    "page.html": """\
{{ define "main" }}
<article class="story">
<header class="story-header">
{{ with .GetTerms "tags" }}{{ range first 1 . }}<p class="kicker"><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></p>{{ end }}{{ end }}
<h1 class="story-title">{{ .Title }}</h1>
{{ with .Summary }}<p class="standfirst">{{ . | plainify }}</p>{{ end }}
{{ partial "byline.html" . }}
<p class="meta meta-small">{{ .ReadingTime }} min read</p>
</header>
<div class="story-body">{{ .Content }}</div>
<footer class="story-footer">
<p class="original">Originally published by <strong>{{ .Params.source_name }}</strong>.
<a href="{{ .Params.source_url }}" rel="external noopener">Read the original</a></p>
{{ with .GetTerms "tags" }}<ul class="tags">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</footer>
</article>
{{ with .Params.related }}
{{ $titles := partialCached "titles.html" "titles" }}
<aside class="related"><h2 id="read-more">Read more</h2><ul>
{{ range . }}
{{ $key := .title | lower | replaceRE `[^\\p{L}\\p{N}]+` " " | strings.TrimSpace }}
{{ $url := index $titles $key }}
{{ if $url }}<li><a href="{{ $url }}">{{ .title }}</a></li>
{{ else if .url }}<li><a href="{{ .url }}" rel="external noopener">{{ .title }}</a> <span class="external">(external)</span></li>
{{ else }}<li>{{ .title }} <span class="external">(not in this digest)</span></li>{{ end }}
{{ end }}
</ul></aside>
{{ end }}
{{ if site.Params.relatedCoverage }}{{ with first 5 (site.RegularPages.Related .) }}
<aside class="related"><h2>Related coverage</h2>
<div class="river">{{ range . }}{{ partialCached "card.html" . .Path }}{{ end }}</div></aside>
{{ end }}{{ end }}
<nav class="neighbours">
{{ with .Prev }}<a rel="next" href="{{ .RelPermalink }}"><span>Next story</span>{{ .Title }}</a>{{ end }}
{{ with .Next }}<a rel="prev" href="{{ .RelPermalink }}"><span>Previous story</span>{{ .Title }}</a>{{ end }}
</nav>
{{ end }}
""",
    "404.html": """\
{{ define "main" }}<h1 class="page-heading">Page not found</h1><p><a href="{{ "/" | relURL }}">Latest</a></p>{{ end }}
""",
}

# Full-content feeds of the newest 20 (home, and every tag, source and author); the editions
# taxonomy's own feed has one entry per edition listing its articles, like digest's editions feed.
_FEED_ITEMS = """\
{{ $pages := cond .IsHome site.RegularPages .Pages }}
{{ $editions := and (eq .Kind "taxonomy") (eq .Data.Plural "editions") }}
{{ if $editions }}{{ $pages = .Pages.ByTitle.Reverse }}{{ end }}
{{ range first 20 $pages }}
{{ $html := .Content }}
{{ if $editions }}{{ $html = "" }}{{ range .Pages }}{{ $html = printf "%s<h3><a href=%q>%s</a></h3><p>%s</p>" $html .Permalink .Title .Summary }}{{ end }}{{ end }}
"""
HUGO_LAYOUTS["list.rss.xml"] = """\
{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{{ site.Title }}{{ if not .IsHome }}: {{ .Title }}{{ end }}</title>
<link>{{ .Permalink }}</link>
<description>{{ site.Params.description }}</description>
<language>en</language>
{{ with .OutputFormats.Get "rss" }}{{ printf "<atom:link href=%q rel=\\"self\\" type=%q />" .Permalink .MediaType.Type | safeHTML }}{{ end }}
""" + _FEED_ITEMS + """\
<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<guid>{{ .Permalink }}</guid>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
{{ with .Params.author }}<author>{{ . }}</author>{{ end }}
<description>{{ $html | transform.XMLEscape | safeHTML }}</description>
</item>
{{ end }}
</channel>
</rss>
"""
HUGO_LAYOUTS["list.atom.xml"] = """\
{{ printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\"?>" | safeHTML }}
<feed xmlns="http://www.w3.org/2005/Atom">
<title>{{ site.Title }}{{ if not .IsHome }}: {{ .Title }}{{ end }}</title>
<id>{{ .Permalink }}</id>
<link href="{{ .Permalink }}"/>
{{ with .OutputFormats.Get "atom" }}<link rel="self" href="{{ .Permalink }}"/>{{ end }}
<updated>{{ .Lastmod.Format "2006-01-02T15:04:05Z07:00" | safeHTML }}</updated>
""" + _FEED_ITEMS + """\
<entry>
<title>{{ .Title }}</title>
<id>{{ .Permalink }}</id>
<link href="{{ .Permalink }}"/>
<updated>{{ .Date.Format "2006-01-02T15:04:05Z07:00" | safeHTML }}</updated>
{{ with .Params.author }}<author><name>{{ . }}</name></author>{{ end }}
<summary>{{ .Summary | plainify }}</summary>
<content type="html">{{ $html | transform.XMLEscape | safeHTML }}</content>
</entry>
{{ end }}
</feed>
"""

# The editions index gets RSS and Atom (like digest's /editions/feed.xml); single editions do not.
HUGO_EDITIONS_INDEX = """\
---
title: Editions
outputs: [html, rss, atom]
cascade:
  outputs: [html]
---
"""

PELICAN_CONFIG = f"""\
# Pelican settings for the benchmark: same pagination, feeds and URL shape as the digest site.
AUTHOR = {SITE_AUTHOR!r}
SITENAME = {SITE_TITLE!r}
SITEURL = {BASE_URL.rstrip('/')!r}
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
USE_FOLDER_AS_CATEGORY = False  # Category: is the source (outlet), like digest's source pages
DEFAULT_PAGINATION = {PER_PAGE}
PAGINATED_TEMPLATES = {{"index": None, "tag": None, "category": None, "author": None, "period_archives": None}}
PAGINATION_PATTERNS = (
    (1, "{{url}}", "{{save_as}}"),
    (2, "{{base_name}}/page/{{number}}/", "{{base_name}}/page/{{number}}/index.html"),
)
ARTICLE_URL = "{{date:%Y}}/{{date:%m}}/{{slug}}/"
ARTICLE_SAVE_AS = "{{date:%Y}}/{{date:%m}}/{{slug}}/index.html"
TAG_URL = "tags/{{slug}}/"
TAG_SAVE_AS = "tags/{{slug}}/index.html"
TAGS_SAVE_AS = "tags/index.html"
CATEGORY_URL = "sources/{{slug}}/"
CATEGORY_SAVE_AS = "sources/{{slug}}/index.html"
CATEGORIES_SAVE_AS = "sources/index.html"
AUTHOR_URL = "authors/{{slug}}/"
AUTHOR_SAVE_AS = "authors/{{slug}}/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
ARCHIVES_SAVE_AS = "archive/index.html"
YEAR_ARCHIVE_URL = "archive/{{date:%Y}}/"
YEAR_ARCHIVE_SAVE_AS = "archive/{{date:%Y}}/index.html"
MONTH_ARCHIVE_URL = "archive/{{date:%Y}}/{{date:%m}}/"
MONTH_ARCHIVE_SAVE_AS = "archive/{{date:%Y}}/{{date:%m}}/index.html"
# daily editions: Pelican's day archives
DAY_ARCHIVE_URL = "editions/{{date:%Y-%m-%d}}/"
DAY_ARCHIVE_SAVE_AS = "editions/{{date:%Y-%m-%d}}/index.html"
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives"]
PAGE_PATHS = []
FEED_DOMAIN = SITEURL
FEED_MAX_ITEMS = {FEED_SIZE}
FEED_ALL_RSS = "feed.xml"
FEED_ALL_ATOM = "atom.xml"
TAG_FEED_RSS = "tags/{{slug}}/feed.xml"
TAG_FEED_ATOM = "tags/{{slug}}/atom.xml"
CATEGORY_FEED_RSS = "sources/{{slug}}/feed.xml"
CATEGORY_FEED_ATOM = "sources/{{slug}}/atom.xml"
AUTHOR_FEED_RSS = "authors/{{slug}}/feed.xml"
AUTHOR_FEED_ATOM = "authors/{{slug}}/atom.xml"
TRANSLATION_FEED_ATOM = None
# The default theme's period_archives.html lists the whole period on every page; this override
# lists only the page's slice so that paginated archives cost what digest's do.
THEME_TEMPLATES_OVERRIDES = ["overrides"]
RELATIVE_URLS = False
"""

PELICAN_PERIOD_ARCHIVES = """\
{% extends "base.html" %}
{% block content %}
<section id="content" class="body">
<h1>Archives for {{ period | reverse | join(' ') }}</h1>
{% for article in articles_page.object_list %}
<article class="hentry"><h2><a href="{{ SITEURL }}/{{ article.url }}">{{ article.title }}</a></h2>
<div class="entry-content">{% include 'article_infos.html' %}{{ article.summary }}</div></article>
{% endfor %}
{% if articles_page.has_other_pages() %}{% include 'pagination.html' %}{% endif %}
</section>
{% endblock %}
"""

WRITERS = {"digest": write_digest, "hugo": write_hugo, "pelican": write_pelican}


def write_corpus(out: Path, n: int, seed: int = 1, tools: tuple[str, ...] = TOOLS,
                 templates: Path = REPO / "templates") -> dict:
    """Generate N articles into out/<tool>/ for each tool; return (and write) the manifest.

    `templates` is digest's theme (copied into the digest site; Hugo borrows its style.css).
    Tool folders not in `tools` are removed, so the manifest describes the folder exactly.
    """
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()) and not (out / MANIFEST).exists():
        raise SystemExit(f"corpus: {out} is not empty and holds no {MANIFEST}; refusing to overwrite it")
    for tool in TOOLS:
        shutil.rmtree(out / tool, ignore_errors=True)
    articles = generate(n, seed)
    manifest: dict = {"articles": n, "seed": seed, "tools": {}}
    for tool in tools:
        site = out / tool
        site.mkdir()
        paths = WRITERS[tool](site, articles, templates)
        manifest["tools"][tool] = {"site": str(site), "articles": paths}
    # the article the one-change build edits: the middle one by generation order (a random date)
    manifest["change_index"] = n // 2
    manifest["stats"] = {
        "words": sum(len(a.body.split()) for a in articles),
        "tags": len({t for a in articles for t in a.tags}),
        "sources": len({a.source_name for a in articles}),
        "with_related": sum(1 for a in articles if a.related),
        "related_refs": sum(len(a.related) for a in articles),
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", "-n", type=int, required=True, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="folder to write digest/, hugo/, pelican/ into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset of digest,hugo,pelican")
    args = parser.parse_args(argv)
    tools = tuple(t for t in args.tools.split(",") if t)
    unknown = [t for t in tools if t not in TOOLS]
    if unknown:
        parser.error(f"unknown tool(s): {', '.join(unknown)}")
    manifest = write_corpus(args.out, args.articles, args.seed, tools)
    print(f"wrote {args.articles} articles for {', '.join(tools)} into {args.out} ({manifest['stats']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
