"""locate_article: the article is the dense run of prose at the headline; what follows it stays out."""

from __future__ import annotations

import json

import numpy as np

from digest.importer.boilerplate import is_boilerplate
from digest.importer.dumppage import DumpPage, read_page
from digest.importer.headline import Headline, find_headline
from digest.importer.linemodel import FEATURES, MODEL_FILE, LineModel, feature_matrix, line_logodds, load_model
from digest.importer.linescore import BAD, GOOD, NEAR, line_facts, page_stopwords, revise
from digest.importer.locate import _header, best_stretch, locate_article, related_lines

MENU = ["Riverton Courier", "Home", "News", "Sport", "Weather", "Opinion", "Subscribe", "Sign in"]
PARAGRAPHS = [
    "The Riverton council voted on Tuesday to rebuild the old stone bridge over the river, ending a "
    "dispute that has divided the town for more than two years.",
    "The bridge, which was closed to cars in the spring after engineers found cracks in two of its "
    "arches, will be repaired with stone taken from the same quarry that supplied the original builders.",
    "Work on the bridge",
    "The work is expected to start in the autumn and to take about eighteen months, during which a "
    "temporary footbridge will be put up a little further down the river.",
    "“We have listened to everyone who wrote to us, and this is the plan that most of them asked for,” "
    "the mayor said after the vote, adding that the cost would be shared with the regional government.",
    "Residents who opposed the plan said they would keep asking for a new bridge that could carry buses.",
]
HEADLINE = "Riverton council votes to rebuild the old stone bridge"
TEASERS = [
    "Most read",
    "Riverton Rovers Sign New Goalkeeper",
    "Flood Warning Lifted For The Lower Valley",
    "Local Bakery Wins National Award",
    "School Holidays: What Is On This Week",
    "More from Riverton",
    "Market Square Parking Rules Change In March",
    "A new café opens on Mill Street with a garden at the back and room for forty guests.",
    "Harbour Festival Returns After Three Years",
    "The harbour festival is back this summer with boat races and a fireworks show on the last night.",
]
COMMENTS = [
    "12 comments",
    "Leave a comment",
    "jsmith says:",
    "June 3, 2021 at 9:14 am",
    "About time too, that bridge has been an eyesore for years and the council kept promising to fix it.",
    "Reply",
    "annaB says:",
    "June 3, 2021 at 10:02 am",
    "I walk across it every morning and I am glad it will be kept, the old arches are the best part of the town.",
    "Reply",
]
FOOTER = ["About us", "Contact", "Privacy policy", "© 2021 Riverton Courier. All rights reserved.",
          "We use cookies to improve your experience. Accept all"]


def _page(*parts: list[str]):
    return read_page("\n".join(line for part in parts for line in part) + "\n")


def _body(page, span) -> list[str]:
    return [page.lines[i] for i in span.lines]


def test_the_article_is_kept_and_what_follows_it_stays_out() -> None:
    page = _page([f"{HEADLINE} | Riverton Courier"], MENU, [HEADLINE, "By Ann Lee", "June 2, 2021"], PARAGRAPHS,
                 TEASERS, COMMENTS, FOOTER)
    span = locate_article(page, find_headline(page))
    body = _body(page, span)
    assert all(p in body for p in PARAGRAPHS)          # the subhead between paragraphs too
    assert not set(body) & set(TEASERS + COMMENTS + FOOTER + MENU)
    assert span.lines == tuple(sorted(span.lines))
    assert page.lines.index(HEADLINE) not in span.lines


def test_without_a_headline_the_densest_block_of_prose_is_the_article() -> None:
    page = _page(MENU, TEASERS[:5], PARAGRAPHS, COMMENTS, FOOTER)
    body = _body(page, locate_article(page, None))
    assert body[0] == PARAGRAPHS[0] and body[-1] == PARAGRAPHS[-1]
    assert not set(body) & set(TEASERS + COMMENTS)


def test_a_headline_index_that_is_off_still_finds_the_article() -> None:
    page = _page(MENU, [HEADLINE], PARAGRAPHS, TEASERS, FOOTER)
    wrong = Headline(HEADLINE, page.lines.index("News"))       # a menu line, a few lines too high
    body = _body(page, locate_article(page, wrong))
    assert all(p in body for p in PARAGRAPHS)
    assert not set(body) & set(TEASERS + FOOTER)


def test_a_headline_on_a_teaser_far_below_falls_back_to_the_big_block() -> None:
    page = _page(MENU, [HEADLINE], PARAGRAPHS, TEASERS, FOOTER)
    late = Headline(TEASERS[-2], page.lines.index(TEASERS[-2]))
    body = _body(page, locate_article(page, late))
    assert all(p in body for p in PARAGRAPHS)


def test_standfirst_and_date_stay_in_the_header_but_captions_and_buttons_do_not() -> None:
    standfirst = "The decision ends two years of arguing over whether to repair the bridge or replace it."
    caption = "The old stone bridge seen from the east bank in May. (Foto: Jan Berg)"
    page = _page(MENU, [HEADLINE, standfirst, "June 2, 2021", "Share on Facebook", caption], PARAGRAPHS, FOOTER)
    span = locate_article(page, find_headline(page))
    body = _body(page, span)
    assert standfirst in body and "June 2, 2021" in body    # the date step takes the date line out
    assert "Share on Facebook" not in body and caption not in body


def test_a_deck_line_right_above_the_first_paragraph_is_kept_when_the_model_does_not_rule_it_out() -> None:
    deck = "Repairs to start in the autumn with stone from the old quarry"
    page = _page(MENU, [HEADLINE, "Share on Facebook", deck], PARAGRAPHS, FOOTER)
    facts = line_facts(page)
    classes = revise(facts)
    anchor, first = page.lines.index(HEADLINE), page.lines.index(PARAGRAPHS[0])
    odds = np.full(len(page.lines), -0.5)
    assert _header(page, facts, classes, first, anchor, odds) == [first - 1]     # not the share line
    odds[first - 1] = -3.0
    assert _header(page, facts, classes, first, anchor, odds) == []


def test_in_article_markers_do_not_break_the_article() -> None:
    middle = PARAGRAPHS[:2] + ["Advertisement", "Story continues below advertisement"] + PARAGRAPHS[2:]
    page = _page(MENU, [HEADLINE], middle, TEASERS, FOOTER)
    body = _body(page, locate_article(page, find_headline(page)))
    assert body[-1] == PARAGRAPHS[-1] and "Advertisement" not in body


def test_a_related_list_right_below_the_article_is_kept_for_the_related_finder() -> None:
    related = ["Related", "Council delays vote on the bridge", "Engineers find cracks in bridge arches"]
    page = _page(MENU, [HEADLINE], PARAGRAPHS, related, COMMENTS, FOOTER)
    body = _body(page, locate_article(page, find_headline(page)))
    assert related[1] in body and related[2] in body
    assert not set(body) & set(COMMENTS)


def test_lines_repeated_on_the_page_and_credits_are_furniture() -> None:
    page = _page(MENU, [HEADLINE], PARAGRAPHS, MENU)
    facts = line_facts(page)
    assert facts[page.lines.index("Sport")].cls == BAD
    assert facts[page.lines.index(PARAGRAPHS[1])].cls in (GOOD, NEAR) and facts[page.lines.index(PARAGRAPHS[1])].prose
    for caption in ("The mayor after the vote (REUTERS/Jan Berg)", "Bridge at dusk / iStock.com",
                    "Bild: Jan Berg", "Photo by Ann Lee on Unsplash", "Mit Freunden teilen"):
        assert is_boilerplate(caption), caption
    assert not is_boilerplate("He said (in a statement) that the bridge would reopen.")


def test_an_unknown_language_gets_the_stop_list_that_fits_its_words() -> None:
    text = "\n".join(["Der Rat der Stadt hat am Dienstag beschlossen, die alte Brücke über den Fluss wieder "
                      "aufzubauen, und damit einen Streit beendet, der die Stadt seit Jahren spaltet."] * 3)
    page = DumpPage(tuple(text.split("\n")), None, frozenset(), False)   # language not known
    stop = page_stopwords(page)
    assert "der" in stop and "die" in stop


def test_an_empty_page_and_a_page_of_furniture() -> None:
    assert locate_article(read_page(""), None).lines == ()
    page = _page(MENU, FOOTER)
    assert all(page.lines[i] not in FOOTER for i in locate_article(page, None).lines)


# --- the line model -------------------------------------------------------------------------------


def test_a_tree_model_walks_its_heap_ordered_trees() -> None:
    # one tree of depth 2: root tests feature 0 at 0.5, its children test feature 1 at 1.0 and 2.0
    model = LineModel(np.array([[0, 1, 1]]), np.array([[0.5, 1.0, 2.0]]), np.array([[1.0, 2.0, 3.0, 4.0]]),
                      bias=-1.0, depth=2)
    rows = np.array([[0.0, 0.0], [0.0, 1.5], [1.0, 1.5], [1.0, 2.5]])
    assert model.logodds(rows).tolist() == [0.0, 1.0, 2.0, 3.0]


def test_the_stored_model_fits_the_features_and_holds_only_numbers() -> None:
    assert load_model() is not None
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES
    strings = [v for key, v in data.items() if isinstance(v, str)]
    assert all(len(s) < 60 for s in strings)          # a note on what it was trained on, no page text
    for key in ("feature", "threshold", "value"):
        assert np.array(data[key], dtype=float).ndim == 2


def test_every_line_gets_a_row_of_features() -> None:
    page = _page([HEADLINE], PARAGRAPHS, FOOTER)
    facts = line_facts(page)
    matrix = feature_matrix(page.lines, facts, revise(facts), related_lines(page.lines), 0, True)
    assert matrix.shape == (len(page.lines), len(FEATURES))
    assert np.isfinite(matrix).all()


def test_prose_scores_above_menus_and_footers() -> None:
    page = _page(MENU, [HEADLINE], PARAGRAPHS, FOOTER)
    facts = line_facts(page)
    odds = line_logodds(feature_matrix(page.lines, facts, revise(facts), related_lines(page.lines),
                                       page.lines.index(HEADLINE), True))
    prose = [odds[page.lines.index(p)] for p in PARAGRAPHS if len(p) > 100]
    chrome = [odds[page.lines.index(m)] for m in MENU[1:] + FOOTER]
    assert min(prose) > max(chrome)


def test_the_best_stretch_crosses_one_bad_line_but_not_a_long_gap_and_never_counts_the_headline() -> None:
    odds = np.array([-5, 3, 3, -6, 3, 3, -5, -5, -5, -5, -5, -5, -5, -5, -5, -5, 2, -5], dtype=float)
    assert best_stretch(odds, None) == (1, 5)
    assert best_stretch(np.array([-3.0, 5.0, -3.0]), 1) is None
    assert best_stretch(np.full(4, -3.0), None) is None


def test_a_second_part_of_the_article_after_a_chart_is_joined_but_not_after_wordy_furniture() -> None:
    odds = np.array([-5, 4, 4, 4] + [-5] * 30 + [4, 4, 4, 4, 4, -5], dtype=float)
    chart = ("x", "Para one.", "Para two.", "Para three.") + ("’18",) * 30 + ("More text.",) * 5 + ("end",)
    assert best_stretch(odds, None, chart) == (1, 38)
    menus = ("x", "Para one.", "Para two.", "Para three.") + ("A teaser headline about something",) * 30 \
        + ("More text.",) * 5 + ("end",)
    assert best_stretch(odds, None, menus) == (34, 38)


def test_a_short_article_split_by_a_box_is_joined_when_its_parts_are_alike() -> None:
    odds = np.array([-5, 2, 1, -5, -5, -5, -5, -5, -5, -5, 1.5, 1.5, -5], dtype=float)
    lines = ("x", "Para one.", "Para two.") + ("Item in a product box here",) * 7 + ("Para.", "Para.", "end")
    assert best_stretch(odds, None, lines) == (1, 11)
    odds[10] = odds[11] = -0.1          # a part scoring much less than the best one stays out
    assert best_stretch(odds, None, lines) == (1, 2)


def test_a_sound_stretch_right_below_the_headline_beats_a_bigger_one_far_below() -> None:
    odds = np.array([-5, -5, 4, 4, 4] + [-5] * 40 + [4] * 5 + [-5], dtype=float)
    assert best_stretch(odds, 1) == (2, 4)
    assert best_stretch(odds, None) == (45, 49)
    odds[3] = odds[4] = -0.5            # a single line just below the headline does not hold up
    assert best_stretch(odds, 1) == (45, 49)


def test_opening_paragraphs_between_the_headline_and_the_article_are_joined_to_it() -> None:
    odds = np.array([-5, -5, 2] + [-5] * 20 + [4] * 6 + [-5], dtype=float)
    lines = ("x", "Headline", "Opening.") + ("A box of links to other pages",) * 20 + ("Text.",) * 6 + ("end",)
    assert best_stretch(odds, 1, lines) == (2, 28)
    assert best_stretch(odds, None, lines) == (23, 28)       # without a headline: no side to join on
    far = ("x", "Headline", "Opening.") + ("A box of links to other pages",) * 40 + ("Text.",) * 6 + ("end",)
    odds = np.array([-5, -5, 2] + [-5] * 40 + [4] * 6 + [-5], dtype=float)
    assert best_stretch(odds, 1, far) == (43, 48)


def test_an_inline_advert_does_not_cut_off_the_last_paragraph() -> None:
    closing = "The new timetable will be published on the council's website next week."
    page = _page([HEADLINE], PARAGRAPHS[:2], ["Advertisement"], [closing], TEASERS, FOOTER)
    body = _body(page, locate_article(page, find_headline(page)))
    assert closing in body and "Advertisement" not in body
    assert not set(body) & set(TEASERS)


def test_a_closing_line_after_repeated_leftover_markup_is_kept_but_not_the_markup() -> None:
    markup = '<span data-type="bookmark" style="display: inline-block; width: 0px;"></span>'
    closing = "The footbridge will open to walkers in October."
    page = _page(MENU, [HEADLINE], PARAGRAPHS, [markup, closing], FOOTER, [markup])
    body = _body(page, locate_article(page, find_headline(page)))
    assert closing in body and markup not in body


def test_list_items_and_subheads_inside_the_article_are_kept() -> None:
    items = ["1. Register the bike at the town office.", "2. Pay the fee.", "3. Fix the sticker."]
    page = _page([HEADLINE], PARAGRAPHS[:2], ["How to apply"], items, PARAGRAPHS[3:], TEASERS, FOOTER)
    body = _body(page, locate_article(page, find_headline(page)))
    assert all(line in body for line in items)
    assert "How to apply" in body and PARAGRAPHS[-1] in body
