"""Korean extractors, run in order over an analysed Document."""

from __future__ import annotations

from sagwan.model import Document


def extract_all(doc: Document) -> Document:
    from sagwan.extract.ko.actors import find_actors
    from sagwan.extract.ko.dates import find_dates
    from sagwan.extract.ko.events import find_events
    from sagwan.extract.ko.quotes import find_said

    doc.dates = find_dates(doc.text, doc.published)
    doc.actors = find_actors(doc)
    said = find_said(doc)   # the quotes, with what the event coder reads from them
    doc.quotes = [s.quote for s in said]
    doc.events = find_events(doc, said)
    return doc
