"""clean: RawDocument -> Document with clean body text, title, publication date and language.

Page furniture (menus, related links, share bars, comment forms, copyright lines), the title, the
dateline and the byline leave the body; the rules are data in resources/clean/.
"""

from sagwan.clean.document import clean

__all__ = ["clean"]
