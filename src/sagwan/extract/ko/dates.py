"""Placeholder: Korean date expressions, resolved against the publication date."""

from sagwan.model import TimeExpr


def find_dates(text: str, published: str | None) -> list[TimeExpr]:
    return []
