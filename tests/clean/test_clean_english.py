"""English wire furniture, credits and date lines, on a page written for this test."""

from __future__ import annotations

from sagwan.clean import clean
from sagwan.ingest import read_text

BODY = ["Vietnam and the Philippines signed a maritime cooperation memorandum on Friday.",
        "Officials said the deal covers coast guard hotlines."]


def _clean(lines: list[str]):
    return clean(read_text("\n".join(lines), source="t.txt", title="Maritime deal"))


def test_wire_credit_lines_leave_the_body():
    doc = _clean([BODY[0], "(Reporting by Ann Vela in Hanoi; Editing by Tom Brisk)",
                  "Additional reporting by Lee Moon in Manila", "(Writing by Ann Vela; Editing by Tom Brisk)", BODY[1]])
    assert doc.text.splitlines() == BODY


def test_sign_up_and_continue_prompts_leave_but_sentences_stay():
    doc = _clean([BODY[0], "Sign up for breaking news alerts", "Click here to read more",
                  "Story continues below", "Advertisement", BODY[1],
                  "Fishermen said they would sign up for the new insurance scheme next year."])
    assert doc.text.splitlines() == [*BODY, "Fishermen said they would sign up for the new insurance scheme next year."]


def test_updated_line_with_a_zone_and_an_iso_timestamp():
    doc = _clean(["Updated Oct 28, 2023, 9:15 AM ET", "2023-10-27T09:00:00Z", *BODY])
    assert doc.text.splitlines() == BODY
    assert doc.published == "2023-10-27"
    assert doc.meta["updated"] == "2023-10-28"


def test_agency_dateline_and_byline_come_off():
    doc = _clean(["By Ann Vela, Example Wire", "HANOI, Oct. 27 (Example Wire) -- " + BODY[0], BODY[1]])
    assert doc.text.splitlines() == BODY
    assert doc.meta["author"] == "Ann Vela"
