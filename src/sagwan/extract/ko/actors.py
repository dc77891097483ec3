"""Placeholder: filled in by the Korean extraction work."""

from sagwan.model import Document


def find_actors(doc: Document) -> list:
    return []
