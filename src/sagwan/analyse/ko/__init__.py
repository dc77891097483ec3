"""Korean analysis with Kiwi: paragraphs -> sentences -> morphemes with offsets into doc.text."""

from sagwan.analyse.ko.kiwi import analyse, get_kiwi

__all__ = ["analyse", "get_kiwi"]
