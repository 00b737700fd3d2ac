"""Structural byline rules: where a name stands (beside the publication date, on the headline),
and account names that are not people.  Fixtures are invented."""

from __future__ import annotations

from digest.importer.byline import find_byline
from digest.importer.dateline import find_dates
from digest.importer.dumppage import read_page
from digest.importer.headline import find_headline
from digest.importer.locate import locate_article

BODY = ("The harbour authority said on Tuesday that the new ferry terminal would open in the spring, "
        "two years later than planned, after the contractor ran into problems with the foundations.")
BODY2 = ("Residents have waited for the terminal since the old quay was closed, and the council says "
         "the delay has cost the town several hundred thousand euros in lost tourist spending.")
HEAD = "Ferry terminal opens two years late"
LONG = [BODY, BODY2] * 16   # the end of the article lies far below its header


def names_in(dump: str) -> tuple[str, ...]:
    page = read_page(dump)
    headline = find_headline(page)
    span = locate_article(page, headline)
    dates = find_dates(page, headline, span)
    return find_byline(page, headline, span, dates.lines).names


def dump(*lines: str, head: str = HEAD) -> str:
    return "\n".join([f"{head} | Harbour Times", "Home", "News", *lines, "Share this article",
                      "More from Harbour Times"])


def test_name_beside_the_publication_date_below_a_long_header():
    header = ["The contractor blames the foundations; the council counts the cost of the delay.",
              "Share on Facebook", "Share on X", "Send by e-mail", "Photo: Harbour Times archive",
              "Add to favourites"]
    after = ["Harbour Times", "Local news", "Listen to this article", "Print", "Font size"]
    assert names_in(dump(HEAD, *header, "Mira Ostrova", "12.03.2021, 09:40", *after, BODY, BODY2)) == ("Mira Ostrova",)


def test_a_name_far_below_the_headline_without_a_date_beside_it_is_not_taken():
    header = ["The contractor blames the foundations; the council counts the cost of the delay.",
              "Share on Facebook", "Share on X", "Send by e-mail", "Photo: Harbour Times archive",
              "Add to favourites", "Listen to this article"]
    after = ["Harbour Times", "Local news", "Listen to this article", "Print", "Font size"]
    assert names_in(dump(HEAD, *header, "Mira Ostrova", "Most read", *after, BODY, BODY2)) == ()


def test_the_headline_is_not_its_own_byline():
    head = "Tessa Lindqvist Photography"
    assert names_in(dump(head, "12.03.2021", BODY, BODY2, head=head)) == ()


def test_a_default_account_name_is_no_author():
    assert names_in(dump(HEAD, "Posted by admin on March 12, 2021", BODY, BODY2)) == ()
    assert names_in(dump(HEAD, "Posted by Tessa Lindqvist on March 12, 2021", BODY, BODY2)) == ("Tessa Lindqvist",)


def test_author_box_heading_then_names_one_a_line():
    tail = ["Contact the authors:", "Mira Ostrova", "Tomas Edelvik Brand", "Related"]
    assert names_in(dump(HEAD, "12.03.2021", *LONG, *tail)) == ("Mira Ostrova", "Tomas Edelvik Brand")


def test_author_box_heading_with_gendered_label():
    tail = ["Autor*in", "Mira Ostrova (Redakteurin)", "Quellen"]
    assert names_in(dump(HEAD, "12.03.2021", *LONG, *tail)) == ("Mira Ostrova",)


def test_author_box_heading_over_a_one_word_label_is_no_name():
    tail = ["Author", "Allgemein", "Tags"]
    assert names_in(dump(HEAD, "12.03.2021", *LONG, *tail)) == ()


def test_names_one_a_line_under_a_lone_marker():
    assert names_in(dump(HEAD, "By", "Mira Ostrova", "Tomas Edelvik Brand", "12.03.2021", BODY, BODY2)) \
        == ("Mira Ostrova", "Tomas Edelvik Brand")


def test_a_site_word_run_on_after_a_name_is_left_off():
    dumped = "\n".join(["Ferry terminal opens two years late | Harbour Times", "Home",
                        HEAD, "Veröffentlicht am 12.03.2021 von Mira Ostrova Harbour", BODY, BODY2])
    assert names_in(dumped) == ("Mira Ostrova",)


def test_an_organisation_named_like_the_site_keeps_its_words():
    dumped = "\n".join(["Ferry terminal opens two years late | Harbour Times Group", "Home",
                        HEAD, "Veröffentlicht am 12.03.2021 von Harbour Times Group", BODY, BODY2])
    assert names_in(dumped) == ("Harbour Times Group",)


def test_a_text_credit_with_its_outlet_just_after_the_article():
    tail = ["Text: Mira Ostrova / harbourtimes.com", "Back to the overview", "2 comments"]
    assert names_in(dump(HEAD, "12.03.2021", *LONG, *tail)) == ("Mira Ostrova",)


def test_a_dated_name_right_above_the_headline():
    assert names_in(dump("Tessa Vandermolen 12/03/2021 Feelings", HEAD, BODY, BODY2)) == ("Tessa Vandermolen",)


def test_a_dated_section_path_above_the_headline_is_no_name():
    menu = ["Gesundheit", "Schlafforschung", "Reisen"]
    assert names_in(dump(*menu, "Gesundheit Schlafforschung 12/03/2021", HEAD, BODY, BODY2)) == ()


def test_an_uncommon_name_between_the_headline_and_the_date():
    assert names_in(dump(HEAD, "Tanvor Quillenbeck, Harbour Times", "13.11.2019, 23:06", BODY, BODY2)) \
        == ("Tanvor Quillenbeck",)


def test_a_salutation_is_no_byline_but_a_name_going_on_to_the_date_is():
    assert names_in(dump(HEAD, "Dear Mira,", BODY, BODY2)) == ()
    assert names_in(dump(HEAD, "Mira Ostrova,", "am Sonntag, 11.12.2022 - 05:00", BODY, BODY2)) == ("Mira Ostrova",)


def test_a_name_under_the_deck_between_the_first_paragraphs():
    deck = ("The contractor blames the foundations, the council counts the cost of the delay, and the "
            "ferry company says it will keep the old quay open until the terminal is finished.")
    assert names_in(dump(HEAD, "Most read", "Weather", "Share", "Print", "Listen", "Font size", "Comments",
                         deck, "Mira Ostrova", "martes, 4 de mayo de 2022 10:00 hs", BODY, BODY2)) == ("Mira Ostrova",)


def test_a_connecting_word_between_the_name_and_the_date():
    assert names_in(dump(HEAD, "Photo: Harbour Times", "Mira Ostrova", "am", "12.03.2021", "Share", BODY, BODY2)) \
        == ("Mira Ostrova",)


def test_names_under_their_avatar_initials():
    assert names_in(dump(HEAD, "MO", "Mira Ostrova", "TQ", "Tanvor Quillenbeck", "12.03.2021 09:40", BODY, BODY2)) \
        == ("Mira Ostrova", "Tanvor Quillenbeck")


def test_a_heading_beside_a_name_does_not_join_it():
    assert names_in(dump(HEAD, "Mira Ostrova", "Key Points", "12.03.2021", BODY, BODY2)) == ("Mira Ostrova",)


def test_a_blog_meta_line_under_the_headline_with_an_uncommon_name():
    assert names_in(dump(HEAD, "6. März 2021 6. März 2021 Octavian Quillenbeck Hafen, neubau, Reisen", BODY, BODY2)) \
        == ("Octavian Quillenbeck",)
    assert names_in(dump(HEAD, "Octavian Quillenbeck – 14.09.2021 – Kolumne, Hafen, box2", BODY, BODY2)) \
        == ("Octavian Quillenbeck",)


def test_a_capitals_brand_in_a_meta_line_is_no_name():
    assert names_in(dump(HEAD, "HAFEN Magazin – 14.09.2021 – Kolumne, Hafen, box2", BODY, BODY2)) == ()


def test_a_name_over_a_link_naming_it_again():
    assert names_in(dump(HEAD, "Share", "Print", "Listen", "Comments", "Weather", "Mira Ostrova",
                         "Alles von Mira Ostrova", BODY, BODY2)) == ("Mira Ostrova",)


def test_a_wire_alone_between_the_headline_and_the_date():
    assert names_in(dump(HEAD, "dpa", "03.03.2021", BODY, BODY2)) == ("dpa",)


def test_a_wire_under_a_caption_crediting_it_is_the_picture_credit():
    assert names_in(dump(HEAD, "The old quay at dusk / AFP", "AFP", "03.03.2021", BODY, BODY2)) == ()


def test_an_essay_byline_with_its_lead_word():
    assert names_in(dump(HEAD, "Ein Gastkommentar von Mira Ostrova", "03.03.2021", BODY, BODY2)) == ("Mira Ostrova",)


def test_the_headline_copy_over_the_text_outweighs_one_in_a_list_of_stories():
    teaser = ["More stories", HEAD, "Von Tom Reed", "Another story about the harbour", "Von Eva Roth"]
    dumped = "\n".join([f"{HEAD} | Harbour Times", "Home", HEAD, "Von Mira Ostrova und Tanvor Quillenbeck",
                        "03.03.2021", BODY, BODY2, *teaser])
    page = read_page(dumped)
    span = locate_article(page, find_headline(page))
    headline = find_headline(page)
    teaser_copy = len(page.lines) - 4
    from dataclasses import replace
    moved = replace(headline, index=teaser_copy)  # as if the headline step had taken the teaser's copy
    found = find_byline(page, moved, span, find_dates(page, moved, span).lines)
    assert found.names == ("Mira Ostrova", "Tanvor Quillenbeck")


def test_a_name_printed_twice_on_its_line_is_one_name():
    assert names_in(dump(HEAD, "Par Mira Ostrova Mira Ostrova", "3 mars 2021", BODY, BODY2)) == ("Mira Ostrova",)


def test_a_blog_meta_line_may_credit_the_site_itself():
    dumped = "\n".join(["Ferry terminal opens two years late - Harbourtv", "Home", HEAD,
                        "19.10.2019 11:36 harbourtv", BODY, BODY2])
    assert names_in(dumped) == ("harbourtv",)
