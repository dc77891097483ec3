"""English analysis: paragraphs -> sentences -> tokens with universal part of speech and lemma.

Why these components (the issue asked for the choice to be written down):

- **No statistical model.** English wire copy is regular enough for what the coder needs: it reads
  names (capitalised runs matched against the gazetteer), predicates (verbs and event nouns listed in
  resources/en/predicates.tsv) and the few function words between them (prepositions, "by" of the
  passive, modals, "to", "that"). TABARI coded English news for decades on such a shallow reading.
  spaCy's parser needs a model package (an extra download of 12-500 MB, and 2-10 ms per sentence);
  NLTK's tagger needs its data fetched at run time; stanza and flair download models. None of them
  meets "no download at run time" and ">= 100 articles/s on one core" together.
- **Lemmas and open-class parts of speech from lemminflect** (PyPI `lemminflect==0.2.3`, pinned in
  pyproject.toml). Its authors ship the lookup tables inside the wheel (built from the Automatically
  Generated Inflection Database), so it works offline; one dictionary look-up gives every part of
  speech a word can have and its lemma for each ("talks" -> NOUN talk / VERB talk). Word forms are
  cached per process, so a token costs a dictionary hit.
- **Sentences and tokens by rules** (segment.py): pysbd is correct but costs milliseconds per
  paragraph; syntok and segtok are lighter but do not keep a quotation in one sentence. News needs
  little: split after . ! ? before a capital or a quote, not after the abbreviations in
  resources/en/abbreviations.txt, and never inside an open quotation mark.
- **Closed-class words as data** (resources/en/closed_class.tsv) and a few order rules (tagger.py)
  choose between the parts of speech lemminflect offers ("the talks" NOUN, "will talk" VERB).

Tokens carry UPOS tags in `Token.tag` (the universal tag set the core reads) and `Token.lemma`.
"""

from __future__ import annotations

from sagwan.analyse.en.segment import paragraphs, sentences, tokenize
from sagwan.analyse.en.tagger import tag_sentence
from sagwan.model import Document, Sentence


def analyse(doc: Document) -> Document:
    """Fill doc.sentences with sentences and tagged tokens; offsets index doc.text."""
    out: list[Sentence] = []
    text = doc.text
    for pno, (p_start, p_end) in enumerate(paragraphs(text)):
        for s_start, s_end in sentences(text, p_start, p_end):
            toks = tokenize(text, s_start, s_end)
            if toks:
                tag_sentence(toks)
                out.append(Sentence(toks[0].start, toks[-1].end, pno, toks))
    doc.sentences = out
    return doc


__all__ = ["analyse"]
