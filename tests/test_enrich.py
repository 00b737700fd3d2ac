"""Enrichment as readers meet it: READ MORE links, related coverage, same-story groups, editions, feeds."""

from __future__ import annotations

import feedparser
from lxml import html

from conftest import article

CONFIG = "title: T\nbase_url: https://news.example.net/\ntimezone: UTC\nper_page: 10\n"

FERRY = ("The Brennhaven ferry crews walked out on Tuesday, stranding island commuters as the harbour strike "
         "over pay and rosters began. Ferry operators cancelled sailings to the Skerra islands.\n")


def page(root, url):
    return html.fromstring((root / "site" / url.strip("/") / "index.html").read_bytes())


def related_items(doc):
    return [(li.xpath("./a")[0].text, li.get("data-reasons")) for li in doc.xpath("//aside[@class='coverage']//li")]


def read_more(doc):
    return [(a.text, a.get("href")) for a in doc.xpath("//aside[@class='related']//a")]


def test_read_more_matches_exact_normalised_and_reworded_titles(make_site, build_site):
    root = make_site({
        "content/a.md": article("Valdmark calls snap election for December 13", "2015-09-08"),
        "content/b.md": article("‘We were not consulted’: Kellmoor cannery to close", "2015-08-12"),
        "content/c.md": article("Debate", "2015-11-24", related=[
            {"title": "Valdmark calls snap vote for December 13"},          # one word changed: fuzzy
            {"title": "'We Were Not Consulted': Kellmoor Cannery To Close"},  # quotes and case: normalised
            {"title": "Something else entirely", "url": "https://elsewhere.example/x"},
            {"title": "Not here at all"}]),
    }, config=CONFIG)
    result = build_site(root)
    links = result.site.entry("c.md").related
    assert [(l.target, l.match) for l in links] == [("a.md", "fuzzy"), ("b.md", "normalised"), (None, None),
                                                     (None, None)]
    assert read_more(page(root, "/2015/11/c/")) == [
        ("Valdmark calls snap election for December 13", "/2015/09/a/"),
        ("‘We were not consulted’: Kellmoor cannery to close", "/2015/08/b/"),
        ("Something else entirely", "https://elsewhere.example/x")]
    assert [w.message for w in result.warnings] == [
        "READ MORE reference not found in the digest: 'Something else entirely'",
        "READ MORE reference not found in the digest: 'Not here at all'"]


def test_fuzzy_match_refuses_unrelated_and_ambiguous_titles(make_site, build_site):
    root = make_site({
        "content/a.md": article("Budget vote delayed in parliament", "2015-09-08"),
        "content/b.md": article("Budget vote delayed in parliament again", "2015-09-09"),
        "content/c.md": article("Ferry strike begins", "2015-09-10"),
        "content/e.md": article("Storm floods coastal roads in Eastreach", "2015-09-10"),
        "content/w.md": article("Storm floods coastal roads in Westreach", "2015-09-10"),
        "content/d.md": article("D", "2015-09-11", related=[{"title": "Budget vote delayed in parliament, again?"},
                                                          {"title": "Budget vote delay in parliamen"},
                                                          {"title": "Ferry strike ends"},
                                                          {"title": "Storm floods coastal roads in Northreach"}]),
    }, config=CONFIG)
    links = build_site(root).site.entry("d.md").related
    # typos still match; the opposite news and an ambiguous pair do not
    assert [l.target for l in links] == ["b.md", "a.md", None, None]


def test_pinned_entries_come_first_and_banned_ones_never_show(make_site, build_site):
    body = "Harbour cranes at Brennhaven port will be tested remotely from an office.\n"
    files = {f"content/p{i}.md": article(f"Port story {i}", f"2015-10-0{i}", body, tags=["port"]) for i in range(1, 6)}
    files["content/x.md"] = article("Unrelated sport", "2015-01-01", "The Rovers won the cup final.\n",
                                    tags=["sport"])
    files["content/p1.md"] = article("Port story 1", "2015-10-01", body, tags=["port"],
                                     related=[{"title": "Unrelated sport"}], related_exclude=["p2", "Port story 3"])
    root = make_site(files, config=CONFIG + "related_count: 3\n")
    result = build_site(root)
    coverage = result.site.entry("p1.md").coverage
    assert (coverage[0].target, [r.kind for r in coverage[0].reasons]) == ("x.md", ["referenced"])
    assert [s.target for s in coverage[1:]] == ["p4.md", "p5.md"]  # p2, p3 banned; nearer date first
    doc = page(root, "/2015/10/p1/")
    items = related_items(doc)
    # the pinned article is READ MORE and Port story 4 the same story ("Also covered by"): the page does
    # not list them again under related coverage
    assert [title for title, _ in read_more(doc)] == ["Unrelated sport"]
    assert "/2015/10/p4/" in doc.xpath("//aside[@class='also-covered']//a/@href")
    assert [title for title, _ in items] == ["Port story 5"]
    assert all(title not in ("Port story 2", "Port story 3") for title, _ in items)


def test_ties_are_broken_by_date_then_slug(make_site, build_site):
    body = "Identical wording about the harbour crane trial in Brennhaven port.\n"
    files = {name: article("Crane " + name[8], date, body, tags=["port"], slug=f"crane-{name[8]}")
             for name, date in (("content/a.md", "2015-10-01"), ("content/b.md", "2015-10-05"),
                                ("content/c.md", "2015-10-05"), ("content/d.md", "2015-10-09"))}
    files["content/other.md"] = article("Cup final", "2015-10-02", "The Rovers won the cup.\n", tags=["sport"])
    root = make_site(files, config=CONFIG)
    first = build_site(root).site.entry("d.md").coverage
    # b and c are equally close to d: same text, same tags, same date; slug decides
    assert [s.target for s in first] == ["b.md", "c.md", "a.md"]
    assert [s.target for s in build_site(root).site.entry("d.md").coverage] == [s.target for s in first]


def test_three_outlets_on_one_story_are_grouped(make_site, build_site):
    root = make_site({
        "content/l.md": article("Ferry crews walk out as Brennhaven harbour strike begins", "2015-10-13T08:00:00Z",
                                FERRY, source={"name": "Harbor Ledger"}, tags=["transport"]),
        "content/n.md": article("Brennhaven ferry strike begins, stranding island commuters", "2015-10-13T11:00:00Z",
                                FERRY.replace("Tuesday", "Tuesday morning"), source={"name": "Northgate Wire"},
                                tags=["transport"]),
        "content/v.md": article("Brennhaven ferry strike enters second day", "2015-10-14T19:00:00Z",
                                "Talks stalled as the ferry strike in Brennhaven harbour entered a second day, "
                                "stranding island commuters. " + FERRY, source={"name": "Valdmark Courier"},
                                tags=["transport"]),
        "content/o.md": article("Ferry timetable changes next spring", "2015-12-01", FERRY,
                                source={"name": "Northgate Wire"}, tags=["transport"]),
        "content/z.md": article("Cup final won late", "2015-10-13T12:00:00Z", "The Rovers won the cup final.\n",
                                source={"name": "Sports Desk"}),
    }, config=CONFIG)
    result = build_site(root)
    assert result.site.entry("v.md").story == ("n.md", "l.md")
    assert result.site.entry("o.md").story == ()  # weeks later: not the same event
    doc = page(root, "/2015/10/l/")
    assert [a.text for a in doc.xpath("//aside[@class='also-covered']//a")] == ["Valdmark Courier", "Northgate Wire"]
    assert any("same story" in [r.kind for r in s.reasons] for s in result.site.entry("l.md").coverage)
    # shown once: under "Also covered by", not again under related coverage
    assert not any(r.startswith("same story") for _, r in related_items(doc))
    home = html.fromstring((root / "site/index.html").read_bytes())
    titles = [a.text for a in home.xpath("//main//h2/a")]
    assert titles.count("Brennhaven ferry strike enters second day") == 1
    assert "Ferry crews walk out as Brennhaven harbour strike begins" not in titles
    assert "Brennhaven ferry strike begins, stranding island commuters" not in titles


def test_a_story_reported_every_day_does_not_chain_into_one_endless_story(make_site, build_site):
    """Daily reports of a running strike pair with their neighbours; a story still spans three days at
    most, so the first day's report is not 'also covered by' the report of two weeks later."""
    # each day's report shares most of its words with the next day's: every neighbour pair is one story
    words = ["alder", "birch", "cedar", "dogwood", "elmwood", "firwood", "ginkgo", "hazel", "juniper", "larch",
             "maple", "nutmeg", "oakwood", "pinewood", "quince", "rowan"]
    files = {f"content/d{day:02d}.md": article(
        f"Brennhaven ferry strike day {day}", f"2015-10-{day:02d}T09:00:00Z",
        " ".join(words[day - 1:day + 2] * 4) + ".\n",
        source={"name": ["Harbour Post", "Island Courier", "Valdmark Wire"][day % 3]})
        for day in range(1, 15)}
    root = make_site(files, config=CONFIG)
    result = build_site(root)
    spans = []
    for entry in result.site.entries:
        if entry.story:
            dates = [result.site.entry(p).article.date for p in entry.story] + [entry.article.date]
            spans.append((max(dates) - min(dates)).days)
    assert spans and max(spans) <= 3  # stories were found, none longer than STORY_DAYS
    first = page(root, result.site.entry("d01.md").url)
    covered = [a.text for a in first.xpath("//*[contains(@class, 'also-covered')]//a")]
    assert "Valdmark Wire" in covered or "Island Courier" in covered  # its neighbours are the same story
    assert all(len(e.story) < 13 for e in result.site.entries)


def test_every_related_item_has_a_reason(make_site, build_site):
    files = {f"content/{i}.md": article(f"Story {i}", f"2015-10-{i + 1:02d}", FERRY, tags=["transport"])
             for i in range(4)}
    files["content/other.md"] = article("Cup final", "2015-10-02", "The Rovers won the cup.\n", tags=["sport"])
    root = make_site(files, config=CONFIG)
    result = build_site(root)
    kinds = {"referenced", "same story", "similar text", "shared tags", "same source"}
    for entry in result.site.entries:
        assert bool(entry.coverage) == (entry.article.path != "other.md")
        for suggestion in entry.coverage:
            assert suggestion.reasons and {r.kind for r in suggestion.reasons} <= kinds


def test_edition_with_intro_groups_articles_by_tag_and_feeds_whole_editions(make_site, build_site):
    root = make_site({
        "content/a.md": article("Ferry strike", "2015-09-29T08:00:00Z", tags=["transport"], summary="Boats stop."),
        "content/b.md": article("Tram opens", "2015-09-29T12:00:00Z", tags=["transport"]),
        "content/c.md": article("Budget", "2015-09-29T15:00:00Z", tags=["economy"]),
        "content/d.md": article("Earlier", "2015-09-28T15:00:00Z", tags=["economy"]),
        "content/editions/2015-09-29.md": "---\ntitle: Strike day\n---\nA day of *strikes*.\n",
    }, config=CONFIG)
    build_site(root)
    doc = page(root, "/editions/2015-09-29/")
    assert doc.findtext(".//h1") == "Strike day"
    assert doc.xpath("//div[contains(@class, 'edition-intro')]//em/text()") == ["strikes"]
    sections = [(s.findtext(".//h2"), [a.text for a in s.xpath(".//h3/a")])
                for s in doc.xpath("//section[@class='edition-section']")]
    assert sections == [("transport", ["Tram opens", "Ferry strike"]), ("economy", ["Budget"])]
    index = html.fromstring((root / "site/editions/index.html").read_bytes())
    assert [a.text for a in index.xpath("//ul[contains(@class, 'editions-list')]//a")] == [
        "Strike day", "28 September 2015"]
    feed = feedparser.parse((root / "site/editions/atom.xml").read_bytes())
    assert feed.bozo == 0
    assert [e.title for e in feed.entries] == ["T: Strike day", "T: 28 September 2015"]
    assert feed.entries[0].link == "https://news.example.net/editions/2015-09-29/"
    content = feed.entries[0].content[0].value
    assert "A day of <em>strikes</em>" in content and 'href="https://news.example.net/2015/09/a/"' in content
    assert feedparser.parse((root / "site/editions/feed.xml").read_bytes()).bozo == 0


def test_weekly_editions_are_named_by_monday(make_site, build_site):
    root = make_site({
        "content/a.md": article("Tuesday story", "2015-09-29T08:00:00Z"),
        "content/b.md": article("Sunday story", "2015-10-04T08:00:00Z"),
        "content/c.md": article("Next Monday", "2015-10-05T08:00:00Z"),
        "content/editions/2015-09-30.md": "Intro for the week, written on Wednesday.\n",
    }, config=CONFIG + "editions: weekly\n")
    result = build_site(root)
    assert [(e.slug, e.title, len(e.entries)) for e in result.site.editions] == [
        ("2015-10-05", "Week of 5 October 2015", 1), ("2015-09-28", "Week of 28 September 2015", 2)]
    assert result.site.editions[1].intro is not None


def test_editions_off_writes_no_edition_pages(make_site, build_site):
    root = make_site({"content/a.md": article("A", "2015-09-29")}, config=CONFIG + "editions: off\n")
    build_site(root)
    assert not (root / "site/editions").exists()
    assert "/editions/" not in (root / "site/index.html").read_text()


def test_tag_source_and_author_feeds_are_valid(make_site, build_site):
    root = make_site({
        "content/a.md": article("A", "2015-09-29", tags=["Climate Change"], source={"name": "Lumen Desk"},
                                author="Priya Osterhout"),
        "content/b.md": article("B", "2015-09-30", tags=["climate  change"], author="Priya Osterhout"),
    }, config=CONFIG)
    build_site(root)
    for folder, titles in (("tags/climate-change", ["B", "A"]), ("sources/lumen-desk", ["A"]),
                           ("authors/priya-osterhout", ["B", "A"])):
        for name in ("feed.xml", "atom.xml"):
            feed = feedparser.parse((root / "site" / folder / name).read_bytes())
            assert feed.bozo == 0, (folder, name)
            assert [e.title for e in feed.entries] == titles
    tag_page = page(root, "/tags/climate-change/")
    assert tag_page.xpath("//link[@type='application/atom+xml']/@href")[-1] == "/tags/climate-change/atom.xml"


def test_bad_edition_intro_name_is_an_error(make_site, build_site):
    import pytest

    root = make_site({"content/a.md": article("A", "2015-09-29"), "content/editions/monday.md": "Hi\n"},
                     config=CONFIG)
    with pytest.raises(Exception) as info:
        build_site(root)
    assert str(info.value).endswith("content/editions/monday.md:1:1: error: edition intro file name 'monday' is "
                                    "not a date (hint: name it like content/editions/2015-09-29.md)")
