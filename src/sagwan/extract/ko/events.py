"""Placeholder: filled in by the Korean extraction work."""

from sagwan.model import Document


def find_events(doc: Document) -> list:
    return []
