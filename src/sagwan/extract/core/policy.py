"""The PLOVER policy: how a predicate's reading becomes an event type and a status, in any language.

A language's clause reader says what the words say — the predicate's lexicon type and argument frame,
the status its endings or auxiliaries mark, whether it is an event noun, how sure a quoted speaker is.
These rules then apply the PLOVER codebook the same way for every language:
- a promise of future cooperation is an agreement (AGREE), not the cooperation itself;
- not accepting an offer is rejecting it (REJECT, occurred);
- nobody intends a noun ("the visit will resume"): a noun event marked intended is expected;
- a speaker who assesses or expects something reports it as alleged or expected, not occurred;
- a happening dated after the report has not happened yet: planned;
- one cannot meet or agree with oneself (the mutual types);
- what happened, what may happen and what is said not to have happened are different happenings
  (their reality class), so they never merge;
- some types need a recipient: without one the sentence did not say who got it.
"""

from __future__ import annotations

from collections.abc import Callable

from sagwan.model import MUTUAL_TYPES

# PLOVER types a promise of which is coded as AGREE (CONSULT stays: a promised meeting is a planned meeting)
COOPERATIVE_PROMISE = frozenset({"COOPERATE", "AID", "SUPPORT"})
# what happened, what may happen, and what is said not to have happened are different happenings
REALITY = {"occurred": "real", "alleged": "real", "intended": "potential", "planned": "potential",
           "expected": "potential", "proposed": "potential", "hypothetical": "potential", "denied": "denied"}
# PLOVER requires a recipient for these
NEEDS_RECIPIENT = frozenset({"AID", "COOPERATE", "SANCTION", "SUPPORT", "REQUEST", "ACCUSE", "REJECT"})
# a quoted speaker's stance -> the status of what they report as having happened
STANCE_STATUS = {"assess": "alleged", "expect": "expected"}


def noun_status(status: str) -> str:
    """An event noun made an event by a verb of happening: nobody intends a noun; it is expected."""
    return "expected" if status == "intended" else status


def reported_status(status: str, stance: str | None) -> str:
    """What a speaker assesses or expects to have happened is alleged or expected, not occurred."""
    if status == "occurred" and stance is not None:
        return STANCE_STATUS.get(stance, status)
    return status


def coded_type(etype: str, status: str, frame: str) -> tuple[str, str]:
    """(type, status) after the codebook's rules on promises and refusals."""
    if etype in COOPERATIVE_PROMISE and status == "intended" and frame != "receive":
        etype = "AGREE"   # PLOVER codes a promise of future cooperation as AGREE
    if etype == "AGREE" and status == "denied" and frame == "act":
        etype, status = "REJECT", "occurred"   # not accepting an offer is rejecting it
    return etype, status


def dated_status(status: str, date: str | None, published: str | None) -> str:
    """A happening told as occurred but dated after the report has not happened yet: planned."""
    if status == "occurred" and date is not None and published and date > published[:len(date)]:
        return "planned"
    return status


def without_self(etype: str, source: list[str], target: list[str],
                 country: Callable[[str], str | None]) -> list[str]:
    """The target of a mutual event without the source's own countries (no meeting with oneself)."""
    if etype not in MUTUAL_TYPES:
        return target
    mine = {country(x) for x in source}
    return [x for x in target if country(x) not in mine]


def has_recipient(etype: str, target: list[str], passive: bool) -> bool:
    """False for a type PLOVER requires a recipient for, told without one (a passive names none)."""
    return bool(target) or etype not in NEEDS_RECIPIENT or passive
