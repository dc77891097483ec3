"""English extractors, run in order over an analysed Document (analyse/en)."""

from __future__ import annotations

from sagwan.model import Document


def extract_all(doc: Document) -> Document:
    from sagwan.extract.en.actors import ActorReader
    from sagwan.extract.en.dates import find_dates
    from sagwan.extract.en.events import EventReader
    from sagwan.extract.en.quotes import find_said

    doc.dates = find_dates(doc.text, doc.published)
    reader = ActorReader(doc)
    doc.actors = reader.run()
    said = find_said(doc, reader)
    doc.quotes = [s.quote for s in said]
    doc.events = EventReader(doc, reader, said).run()
    return doc
