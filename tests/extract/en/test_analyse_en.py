"""English analysis: sentences, tokens with offsets, universal part of speech and lemma."""

from __future__ import annotations

from sagwan.analyse.en import analyse
from sagwan.model import Document


def _doc(text: str) -> Document:
    return analyse(Document(id="t", source="t", text=text))


def test_offsets_index_the_text_and_sentences_split_after_full_stops():
    text = "Mr. Varga met Gen. Osei in Accra on Oct. 3. The talks ended.\nA second paragraph follows."
    doc = _doc(text)
    assert [text[s.start:s.end] for s in doc.sentences] == [
        "Mr. Varga met Gen. Osei in Accra on Oct. 3.", "The talks ended.", "A second paragraph follows."]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1]
    for s in doc.sentences:
        for t in s.tokens:
            assert text[t.start:t.end] == t.form


def test_a_quotation_stays_one_sentence():
    text = '"We will respond. They will regret it," Varga said. He left.'
    doc = _doc(text)
    assert [text[s.start:s.end] for s in doc.sentences] == [
        '"We will respond. They will regret it," Varga said.', "He left."]


def test_dotted_abbreviations_end_a_sentence_only_before_a_function_word():
    text = "Troops moved to the U.S. The base is in Guam. A U.S. envoy arrived."
    assert len(_doc(text).sentences) == 3
    assert len(_doc("The U.S. Navy sailed.").sentences) == 1


def test_parts_of_speech_and_lemmas_follow_word_order():
    doc = _doc("The talks were held after Varga's envoy had also visited Accra. Ghana will talk.")
    got = {(t.form, t.tag, t.lemma) for s in doc.sentences for t in s.tokens}
    assert ("talks", "NOUN", "talk") in got
    assert ("held", "VERB", "hold") in got
    assert ("visited", "VERB", "visit") in got
    assert ("talk", "VERB", "talk") in got
    assert ("'s", "PART", "'s") in got
    assert ("Varga", "PROPN", "Varga") in got
    assert ("were", "AUX", "be") in got


def test_hyphenated_names_and_negations_are_tokens():
    doc = _doc("Ri Yong-chol didn't comment.")
    forms = [t.form for t in doc.sentences[0].tokens]
    assert forms == ["Ri", "Yong-chol", "did", "n't", "comment", "."]
