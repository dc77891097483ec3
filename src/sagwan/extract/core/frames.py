"""Argument frames on markers only: which marked argument of a predicate is the other party.

A predicate's lexicon row names its frame; a frame lists, in order of preference, the markers
(`sagwan.model.Marker`) whose arguments are its target (or, for `receive`, its source: the giver).
The first group of markers that any argument carries wins. The subject (SUBJ) is the source in
every frame but `receive`, where the subject is the one who gets; a passive's agent is marked BY.

    meet     the other party of a meeting or agreement: WITH, else TO     ("X met with Y")
    visit    the place or party visited: OBJ or TO                        ("X visited Y")
    give     the recipient: TO or TOWARD                                  ("X gave aid to Y")
    receive  the giver: FROM                                              ("X received aid from Y")
    act      the one acted on: ABOUT, else OBJ, else TO                   ("X condemned Y")
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sagwan.extract.core.protocol import Argument
from sagwan.model import Marker

FRAMES: dict[str, tuple[tuple[Marker, ...], ...]] = {
    "meet": ((Marker.WITH,), (Marker.TO,)),
    "visit": ((Marker.OBJ, Marker.TO),),
    "give": ((Marker.TO, Marker.TOWARD),),
    "receive": ((Marker.FROM,),),
    "act": ((Marker.ABOUT,), (Marker.OBJ,), (Marker.TO,)),
}
PASSIVE_AGENT = (Marker.BY,)

A = TypeVar("A", bound=Argument)


def with_markers(args: Sequence[A], markers: Sequence[str]) -> list[A]:
    return [a for a in args if a.marker in markers]


def marked(args: Sequence[A], frame: str) -> list[A]:
    """The arguments of the frame's first marker group that any argument carries (empty when none)."""
    for markers in FRAMES.get(frame, FRAMES["act"]):
        found = with_markers(args, markers)
        if found:
            return found
    return []
