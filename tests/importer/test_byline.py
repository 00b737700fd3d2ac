"""The byline finder on invented page dumps: which names it takes, and which it leaves alone."""

from __future__ import annotations

import pytest

from digest.importer.byline import find_byline
from digest.importer.bylinescan import parse_byline
from digest.importer.bylinescan import read_line
from digest.importer.dateline import find_dates
from digest.importer.dumppage import read_page
from digest.importer.headline import find_headline
from digest.importer.locate import locate_article

BODY = ("The harbour authority said on Tuesday that the new ferry terminal would open in the spring, "
        "two years later than planned, after the contractor ran into problems with the foundations.")
BODY2 = ("Residents have waited for the terminal since the old quay was closed, and the council says "
         "the delay has cost the town several hundred thousand euros in lost tourist spending.")


def names_in(dump: str) -> tuple[str, ...]:
    page = read_page(dump)
    headline = find_headline(page)
    span = locate_article(page, headline)
    dates = find_dates(page, headline, span)
    return find_byline(page, headline, span, dates.lines).names


def page(*header: str, title: str = "Ferry terminal opens two years late | Harbour Times") -> str:
    return "\n".join([title, "Home", "News", "Ferry terminal opens two years late", *header, BODY, BODY2,
                      "Share this article", "More from Harbour Times"])


# ----------------------------------------------------------------------------- forms of byline


@pytest.mark.parametrize("line, names", [
    ("By Jane Doe and John Roe, CNN", ("Jane Doe", "John Roe")),
    ("BY JOHN SMITH", ("John Smith",)),
    ("Von Anna Berg", ("Anna Berg",)),
    ("Par Luc Martin à Paris", ("Luc Martin",)),
    ("Por María López", ("María López",)),
    ("Autor: Anna Berg", ("Anna Berg",)),
    ("Text: Karl Heinz Maier", ("Karl Heinz Maier",)),
    ("Veröffentlicht am 3. Mai 2021 von Anna Berg", ("Anna Berg",)),
    ("Posted by Tom Reed on March 4, 2020", ("Tom Reed",)),
    ("By Paul Grant Staff Writer", ("Paul Grant",)),
    ("By Alice Wong, a senior reporter who covers energy", ("Alice Wong",)),
    ("By Amy Fox | May 2, 2019 | Follow @amyfox", ("Amy Fox",)),
    ("Von Lena Kraus, Tim Vogt und Eva Roth", ("Lena Kraus", "Tim Vogt", "Eva Roth")),
    ("Reporting by Pia Lund; Editing by Ola Berg", ("Pia Lund",)),
])
def test_marker_and_label_forms(line, names):
    assert parse_byline(line) == names


@pytest.mark.parametrize("line, names", [
    ("dpa/AP", ("dpa/AP",)),
    ("(AFP)", ("AFP",)),
    ("The Associated Press", ("The Associated Press",)),
    ("Von Redaktion", ("Redaktion",)),
])
def test_wire_and_desk_credits(line, names):
    reading = read_line(line)
    assert reading is not None and reading.kind == "credit" and reading.names == names


@pytest.mark.parametrize("line", [
    "By the way, the council never answered.",
    "Ein Spaziergang von Hamburg nach Lübeck",
    "Die besten Tipps von jedem Trainer der Liga gibt es hier",
    "Bild: Stockfoto / Agentur",
    "Kategorie: Allgemein, News",
    "By mid 2019, most of the tests were passing again and the team moved on to the next release.",
])
def test_not_a_byline(line):
    assert parse_byline(line) is None


def test_bare_name_reads_with_role_handle_or_date():
    assert read_line("Tom Reed, AP Business Writer").names == ("Tom Reed",)
    assert read_line("Amy Fox @amyfox").names == ("Amy Fox",)
    assert read_line("Dan Holt - Apr 16, 2015 8:02 pm UTC").names == ("Dan Holt",)
    assert read_line("Eva Roth in Kiel").names == ("Eva Roth",)



# ----------------------------------------------------------------------------- on a page


def test_by_line_under_the_headline():
    assert names_in(page("By Jane Doe", "March 3, 2021")) == ("Jane Doe",)


def test_name_alone_beside_the_date():
    assert names_in(page("Anna Berg", "3. März 2021")) == ("Anna Berg",)


def test_name_with_wire_credit():
    assert names_in(page("Anna Berg, dpa", "3. März 2021")) == ("Anna Berg",)


def test_wire_credit_as_the_byline():
    assert names_in(page("dpa/AP", "3. März 2021")) == ("dpa/AP",)


def test_lone_marker_then_name_on_the_next_line():
    assert names_in(page("By", "Jane Doe", "March 3, 2021")) == ("Jane Doe",)


def test_blog_meta_line():
    assert names_in(page("2. Februar 2020 Anna Berg 3 Kommentare Allgemein, Reisen")) == ("Anna Berg",)


def test_byline_continued_on_the_next_line():
    found = names_in(page("Jane Doe, Staff Attorney, Civil Rights Project",
                          "& Paul Grant, Director of Research, Civil Rights Project", "March 3, 2021"))
    assert found == ("Jane Doe", "Paul Grant")


def test_one_name_per_person():
    assert names_in(page("By Jane Doe and JANE DOE", "March 3, 2021")) == ("Jane Doe",)


def test_reporting_credit_at_the_end():
    dump = "\n".join(["Shipyard wins order for four ferries", "November 3, 2018", BODY, BODY2,
                      "Reporting by Pia Lund; Editing by Ola Berg"])
    assert names_in(dump) == ("Pia Lund",)


def test_no_author_on_a_page_without_byline():
    assert names_in(page("March 3, 2021")) == ()


def test_section_words_beside_the_date_are_not_a_name():
    assert names_in(page("Erneuerbare Energien", "3. März 2021")) == ()
    assert names_in(page("Leadership Styles", "March 3, 2021")) == ()


def test_other_stories_bylines_far_below_are_not_taken():
    teaser = "\n".join(f"Another story about the harbour, part {n}\nBy {who}"
                       for n, who in enumerate(("Mara Lind", "Olaf Brandt", "Ines Kahl")))
    dump = page("March 3, 2021") + "\n" + "\n".join([BODY] * 12) + "\n" + teaser
    assert names_in(dump) == ()


def test_a_quoted_tweet_signature_is_not_a_byline():
    assert names_in(page("March 3, 2021", "— Jane Doe (@janedoe) March 3, 2021")) == ()


def test_byline_line_leaves_the_body():
    dump = page("By Jane Doe", "March 3, 2021")
    page_ = read_page(dump)
    headline = find_headline(page_)
    span = locate_article(page_, headline)
    found = find_byline(page_, headline, span, find_dates(page_, headline, span).lines)
    assert [page_.lines[i] for i in found.lines] == ["By Jane Doe"]


# ----------------------------------------------------------------------------- later rules


def test_desk_alone_beside_the_date():
    assert names_in(page("Redaktion", "3. März 2021")) == ("Redaktion",)


def test_desk_alone_without_a_date_is_not_taken():
    assert names_in(page("Redaktion")) == ()


def test_picture_agency_makes_a_photo_credit():
    assert read_line("AFP/Getty Images") is None or read_line("AFP/Getty Images").kind != "credit"


def test_academic_title_stays_with_the_name():
    assert parse_byline("Von Dr. Anna Berg") == ("Dr. Anna Berg",)
    assert parse_byline("Von Rechtsanwalt Tim Vogt") == ("Tim Vogt",)


def test_user_name_in_a_meta_line():
    assert names_in(page("12. März 2021 harbourfan88 2 Kommentare")) == ("harbourfan88",)


def test_author_box_below_the_article():
    dump = page("March 3, 2021") + "\nJane Doe is a senior reporter for the Harbour Times covering shipping."
    assert names_in(dump) == ("Jane Doe",)


def test_label_far_below_the_article():
    dump = page("March 3, 2021") + "\nText: Karl Maier"
    assert names_in(dump) == ("Karl Maier",)


def test_a_comment_by_line_is_not_the_byline():
    assert parse_byline("Kommentar von Jane Doe") is None


def test_chinese_author_and_editor_labels():
    assert read_line("作者：王小明").names == ("王小明",)
    assert read_line("2017-03-10 来源：某报 作者： 责任编辑：李华").names == ("李华",)
