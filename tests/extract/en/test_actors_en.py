"""English actors with invented officials and analysts: the general mechanism, not a list."""

from __future__ import annotations


def _actor(rec: dict, aid: str) -> dict:
    found = [a for a in rec["actors"] if a["id"] == aid]
    assert found, f"{aid} not among {[a['id'] for a in rec['actors']]}"
    return found[0]


def test_language_is_english_and_gazetteer_names_variants_and_metonyms_map_to_states(code):
    rec = code("Pyongyang and the Kremlin signed a pact. North Korea later sent envoys to Moscow, "
               "and the North praised Russia.")
    assert rec["doc"]["language"] == "en"
    prk = _actor(rec, "PRK")
    assert {"Pyongyang", "North Korea", "the North"} <= set(prk["names"])
    assert {"Kremlin", "Moscow", "Russia"} <= set(_actor(rec, "RUS")["names"])
    text = rec["doc"]["text"]
    for a in rec["actors"]:
        for m in a["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


def test_the_north_needs_north_korea_named_first(code):
    rec = code("Officials in the North said little about the harvest.")
    assert not [a for a in rec["actors"] if a["id"] == "PRK"]


def test_romanisation_variants_are_the_same_person_as_the_korean_form(code):
    rec = code("Kim Jong-Un inspected a factory. Kim Jong Un later met workers. Kim Jong-un left.")
    kim = _actor(rec, "person:kim-jong-un")
    assert len(kim["mentions"]) == 3
    assert kim["country"] == "PRK"


def test_title_and_name_with_a_demonym_give_role_and_country(code):
    rec = code("Ruritanian officials said little. Vice Foreign Minister Anton Belvik of Russia spoke. "
               "Russian Deputy Defense Minister Ilya Gorsky met Chinese Ambassador Wen Tao on Monday.")
    gorsky = _actor(rec, "person:ilya-gorsky")
    assert gorsky["kind"] == "person"
    assert gorsky["country"] == "RUS"
    assert gorsky["role"] == "deputy defense minister"
    wen = _actor(rec, "person:wen-tao")
    assert (wen["role"], wen["country"]) == ("ambassador", "CHN")


def test_apposition_gives_role_affiliation_and_country_of_an_unknown_analyst(code):
    rec = code("Mara Quill, a senior fellow at the Lakeshore Institute for Security Studies, said the talks "
               "would fail. Quill added that Beijing was watching.")
    quill = _actor(rec, "person:mara-quill")
    assert quill["role"] == "senior fellow"
    assert quill["affiliation"] == "org:lakeshore-institute-for-security-studies"
    assert len(quill["mentions"]) == 2            # "Quill" alone is the same person
    envoy = code("Ri Sol Gang, North Korea's envoy to the U.N., said the drills were a threat.")
    ri = _actor(envoy, "person:ri-sol-gang")
    assert (ri["role"], ri["country"], ri["affiliation"]) == ("envoy", "PRK", "org:un")


def test_possessive_and_title_coreference(code):
    rec = code("Russia's Foreign Minister Sergei Lavrov arrived in Pyongyang. The minister met officials.")
    lav = _actor(rec, "person:sergey-lavrov")
    assert "The minister" in lav["names"]
    assert _actor(rec, "RUS")["names"] == ["Russia"]
