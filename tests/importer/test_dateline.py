"""The date finder of text dumps: the forms dates are printed in (datescan.py) and the choice of the
article's publication date among every date on a page (dateline.py).  All pages here are invented."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from digest.importer.dateline import find_dates
from digest.importer.datedline import is_date_line
from digest.importer.dates import find_date
from digest.importer.datescan import scan_dates
from digest.importer.dumppage import read_page
from digest.importer.headline import Headline
from digest.importer.locate import ArticleSpan

UTC = timezone.utc


def _values(text: str, language: str | None = None, order: str | None = None) -> list:
    return [m.value for m in scan_dates(text, language, order)]


# ----------------------------------------------------------------- written forms

@pytest.mark.parametrize("text, language, want", [
    ("Veröffentlicht am 06.11.2023", "de", date(2023, 11, 6)),
    ("4. 2. 2022 von Anna Berg", "de", date(2022, 2, 4)),
    ("26 | 01 | 2022 Praxis", "de", date(2022, 1, 26)),
    ("19.10.19 · Aktuell", "de", date(2019, 10, 19)),
    ("Posted 11/20/19", "en", date(2019, 11, 20)),
    ("27/09/2018 Comente!", None, date(2018, 9, 27)),          # 27 cannot be a month
    ("Updated 11.14.2019", "en", date(2019, 11, 14)),          # nor can 14
    ("2020-02-14", None, date(2020, 2, 14)),
    ("2023年11月7日", None, date(2023, 11, 7)),
    ("2023년 11월 7일", None, date(2023, 11, 7)),
    ("31 Donnerstag Okt 2019", "de", date(2019, 10, 31)),      # a weekday between day and month
    ("Dezember 26, 2019 von Lea", "de", date(2019, 12, 26)),
    ("veröffentlicht am 14 Feb ’20", "de", date(2020, 2, 14)),
    ("22 de outubro de 2010", "pt", date(2010, 10, 22)),
    ("sábado 07 de mayo del 2022", "es", date(2022, 5, 7)),
    ("1er janvier 2020", "fr", date(2020, 1, 1)),
    ("5 settembre 2021", "it", date(2021, 9, 5)),
    ("12 сентября 2018 г.", "ru", date(2018, 9, 12)),
    ("29 / Dezember / 2022", "de", date(2022, 12, 29)),
    ("Nov. 20, 2019", "en", date(2019, 11, 20)),
    ("Sept 3rd 2019", "en", date(2019, 9, 3)),
    ("3 marca 2021", None, date(2021, 3, 3)),                  # Polish, from dateparser's data
])
def test_date_forms(text: str, language: str | None, want: date) -> None:
    assert _values(text, language) == [want]


def test_ambiguous_numeric_dates_follow_the_page_order_or_the_language() -> None:
    assert _values("04/05/2022", "en") == [date(2022, 4, 5)]
    assert _values("04/05/2022", "es") == [date(2022, 5, 4)]
    assert _values("04/05/2022", "en", order="DMY") == [date(2022, 5, 4)]
    assert _values("04.05.2022", "de") == [date(2022, 5, 4)]


@pytest.mark.parametrize("text", [
    "Version 3.10.12 released",
    "VN:F [1.9.22_1171]",
    "192.168.10.12",
    "Call 0800 123 456",
    "Release v2.11.20",
])
def test_things_that_are_not_dates(text: str) -> None:
    assert _values(text) == []


@pytest.mark.parametrize("text, want", [
    ("Nov 19, 2019 at 6:46 pm ET", datetime(2019, 11, 19, 23, 46, tzinfo=UTC)),
    ("Published 11:11 PM EST Nov 19, 2019", datetime(2019, 11, 20, 4, 11, tzinfo=UTC)),   # clock first
    ("Updated 1:39 am EST, Wednesday, November 20, 2019", datetime(2019, 11, 20, 6, 39, tzinfo=UTC)),
    ("Updated 0339 GMT (1139 HKT) November 19, 2019", datetime(2019, 11, 19, 3, 39, tzinfo=UTC)),
    ("Jun 7, 2023, 8:54PM UTC", datetime(2023, 6, 7, 20, 54, tzinfo=UTC)),                # glued pm
    ("Tue 14 Mar 2017 10.30 GMT", datetime(2017, 3, 14, 10, 30, tzinfo=UTC)),
    ("Nov 7, 2023, 8:54 AM GMT+1", datetime(2023, 11, 7, 7, 54, tzinfo=UTC)),
    ("2021-10-27T20:35:36+01:00", datetime(2021, 10, 27, 19, 35, 36, tzinfo=UTC)),
    ("14. März 2019, 16.45 Uhr MEZ", datetime(2019, 3, 14, 15, 45, tzinfo=UTC)),
])
def test_clock_and_zone_beside_the_date(text: str, want: datetime) -> None:
    (value,) = _values(text, "de" if "Uhr" in text else "en")
    assert value == want


@pytest.mark.parametrize("text, want", [
    ("07/05/2022 20H06", datetime(2022, 5, 7, 20, 6)),
    ("04 de mayo 2022, 12:00 A. M.", datetime(2022, 5, 4, 0, 0)),
    ("22. Januar 2020 @ 18:13", datetime(2022 - 2, 1, 22, 18, 13)),
    ("5 mayo, 2022, 6:12 pm", datetime(2022, 5, 5, 18, 12)),
])
def test_clocks_in_local_forms_stay_naive(text: str, want: datetime) -> None:
    (value,) = _values(text, "es" if "mayo" in text or "H" in text else "de")
    assert value == want


def test_a_time_range_is_never_read_as_a_utc_offset() -> None:
    (value,) = _values("20.10.2021 - 10:24 - 11:30", "de")
    assert value == datetime(2021, 10, 20, 10, 24) and value.tzinfo is None


def test_find_date_keeps_its_contract() -> None:
    found = find_date("Mira Ostrova, 29 Sep 2015 23:35 BST")
    assert found is not None and found.has_time and found.explicit_tz
    assert found.value == datetime(2015, 9, 29, 23, 35, tzinfo=timezone(timedelta(hours=1)))
    assert find_date("no date at all") is None


# ----------------------------------------------------------------- choosing among a page's dates

def _find(lines: list[str], headline: int):
    page = read_page("\n".join(lines), language="en")
    body = tuple(range(headline + 1, len(page.lines)))
    return page, find_dates(page, Headline(page.lines[headline], headline), ArticleSpan(body, headline, len(lines)))


_PARAGRAPH = ("The council voted on Tuesday to keep the old bridge open for walkers and cyclists while engineers "
              "study how much of the structure can be saved, a decision that pleased most residents.")


def _day(found) -> date:
    value = found.value
    return value.date() if isinstance(value, datetime) else value


def test_the_dateline_under_the_headline_beats_teasers_and_the_header_clock() -> None:
    lines = ["Wednesday, March 9, 2022",               # the site's clock
             "Home News Sport",
             "Bridge repairs delayed again March 1, 2022",
             "New cycle lanes open February 28, 2022",
             "Old bridge stays open for walkers",
             "By Jane Doe | March 3, 2022",
             _PARAGRAPH, _PARAGRAPH]
    page, found = _find(lines, 4)
    assert _day(found.published) == date(2022, 3, 3)
    assert 5 in found.lines or found.lines == frozenset()


def test_comment_dates_under_the_article_are_not_its_date() -> None:
    lines = ["Old bridge stays open for walkers", "Tom Reed, Transport desk", _PARAGRAPH, _PARAGRAPH,
             "Posted on March 3, 2022 by Tom Reed in Transport",
             "12 Comments",
             "March 4, 2022 at 9:12 am", "Nice to hear.",
             "March 5, 2022 at 10:01 am", "Finally.",
             "March 6, 2022 at 8:40 pm", "Good news."]
    _, found = _find(lines, 0)
    assert _day(found.published) == date(2022, 3, 3)


def test_an_updated_stamp_gives_way_to_the_publication_date() -> None:
    lines = ["Old bridge stays open for walkers",
             "Published 9:00 AM EST Mar 3, 2022 | Updated 5:00 PM EST Mar 4, 2022",
             _PARAGRAPH]
    _, found = _find(lines, 0)
    assert found.published.value == datetime(2022, 3, 3, 14, 0, tzinfo=UTC)
    assert found.updated is not None and found.updated.value == datetime(2022, 3, 4, 22, 0, tzinfo=UTC)


def test_a_date_inside_a_sentence_loses_to_a_dateline() -> None:
    lines = ["Old bridge stays open for walkers",
             "The bridge, closed on January 5, 2022 after a storm, will stay open for walkers, the council "
             "said after a long meeting with engineers and residents on Tuesday evening.",
             _PARAGRAPH,
             "Posted on March 3, 2022 by Jane Doe"]
    _, found = _find(lines, 0)
    assert _day(found.published) == date(2022, 3, 3)


def test_a_date_the_headline_names_is_not_the_publication_date() -> None:
    lines = ["Festival returns on 12 August 2022", "Anna Berg, 2 May 2022", _PARAGRAPH]
    _, found = _find(lines, 0)
    assert _day(found.published) == date(2022, 5, 2)


def test_a_member_since_date_is_not_the_publication_date() -> None:
    lines = ["Old bridge stays open for walkers", "Registered: 18.09.2008, 05:56", "Posted 21.01.2009, 05:42",
             _PARAGRAPH]
    _, found = _find(lines, 0)
    assert _day(found.published) == date(2009, 1, 21)


def test_an_all_times_note_gives_naive_times_their_zone() -> None:
    lines = ["Old bridge stays open for walkers", "March 3, 2022 14:05", _PARAGRAPH, "All times are GMT"]
    _, found = _find(lines, 0)
    assert found.published.value == datetime(2022, 3, 3, 14, 5, tzinfo=UTC)


def test_without_a_note_a_naive_time_stays_naive_for_the_source_zone() -> None:
    lines = ["Old bridge stays open for walkers", "March 3, 2022 14:05", _PARAGRAPH]
    _, found = _find(lines, 0)
    assert found.published.value == datetime(2022, 3, 3, 14, 5)


def test_the_page_order_of_numeric_dates_comes_from_its_unambiguous_ones() -> None:
    lines = ["Old bridge stays open for walkers", "04/03/2022 by Kay", _PARAGRAPH,
             "Kim on 16/03/2022 at 9:52 Reply", "Great."]
    _, found = _find(lines, 0)
    assert _day(found.published) == date(2022, 3, 4)


def test_no_date_on_the_page() -> None:
    _, found = _find(["Old bridge stays open for walkers", _PARAGRAPH], 0)
    assert found.published is None and found.updated is None


@pytest.mark.parametrize("line, want", [
    ("Tuesday 14 March 2017 10.30 GMT", True),
    ("By Jane Doe March 3, 2022", True),
    ("Veröffentlicht am 06.11.2023", True),
    ("3 hours ago", True),
    ("The bridge closed on January 5, 2022 after a storm.", False),
    ("Bridge repairs delayed again", False),
])
def test_date_lines(line: str, want: bool) -> None:
    assert is_date_line(line) is want


def test_a_period_and_an_event_date_are_not_the_publication_date() -> None:
    lines = ["Summer offer: two jars for the price of one",
             "Offer period: 21.10.2019 – 27.10.2019",
             "Event: 03.11.2019, 19:00",
             "Lena Frost 18.10.2019, 15:07",
             _PARAGRAPH]
    _, found = _find(lines, 0)
    assert _day(found.published) == date(2019, 10, 18)


def test_a_dense_list_of_dated_teasers_loses_to_the_article_dateline() -> None:
    lines = ["Menu", "Search",
             "14 February 2020 – Ten tips for the garden in winter",
             "12 February 2020 – How to store apples, a short guide",
             "10 February 2020 – Our new shop opens in the old station",
             "5 February 2020 – Why bees need wild corners",
             "Popular", "Latest",
             "Old bridge stays open for walkers",
             "16 May 2019 Tom Reed Local, Transport",
             _PARAGRAPH]
    page = read_page("\n".join(lines), language="en")
    found = find_dates(page, None, ArticleSpan(tuple(range(len(lines))), 0, len(lines)))
    assert _day(found.published) == date(2019, 5, 16)


def test_a_masthead_clock_is_not_the_publication_date() -> None:
    lines = ["Menu", "Wednesday, March 9, 2022", "Old bridge stays open for walkers",
             "Jane Doe, March 3, 2022, Transport desk", _PARAGRAPH]
    page = read_page("\n".join(lines), language="en")
    found = find_dates(page, None, ArticleSpan(tuple(range(len(lines))), 0, len(lines)))
    assert _day(found.published) == date(2022, 3, 3)


def test_an_updated_stamp_above_finds_the_publication_date_beside_it() -> None:
    lines = ["Menu", "Home | By Tom Reed | March 3, 2022", "Old bridge stays open for walkers",
             "Article updated on March 4, 2022.", _PARAGRAPH]
    _, found = _find(lines, 2)
    assert _day(found.published) == date(2022, 3, 3) and _day(found.updated) == date(2022, 3, 4)


def test_the_dateline_may_follow_the_standfirst() -> None:
    lines = ["Old bridge stays open for walkers",
             "Engineers will study how much of the structure can be saved before the council decides on the "
             "future of the crossing, which has stood over the river for more than a century.",
             "By Jane Doe, Local desk Published: 26.12.2022",
             _PARAGRAPH,
             "More from the city", "New cycle lanes open 02.01.2023 09:51"]
    _, found = _find(lines, 0)
    assert _day(found.published) == date(2022, 12, 26)


def test_a_page_footer_saying_when_it_was_last_edited_is_an_update_stamp() -> None:
    lines = ["Old bridge stays open for walkers", _PARAGRAPH,
             "This page was last edited on 29 January 2020, at 13:22."]
    _, found = _find(lines, 0)
    assert found.published is not None and _day(found.published) == date(2020, 1, 29)
    assert found.updated is None
