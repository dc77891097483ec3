"""User actor dictionaries: an analyst adds or overrides actors without editing the package.

The state and the official below are invented (and checked to be absent from the shipped gazetteer).
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import sagwan
from sagwan import gazetteer
from sagwan.errors import ConfigError
from sagwan.serve.cli import cli, main

PUBLISHED = "2024-03-15"
TEXT = "벨도리아의 오렌 탈빅 외무장관은 화요일 평양을 방문했다. 탈빅 장관은 북한과 경제 협력을 강화하겠다고 말했다."
VELDORIA = {"id": "XVD", "kind": "state", "name": "Veldoria", "country": "XVD",
            "names": {"ko": ["벨도리아"], "en": ["Veldoria"]}}
TALVIK = {"id": "person:oren-talvik", "kind": "person", "name": "Oren Talvik", "country": "XVD",
          "names": {"ko": ["오렌 탈빅"], "en": ["Oren Talvik"]}, "surname": {"ko": "탈빅"},
          "roles": [{"role": "foreign minister", "country": "XVD", "from": "2024-01-01", "to": None,
                     "titles": {"ko": ["외무장관", "장관"]}}]}


def _write(path, *objs, extra: str = "") -> str:
    path.write_text("# an analyst's dictionary\n" + "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs)
                    + extra, encoding="utf-8")
    return str(path)


def _actors(rec):
    return {a["id"]: a for a in rec["actors"]}


def test_the_invented_names_are_not_shipped():
    assert "벨도리아" not in gazetteer.aliases() and "오렌 탈빅" not in gazetteer.aliases()


def test_a_user_dictionary_adds_an_official_with_his_country(tmp_path, monkeypatch):
    plain = sagwan.extract(TEXT, published=PUBLISHED)
    assert "person:oren-talvik" not in _actors(plain) and "XVD" not in _actors(plain)

    path = _write(tmp_path / "mine.jsonl", VELDORIA, TALVIK)
    rec = sagwan.extract(TEXT, published=PUBLISHED, gazetteer=path)
    talvik = _actors(rec)["person:oren-talvik"]
    assert talvik["country"] == "XVD" and talvik["name"] == "Oren Talvik"
    assert [m["text"] for m in talvik["mentions"]] == ["오렌 탈빅", "탈빅"]
    assert "XVD" in _actors(rec)
    assert any(e["source"] == ["person:oren-talvik"] and e["target"] == ["PRK"] for e in rec["events"])
    assert rec["quotes"][0]["speaker"] == "person:oren-talvik"
    assert rec["coder"].startswith(plain["coder"] + "+gaz.")

    # the same through the environment variable
    monkeypatch.setenv(gazetteer.ENV, path)
    assert _actors(sagwan.extract(TEXT, published=PUBLISHED))["person:oren-talvik"]["country"] == "XVD"


def test_a_user_entry_replaces_the_shipped_one_with_its_id(tmp_path):
    mine = {"id": "PRK", "kind": "state", "name": "DPRK (analyst's name)", "country": "PRK",
            "names": {"ko": ["북한"]}}
    rec = sagwan.extract(TEXT, published=PUBLISHED, gazetteer=_write(tmp_path / "prk.jsonl", mine))
    prk = _actors(rec)["PRK"]
    assert prk["name"] == "DPRK (analyst's name)"
    # the shipped entry's metonym (평양) is gone with it
    assert [m["text"] for m in prk["mentions"]] == ["북한"]


@pytest.mark.parametrize("line, reason", [
    ("{broken", "Expecting property name"),
    ('{"id": "XVD", "kind": "state"}', "field 'name' missing"),
    ('{"id": "XVD", "kind": "country", "name": "Veldoria"}', "kind 'country': use one of"),
    ('{"id": "XVD", "kind": "state", "name": "Veldoria", "ko": ["벨도리아"]}', "old shape"),
    ('{"id": "XVD", "kind": "state", "name": "Veldoria", "names": ["벨도리아"]}', "map languages to lists"),
])
def test_a_malformed_line_names_the_file_and_the_line(tmp_path, line, reason, capsys, monkeypatch):
    path = _write(tmp_path / "bad.jsonl", VELDORIA, extra=line + "\n")
    with pytest.raises(ConfigError, match=rf"bad\.jsonl:3: .*{reason}"):
        sagwan.extract(TEXT, published=PUBLISHED, gazetteer=path)
    err = _main(monkeypatch, capsys, "extract", "--gazetteer", path, str(tmp_path / "bad.jsonl"))
    assert f"{path}:3: " in err


def test_a_missing_dictionary_is_refused_by_name(tmp_path, capsys, monkeypatch):
    err = _main(monkeypatch, capsys, "ingest", "--db", str(tmp_path / "c.db"), "--gazetteer",
                str(tmp_path / "none.jsonl"), str(tmp_path))
    assert "none.jsonl: no such file" in err


def _main(monkeypatch, capsys, *args: str) -> str:
    """Run the real command line; it must exit 2 with a message and no traceback."""
    import sys

    monkeypatch.setattr(sys, "argv", ["sagwan", *args])
    with pytest.raises(SystemExit) as exc:
        main()
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "Traceback" not in err, err
    return err


def test_extract_and_ingest_take_the_dictionary(tmp_path):
    path = _write(tmp_path / "mine.jsonl", VELDORIA, TALVIK)
    src = tmp_path / "news.txt"
    src.write_text(TEXT, encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", "--gazetteer", path, str(src)])
    assert res.exit_code == 0, res.output
    assert "person:oren-talvik" in _actors(json.loads(res.output.splitlines()[0]))

    db = str(tmp_path / "c.db")
    assert CliRunner().invoke(cli, ["ingest", "--db", db, str(src)]).exit_code == 0
    # other dictionaries: the stored document is out of date and coded again
    res = CliRunner().invoke(cli, ["ingest", "--db", db, "--gazetteer", path, str(src)])
    assert res.exit_code == 0 and "1 document(s) stored, 0 unchanged" in res.output, res.output
    from sagwan.store import open_store

    with open_store(db) as store:
        assert "person:oren-talvik" in {a["id"] for a in store.actors()}
