"""locate: the stretch's opening paragraph, a closing paragraph after an inline "Read also" box, rule lines."""

from __future__ import annotations

import numpy as np

from digest.importer.dumppage import read_page
from digest.importer.linescore import line_facts, revise
from digest.importer.locate import LEAD_ODDS, _header, _lead, _tail

LINES = [
    "Harbour Times",
    "Ferry service to the islands resumes after the winter break",
    "The ferry to the outer islands left the harbour again on Monday morning, three months after storms damaged the pier.",
    "The operator said all crossings would run on the summer timetable from the first of April, with extra boats at weekends.",
    "Passengers will need to book a seat online, as the new boats carry fewer people than the old ones did.",
    "About us",
]


def _facts():
    page = read_page("\n".join(LINES) + "\n")
    return page, line_facts(page)


def test_a_paragraph_right_above_the_stretch_that_the_model_does_not_rule_out_opens_it() -> None:
    _, facts = _facts()
    odds = np.array([-5.0, -3.0, LEAD_ODDS + 0.5, 2.0, 2.0, -5.0])
    assert _lead(facts, odds, 3, 1) == 2
    odds[2] = LEAD_ODDS - 0.5              # ruled out: the stretch keeps its start
    assert _lead(facts, odds, 3, 1) == 3
    odds[2] = 0.5
    assert _lead(facts, odds, 3, 2) == 3   # never across the headline


def test_the_tail_takes_sentence_lines_after_the_last_paragraph_but_not_a_label() -> None:
    _, facts = _facts()
    assert _tail(facts, 2) == 4
    assert _tail(facts, 4) == 4            # "About us" is no sentence


def test_a_rule_line_after_a_standfirst_stays_in_the_header() -> None:
    lines = ["Harbour Times", "Ferry service resumes",
             "The ferry to the outer islands left the harbour again on Monday, after the storms.", "* * *",
             "The operator said all crossings would run on the summer timetable from the first of April."]
    page = read_page("\n".join(lines) + "\n")
    facts = line_facts(page)
    assert _header(page, facts, revise(facts), 4, 1, np.zeros(5)) == [2, 3]
    no_standfirst = ["Harbour Times", "Ferry service resumes", "* * *",
                     "The operator said all crossings would run on the summer timetable from the first of April."]
    page = read_page("\n".join(no_standfirst) + "\n")
    facts = line_facts(page)
    assert _header(page, facts, revise(facts), 3, 1, np.zeros(4)) == []
