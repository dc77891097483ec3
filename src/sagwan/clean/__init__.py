"""clean: RawDocument -> Document with clean body text, title, publication date and language."""

from sagwan.clean.document import clean

__all__ = ["clean"]
