"""The gazetteer data (resources/gazetteer/*.jsonl): well-formed, complete for UN members, unambiguous by default."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from sagwan import gazetteer

# The 193 UN member states, ISO 3166-1 alpha-3 (written out here so the data is checked against an independent list).
UN_MEMBERS = re.findall(r"\S+", """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR BFA BDI
CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST
SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM
JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA
MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
PRK ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
""")
NON_MEMBER_STATES = {"TWN", "XKX", "PSE", "SUN"}

STARTER_IDS = re.findall(r"\S+", """
PRK KOR RUS CHN USA JPN UKR LBY MYS SUN org:un org:unsc org:unga org:kcna org:tass org:white-house
org:voa org:nhk org:cna org:rand org:wpk org:state-department person:kim-jong-un person:vladimir-putin
person:xi-jinping person:sergey-lavrov person:dmitry-peskov person:donald-trump person:barack-obama""")

PREFIX = {"organization": "org:", "person": "person:", "location": "location:", "group": "group:"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
QID = re.compile(r"^Q[1-9]\d*$")
# Offices the gazetteer may hold people for; anything else (ambassadors, envoys, analysts) must be found by pattern.
OFFICES = re.compile(
    r"^(acting )?(president|prime minister|premier|monarch|emperor|supreme leader|general secretary"
    r"|president of the SPA .*|foreign minister|defence minister|armed forces minister|secretary of state"
    r"|secretary of defense|foreign secretary|defence secretary|chief cabinet secretary"
    r"|(white house |presidential )?press secretary|pentagon press secretary|.*spokesperson"
    r"|UN secretary-general|NATO secretary general|IAEA director general"
    r"|chancellor|crown prince|vice president|national security adviser|chief of (the general|army) staff"
    r"|European (Commission|Council) president|EU high representative|intelligence chief|NIS director"
    r"|unification minister|Presidential Leadership Council chairman"
    r"|(Hamas|Hezbollah|Houthi|Wagner Group) .*|Hamas political bureau chief"
    r"|.*of the WPK .*)( \(.*\))?$"
)


@pytest.fixture(scope="module")
def entries():
    return gazetteer.entries()


def _raw_lines():
    folder = resources.files("sagwan") / "resources" / "gazetteer"
    for f in folder.iterdir():
        if f.name.endswith(".jsonl"):
            for line in f.read_text(encoding="utf-8").splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    yield f.name, json.loads(line)


def test_every_line_is_one_entry_with_a_unique_id(entries):
    raw = list(_raw_lines())
    ids = [obj["id"] for _, obj in raw]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, f"ids used twice: {dupes}"
    assert len(entries) == len(raw)


def test_scale_is_as_planned(entries):
    kinds = [e.kind for e in entries.values()]
    types = [e.type for e in entries.values() if e.kind == "organization"]
    assert kinds.count("state") == 197
    assert kinds.count("person") >= 150
    assert types.count("think_tank") >= 30
    assert types.count("news_agency") + types.count("outlet") >= 60
    assert kinds.count("organization") >= 120


def test_ids_are_well_formed(entries):
    for e in entries.values():
        if e.kind == "state":
            assert re.fullmatch(r"[A-Z]{3}", e.id) and e.country == e.id, e.id
        else:
            prefix = PREFIX[e.kind]
            assert e.id.startswith(prefix) and re.fullmatch(r"[a-z0-9][a-z0-9-]*", e.id[len(prefix):]), e.id
        assert e.country is None or e.country in entries, f"{e.id}: unknown country {e.country}"
        assert e.wikidata is None or QID.match(e.wikidata), f"{e.id}: bad Q-id {e.wikidata}"


def test_wikidata_ids_are_not_shared(entries):
    seen: dict[str, str] = {}
    for e in entries.values():
        if e.wikidata:
            assert e.wikidata not in seen, f"{e.wikidata} on {seen.get(e.wikidata)} and {e.id}"
            seen[e.wikidata] = e.id


def test_the_list_of_un_members_has_193_codes():
    assert len(UN_MEMBERS) == 193 == len(set(UN_MEMBERS))


def test_every_un_member_and_the_extra_states_are_present(entries):
    states = {e.id for e in entries.values() if e.kind == "state"}
    assert sorted(set(UN_MEMBERS) - states) == []
    assert states - set(UN_MEMBERS) == NON_MEMBER_STATES


def test_starter_ids_are_kept(entries):
    assert [i for i in STARTER_IDS if i not in entries] == []


def test_every_state_has_korean_and_english_names_and_a_capital(entries):
    for e in entries.values():
        if e.kind == "state":
            assert e.names_in("ko") and e.names_in("en"), e.id
            assert all(re.fullmatch(r"[\uac00-\ud7a3A-Z][\uac00-\ud7a3A-Za-z ·.-]*", s) for s in e.names_in("ko")), e.id
            assert e.extra.get("capital", {}).get("ko"), e.id
            assert e.wikidata, e.id


def test_every_organisation_has_a_type_and_names(entries):
    allowed = {"igo", "igo_organ", "news_agency", "outlet", "think_tank", "government", "legislature", "party",
               "military", "intelligence"}
    for e in entries.values():
        if e.kind == "organization":
            assert e.type in allowed, (e.id, e.type)
            assert e.names_in("ko") and e.names_in("en"), e.id
            if e.type not in {"igo", "igo_organ"} and e.id != "org:un-command":
                assert e.country, e.id
            if "parent" in e.extra:
                assert e.extra["parent"] in entries, e.id


def test_every_person_holds_dated_offices(entries):
    for e in entries.values():
        if e.kind != "person":
            continue
        assert e.country and e.names_in("ko") and e.surname.get("ko") and e.roles, e.id
        for r in e.roles:
            assert OFFICES.match(r["role"]), f"{e.id}: office not in scope: {r['role']}"
            assert r.get("country") in entries or r.get("org") in entries, e.id
            assert DATE.match(r["from"]), (e.id, r["from"])
            assert r["to"] is None or (DATE.match(r["to"]) and r["to"] >= r["from"]), (e.id, r)
            titles = e.titles_in("ko", r)
            assert titles and all(t.strip() == t and t for t in titles), e.id


def test_no_alias_is_shared_unless_marked_ambiguous(entries):
    shared = {s: ids for s, ids in gazetteer.aliases().items() if len(ids) > 1}
    unmarked = {s: ids for s, ids in shared.items()
                if not all(s in entries[i].ambiguous.get("ko", ()) for i in ids)}
    assert unmarked == {}


def test_ambiguous_forms_are_surfaces_of_their_entry(entries):
    for e in entries.values():
        for a in e.ambiguous.get("ko", ()):
            assert a in e.surfaces, (e.id, a)


@pytest.mark.parametrize("word, actor", [
    ("인도", "IND"), ("수단", "SDN"), ("오만", "OMN"), ("이란", "IRN"), ("말리", "MLI"), ("가나", "GHA"),
    ("조선", "PRK"), ("왕이", "person:wang-yi"), ("국방부", "org:kor-mnd"), ("외무성", "org:prk-mfa"),
])
def test_homographs_are_flagged(entries, word, actor):
    assert word in entries[actor].ambiguous["ko"]


@pytest.mark.parametrize("surface, ids", [
    ("러시아", ("RUS",)), ("북한", ("PRK",)), ("조선민주주의인민공화국", ("PRK",)), ("북조선", ("PRK",)),
    ("대한민국", ("KOR",)), ("남한", ("KOR",)), ("미합중국", ("USA",)), ("불란서", ("FRA",)), ("튀르키예", ("TUR",)),
    ("터키", ("TUR",)), ("평양", ("PRK",)), ("크렘린", ("RUS",)), ("키이우", ("UKR",)), ("키예프", ("UKR",)),
    ("타이베이", ("TWN",)), ("백악관", ("org:white-house",)), ("안보리", ("org:unsc",)),
    ("유엔총회", ("org:unga",)), ("유엔 총회", ("org:unga",)), ("랜드연구소", ("org:rand",)),
    ("랜드 연구소", ("org:rand",)), ("조선중앙통신", ("org:kcna",)), ("상하이협력기구", ("org:sco",)),
    ("군축회의", ("org:conference-on-disarmament",)), ("펜타곤", ("org:us-dod",)),
    ("청와대", ("org:kor-presidential-office",)),
    ("라브로프", ("person:sergey-lavrov",)), ("러블로프", ("person:sergey-lavrov",)),
    ("젤렌스끼", ("person:volodymyr-zelensky",)), ("블링큰", ("person:antony-blinken",)),
    ("구테흐스", ("person:antonio-guterres",)), ("Kim Jong Un", ("person:kim-jong-un",)),
])
def test_key_forms_resolve(surface, ids):
    assert gazetteer.aliases()[surface] == ids


def test_generic_ministry_names_point_to_every_candidate():
    assert set(gazetteer.aliases()["외무성"]) == {"org:prk-mfa", "org:jpn-mofa"}
    assert {"org:kor-mnd", "org:us-dod", "org:rus-mod"} <= set(gazetteer.aliases()["국방부"])


def test_abbreviations_are_one_syllable_and_map_the_usual_states():
    abbr = gazetteer.abbreviations("ko")
    assert all(len(a) == 1 for a in abbr)
    expected = {"북": "PRK", "남": "KOR", "한": "KOR", "미": "USA", "중": "CHN", "러": "RUS", "일": "JPN", "영": "GBR",
                "프": "FRA", "불": "FRA", "독": "DEU", "우": "UKR"}
    assert {k: abbr.get(k) for k in expected} == expected


def test_patterns_compile_and_match_a_spelling_of_their_entry(entries):
    for e in entries.values():
        for p in e.patterns.get("ko", ()):
            rx = re.compile(p)
            assert any(rx.fullmatch(s) for s in e.names_in("ko")), (e.id, p)


@pytest.mark.parametrize("actor, date, role", [
    ("person:boris-johnson", "2017-03-01", "foreign secretary"),
    ("person:boris-johnson", "2020-03-01", "prime minister"),
    ("person:donald-trump", "2019-06-30", "president"),
    ("person:vladimir-putin", "2010-01-01", "prime minister"),
    ("person:kishida-fumio", "2015-01-01", "foreign minister"),
])
def test_roles_are_dated(entries, actor, date, role):
    assert entries[actor].role_on(date)["role"] == role


def test_offices_of_a_country_do_not_overlap_in_time(entries):
    """Two exact-dated holders of the same national office must not both be in office on the same day."""
    spans: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for e in entries.values():
        for r in e.roles:
            if r.get("country") and not r.get("approx") and len(r["from"]) == 10 and "acting" not in r["role"]:
                spans.setdefault((r["country"], r["role"]), []).append((r["from"], r["to"] or "9999", e.id))
    for key, rows in spans.items():
        rows.sort()
        for (_, end, who), (start, _, nxt) in zip(rows, rows[1:], strict=False):
            assert start >= end, f"{key}: {who} until {end} overlaps {nxt} from {start}"


@pytest.mark.parametrize("surface, actor", [
    ("安倍晋三", "person:abe-shinzo"), ("習近平", "person:xi-jinping"), ("盧武鉉", "person:roh-moo-hyun"),
    ("네타냐후", "person:benjamin-netanyahu"), ("하메네이", "person:ali-khamenei"), ("하마스", "group:hamas"),
    ("후티 반군", "group:houthis"), ("모사드", "org:mossad"),
])
def test_world_figures_groups_and_places_resolve(surface, actor):
    assert actor in gazetteer.aliases()[surface]


def test_groups_and_places_name_their_country_or_none(entries):
    for e in entries.values():
        if e.kind in ("group", "location"):
            assert e.country is None or entries[e.country].kind == "state", e.id


def test_every_g20_member_has_a_dated_head_of_state_or_government(entries):
    heads = {r.get("country") for e in entries.values() if e.kind == "person" for r in e.roles
             if r["role"] in ("president", "prime minister", "chancellor", "monarch")}
    g20 = {"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS",
           "SAU", "ZAF", "TUR", "GBR", "USA"}
    assert g20 <= heads, sorted(g20 - heads)


def test_aliases_of_one_language_hold_only_its_names():
    en, ko = gazetteer.aliases("en"), gazetteer.aliases("ko")
    assert en["North Korea"] == ("PRK",) and en["Pyongyang"] == ("PRK",) and "북한" not in en
    assert ko["북한"] == ("PRK",) and "North Korea" not in ko
    assert set(gazetteer.aliases()) == set(en) | set(ko)
