"""The headline of a text dump: the title line weighed against the line that opens the article.

Every page here is invented, in the shapes real page dumps take.
"""

from __future__ import annotations

from digest.importer.articlehead import article_headers, header_cue, is_meta_line
from digest.importer.dumppage import read_page
from digest.importer.headline import find_headline, strip_site_parts

PARAGRAPH = ("The council met on Tuesday evening to discuss the new budget for the coming year, and members "
             "argued for more than three hours about the cost of repairing the old harbour wall.")
PARAGRAPH_2 = ("Residents who attended the meeting said they had waited for years for a decision, and several "
               "of them asked why the repairs had been postponed again after the storms of last winter.")
PARAGRAPH_3 = ("The mayor promised that the work would begin in spring and that the town would apply for a grant "
               "from the regional fund to cover at least half of the expected bill for the repairs.")


def page(*lines: str):
    return read_page("\n".join(lines))


def test_a_dateline_below_and_text_after_make_a_line_open_the_article():
    dump = page("Harbour wall repairs approved | Example Gazette", "Home", "Local",
                "Council approves harbour wall repairs after long debate", "By Jane Miller",
                "12 March 2024", PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3)
    cue = header_cue(dump, 3)
    assert cue.meta and cue.opens_article
    assert [c.index for c in article_headers(dump)] == [3]


def test_a_teaser_without_text_below_does_not_open_the_article():
    dump = page("Example Gazette", "Ferry timetable changes next week", "12 March 2024",
                "Read more", "Weather", "Contact")
    assert not header_cue(dump, 1).opens_article


def test_meta_lines():
    assert is_meta_line("By Jane Miller")
    assert is_meta_line("12 March 2024, 14:30")
    assert is_meta_line("Veröffentlicht am 3. Mai 2023")
    assert not is_meta_line("Council approves harbour wall repairs after long debate")


def test_the_on_page_wording_wins_when_the_title_lines_headline_is_not_printed():
    dump = page("Harbour wall repairs approved after debate - Example Gazette", "Home", "Local",
                "Council approves harbour wall repairs after long debate", "By Jane Miller",
                "12 March 2024", PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3)
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Council approves harbour wall repairs after long debate", 3)


def test_the_title_lines_headline_stays_when_it_is_printed():
    dump = page("Harbour wall repairs approved - Example Gazette", "Home",
                "Harbour wall repairs approved", "By Jane Miller", "12 March 2024",
                PARAGRAPH, PARAGRAPH_2, "Council approves ferry timetable for the summer", "By Tom Baker",
                "13 March 2024", PARAGRAPH_3, PARAGRAPH_2, PARAGRAPH)
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Harbour wall repairs approved", 2)


def test_the_site_part_of_the_title_line_loses_to_the_article_header():
    dump = page("Storm night | Coastal Notes", "Coastal Notes", "About", "Archive",
                "Storm night", "Posted on 4 January 2024 by Ann", PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3)
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Storm night", 4)


def test_a_longer_printed_form_of_the_title_lines_headline_wins():
    dump = page("Town buys three electric buses - Example Gazette", "Home",
                "Town buys three electric buses for the harbour", "By Jane Miller", "12 March 2024",
                PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Town buys three electric buses")
    found = find_headline(dump)
    assert found is not None
    assert found.text == "Town buys three electric buses for the harbour"


def test_a_first_line_worded_unlike_the_page_gives_way_to_the_article_header():
    # No line below repeats the first line, so the dump is not seen as having a title line.
    dump = page("Harbour repairs: council finally agrees on the wall", "Menu", "Search",
                "Council agrees on harbour wall repairs", "By Jane Miller", "12 March 2024",
                PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3)
    assert not dump.has_title_line
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Council agrees on harbour wall repairs", 3)


def test_a_kicker_glued_to_the_headline_is_dropped():
    dump = page("Harbour works: Council approves wall repairs | Example Gazette", "Home",
                "Harbour works Council approves wall repairs", "12 March 2024", PARAGRAPH, PARAGRAPH_2)
    found = find_headline(dump)
    assert found is not None
    assert found.text == "Council approves wall repairs"


def test_a_kicker_printed_with_its_colon_stays():
    dump = page("Harbour works: Council approves wall repairs | Example Gazette", "Home",
                "Harbour works: Council approves wall repairs", "12 March 2024", PARAGRAPH, PARAGRAPH_2)
    found = find_headline(dump)
    assert found is not None
    assert found.text == "Harbour works: Council approves wall repairs"


def test_a_date_printed_before_the_headline_is_dropped():
    dump = page("12.03.2024 | Harbour wall repairs approved by the council: Example Gazette", "Home",
                "12.03.2024 | Harbour wall repairs approved by the council", PARAGRAPH, PARAGRAPH_2)
    found = find_headline(dump)
    assert found is not None
    assert found.text == "Harbour wall repairs approved by the council"


def test_a_one_word_headline_opens_the_article():
    dump = page("Nightfall | Coastal Notes", "Coastal Notes", "About", "Contact", "Search", "Home » Nightfall",
                "Nightfall",
                "Posted on 4 January 2024 by Ann", PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Archive",
                "About Coastal Notes")
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Nightfall", 6)


def test_a_short_title_headline_printed_as_a_kicker_gives_way_to_the_headline_below():
    dump = page("Pension savings - How it works - Money Guide", "Home", "Pension savings",
                "Save for your pension with help from your employer", "By Jane Miller, 5 May 2023",
                PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3)
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Save for your pension with help from your employer", 3)


def test_a_first_line_with_site_and_author_added_gives_way_to_the_article_header():
    dump = page("Harbour lights, by Ann Example (Coastal Notes blog, 4 January 2024)", "Menu",
                "Harbour lights", "4 January 2024", PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3)
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Harbour lights", 2)


def test_a_first_line_in_an_unspaced_script_is_a_headline_candidate():
    dump = page("港口维修计划获批准_地方新闻_示例网", "首页 新闻 图片", "登录", PARAGRAPH, PARAGRAPH_2)
    found = find_headline(dump)
    assert found is not None
    assert found.index == 0


def test_a_title_headline_printed_only_in_a_link_list_gives_way_to_the_article_header():
    dump = page("Council approves harbour wall repairs - Example Gazette", "Home",
                "Council votes for harbour wall repairs after long debate", "By Jane Miller", "12 March 2024",
                PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Most read", "Council approves harbour wall repairs",
                "Ferry timetable changes next week", "Contact")
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Council votes for harbour wall repairs after long debate", 2)


def test_a_long_piece_of_the_title_line_that_opens_the_article_is_the_headline():
    dump = page("COASTAL NOTES A blog about the sea and its people: Storm season on the northern coast begins early",
                "COASTAL NOTES A blog about the sea and its people", "Storm season on the northern coast begins early",
                "Posted on 4 January 2024", PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3)
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Storm season on the northern coast begins early", 2)


def test_a_breadcrumb_trail_before_the_headline_is_dropped():
    dump = page("Harbour wall repairs approved by the council - gazette.com", "Home",
                "home / Local / Harbour wall repairs approved by the council", "12 March 2024",
                PARAGRAPH, PARAGRAPH_2)
    found = find_headline(dump)
    assert found is not None
    assert found.text == "Harbour wall repairs approved by the council"


def test_a_section_part_of_the_title_before_the_headline_is_dropped():
    dump = page("Harbour Club - Harbour wall repairs approved by the council - Club News", "Home",
                "Club News: Harbour wall repairs approved by the council", "12 March 2024",
                PARAGRAPH, PARAGRAPH_2, "More from Club News")
    found = find_headline(dump)
    assert found is not None
    assert found.text == "Harbour wall repairs approved by the council"


def test_the_site_name_glued_after_the_headline_is_dropped():
    dump = page("Harbour wall repairs approved by the council – COASTAL NOTES", "Menu",
                "Harbour wall repairs approved by the council coastal notes", "12 March 2024",
                PARAGRAPH, PARAGRAPH_2, "About Coastal Notes")
    found = find_headline(dump)
    assert found is not None
    assert found.text == "Harbour wall repairs approved by the council"


def test_a_quoted_headline_with_a_second_part_stays_whole():
    dump = page("« The sea decides » – Harbour wall repairs approved | Example Gazette", "Home",
                "« The sea decides » – Harbour wall repairs approved", "12 March 2024", PARAGRAPH, PARAGRAPH_2)
    found = find_headline(dump)
    assert found is not None
    assert found.text == "« The sea decides » – Harbour wall repairs approved"


def test_a_title_line_naming_only_a_section_gives_way_to_the_article_header():
    dump = page("News - Example Institute", "Home", "Research", "News", "Back",
                "New sensors measure the harbour water every minute", "12 March 2024",
                PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Write to the Example Institute team")
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("New sensors measure the harbour water every minute", 5)


def test_a_headline_printed_twice_opens_the_article_with_a_short_first_paragraph():
    dump = page("Harbour lights, council says - Example Gazette", "Home",
                "Council switches on the new harbour lights", "Council switches on the new harbour lights",
                "By Jane Miller", "12 March 2024", PARAGRAPH, "Read more", "Contact")
    cue = header_cue(dump, 2)
    assert cue.repeated and cue.opens_article
    assert not header_cue(page("Example Gazette", "Council switches on the new harbour lights", "By Jane Miller",
                                 "12 March 2024", PARAGRAPH, "Read more"), 1).opens_article


def test_an_unspaced_headline_after_a_first_line_with_the_site_name_opens_the_article():
    dump = page("港口：“维修”计划获批准-示例网", "首页 新闻 图片", "港口：“维修”计划获批准", "2024-03-12 10:00",
                PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3)
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("港口：“维修”计划获批准", 2)


def test_a_one_word_first_line_printed_again_is_the_title_line():
    dump = page("Tidepools", "Tidepools", "Introduction - Tidepools - Further reading - Gallery", "Introduction",
                PARAGRAPH, PARAGRAPH_2)
    assert not dump.has_title_line
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Tidepools", 1)


def test_a_title_part_printed_as_the_masthead_is_the_sites_name_not_the_headline():
    """'Headline | Blog name - tagline': the blog's name is printed at the top (and in the footer);
    the shorter headline printed above the post is the title."""
    dump = page("Autumn walks | Notes from the Hills - A walking diary", "Notes from the Hills - A walking diary",
                "Home", "About", "Archive", "Autumn walks", "Posted on 3 October 2023",
                PARAGRAPH, PARAGRAPH_2, "Notes from the Hills - A walking diary", "Powered by a blog engine")
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Autumn walks", 5)


def test_a_truncated_teaser_of_the_headline_is_not_the_headline():
    """A teaser cut with an ellipsis in a link list is not the headline line, even when the list's
    blurbs below it are long."""
    dump = page("Harbour wall repairs approved after long debate - Example Gazette", "Home",
                "Harbour wall repairs approved after long debate", "12 March 2024", "Share", "Print",
                "Photo: Example Gazette", "Listen", "Comments", "Save", "Mail", "Font size", "Newsletter",
                "Contact", "Most read", "Harbour wall repairs approved...", PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3)
    found = find_headline(dump)
    assert found is not None
    assert found.index == 2


def test_of_two_printed_title_parts_the_one_that_opens_the_article_wins():
    """'Short headline - a longer standfirst | Site': the longer part printed only in a teaser box (no
    text after it) loses to the headline that the article's text follows."""
    dump = page("Harbour wall saved - council votes for repairs after a long and heated debate | Example Gazette",
                "Example Gazette", "Home", "Harbour wall saved", PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3,
                "Most read", "Council votes for repairs after a long and heated debate", "Weather",
                "Contact", "Imprint")
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Harbour wall saved", 3)


def test_an_abbreviation_with_dots_is_not_a_domain():
    """'Dr.med.' or 'U.S.' in the headline part does not make it the site's address; 'example.co.uk' does."""
    assert strip_site_parts("Sprechstunde mit Prof.Dr.med. Anna Berg - Harbour Gazette") \
        == "Sprechstunde mit Prof.Dr.med. Anna Berg"
    assert strip_site_parts("What the U.S. vote means - Harbour Gazette") == "What the U.S. vote means"
    assert strip_site_parts("example.co.uk - Harbour wall repairs approved") == "Harbour wall repairs approved"


def test_a_quoted_kicker_and_a_slash_before_the_headline_are_dropped():
    """'"Quote" / Headline' printed where the title line reads 'Headline | Site': the headline alone."""
    dump = page("Council approves harbour wall repairs | Example Gazette - Local news", "Home", "Local",
                '"We waited long enough" / Council approves harbour wall repairs', "12 March 2024",
                PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Imprint", "Example Gazette")
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Council approves harbour wall repairs", 3)


def test_a_teaser_glued_to_the_headline_is_not_a_longer_wording_of_it():
    """A later line with the headline and the next element's text run into its last word is not the
    headline printed with more words; one that goes on after a space is."""
    glued = page("Council approves harbour wall repairs | Example Gazette", "Home",
                 "Council approves harbour wall repairs", PARAGRAPH, "Share",
                 'Council approves harbour wall repairs"Too late" says one', "By Jane Miller",
                 "12 March 2024", PARAGRAPH_2, PARAGRAPH_3, PARAGRAPH, "Example Gazette")
    found = find_headline(glued)
    assert found is not None
    assert found.text == "Council approves harbour wall repairs"
    spaced = page("Council approves harbour wall repairs | Example Gazette", "Home",
                  "Council approves harbour wall repairs", PARAGRAPH, "Share",
                  "Council approves harbour wall repairs after long debate", "By Jane Miller",
                  "12 March 2024", PARAGRAPH_2, PARAGRAPH_3, PARAGRAPH, "Example Gazette")
    found = find_headline(spaced)
    assert found is not None
    assert found.text == "Council approves harbour wall repairs after long debate"


def test_the_pages_own_headline_below_a_breadcrumbs_last_step_wins():
    """'Home > Local >' then the title line's wording as the trail's last step, then the page's own
    headline with its byline: the page's headline is the title."""
    dump = page("Harbour wall repairs to start in spring | Example Gazette", "Home", "Home > Local >",
                "Harbour wall repairs to start in spring", "Local politics",
                "Council agrees to start harbour wall repairs in spring", "By Jane Miller", "12 March 2024",
                PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Example Gazette")
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Council agrees to start harbour wall repairs in spring", 5)


def test_a_section_label_with_a_pipe_is_not_a_breadcrumb():
    """'Town news |' above the headline is a section label: the headline stays, not a long caption
    below it."""
    dump = page("Harbour wall repairs to start in spring | Example Gazette", "Home", "Town news |",
                "Harbour wall repairs to start in spring", "Residents welcome the decision", "Share this",
                "The mayor speaks about harbour wall repairs at the town hall on Monday (Photo: Example Gazette)",
                "By Jane Miller", "12 March 2024", PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Example Gazette")
    found = find_headline(dump)
    assert found is not None
    assert found.index == 3


def test_the_title_lines_headline_printed_with_more_words_above_the_article_wins():
    """'Plum crumble with an oat topping | Blog': the page prints 'Plum crumble with an oat topping:
    ready in an hour' with its byline and text, and only a fragment of the title elsewhere."""
    dump = page("Plum crumble with an oat topping | Baking Diary", "Home", "Recipes",
                "Plum crumble with an oat topping: ready in an hour", "By Anna Berg", "9 September 2023",
                PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Print", "Crumble with an oat topping", "Rate this recipe",
                "Baking Diary")
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Plum crumble with an oat topping: ready in an hour", 3)


def test_when_the_title_lines_headline_is_not_printed_a_breadcrumbs_last_step_opening_the_article_wins():
    """The title line is worded for search engines and printed nowhere; the page names the article in
    its breadcrumb trail and prints that name as the headline above the text."""
    dump = page("Top ten garden tools this spring | Garden Corner", "Home", "Shop",
                "Home Guides Guide: picking tools for a small plot",
                "Guide: picking tools for a small plot", "3 May 2024", PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3,
                "Garden Corner")
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Guide: picking tools for a small plot", 4)


def test_without_a_title_line_a_login_label_at_the_top_loses_to_the_dated_article_opener():
    """No <title> line: 'Create a free account' near the top is not the headline; the line opening the
    article with its dateline is."""
    dump = page("example.org", "Login", "Create a free account", "Search", "Top stories",
                "Short", "News", "Harbour wall repairs approved after long debate", "12 March 2024 in Local news",
                PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3)
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Harbour wall repairs approved after long debate", 7)


def test_without_a_title_line_the_first_line_stays_when_it_reads_as_the_headline():
    menu = ("Search", "Top stories", "Local", "Sport", "Culture", "Weather", "Opinion", "Events", "Jobs",
            "Contact", "Archive")
    dump = page("Harbour wall repairs approved after long debate", *menu,
                "Politics and the town", "12 March 2024", PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3)
    found = find_headline(dump)
    assert found is not None
    assert found.index == 0


def test_a_line_that_is_only_the_sites_address_is_never_the_headline():
    """'www.example.org | Article': the title line names only the site; its address printed on the
    page is not the headline, the line opening the article with its dateline is."""
    dump = page("www.example.org | Article", "Home", "example.org", "News",
                "Harbour wall repairs approved after long debate", "12 March 2024", PARAGRAPH, PARAGRAPH_2,
                PARAGRAPH_3, "Contact", "example.org", "Imprint")
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Harbour wall repairs approved after long debate", 4)



def test_of_two_printed_title_parts_the_first_is_the_headline_and_the_second_its_standfirst():
    """'Headline - standfirst : Site', both printed above the article: the title's first part."""
    dump = page("Harbour wall saved at last - Council votes for repairs after a long and heated debate"
                " : Example Gazette",
                "Example Gazette", "Home", "Local", "Harbour wall saved at last",
                "Council votes for repairs after a long and heated debate", "12 March 2024",
                PARAGRAPH, PARAGRAPH_2, PARAGRAPH_3, "Example Gazette")
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("Harbour wall saved at last", 4)


def test_a_headline_that_itself_ends_with_an_ellipsis_is_kept():
    """Only a teaser cut short is skipped: a headline the title line prints with its own ellipsis stays."""
    dump = page("And then the harbour wall fell... | Example Gazette", "Home", "News", "Sport",
                "And then the harbour wall fell...", "12 March 2024", PARAGRAPH, PARAGRAPH_2, "Example Gazette")
    found = find_headline(dump)
    assert found is not None
    assert (found.text, found.index) == ("And then the harbour wall fell...", 4)
