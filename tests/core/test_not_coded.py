"""A document in a language no bundle codes is kept and said to be not coded, never silently empty."""

from __future__ import annotations

import json

from click.testing import CliRunner

from sagwan.extract import registry
from sagwan.extract.core import LanguageBundle
from sagwan.model import Actor, Document, Mention
from sagwan.serve.cli import cli

# Invented Russian news text: Russian is told by the language detector and has no bundle.
RUSSIAN = ("Министр иностранных дел заявил во вторник, что переговоры продолжатся на следующей неделе.\n\n"
           "Он добавил, что делегации встретятся снова в конце месяца.\n")
KOREAN = "가상국 외무장관은 화요일 성명을 발표했다.\n"


def test_extract_prints_one_warning_per_document_and_counts_them(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(RUSSIAN.replace("вторник", f"вторник {name}"), encoding="utf-8")
    (tmp_path / "c.txt").write_text(KOREAN, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(cli, ["extract", str(tmp_path), "-o", str(out)])
    assert res.exit_code == 1, res.output
    warnings = [ln for ln in res.output.splitlines() if "not coded: no language bundle for 'ru'" in ln]
    assert len(warnings) == 2 and all(str(tmp_path) in ln for ln in warnings)
    assert "sagwan: not coded: language 'ru': 2" in res.output
    records = {json.loads(ln)["doc"]["source"].rsplit("/", 1)[-1]: json.loads(ln)
               for ln in out.read_text(encoding="utf-8").splitlines()}
    assert set(records) == {"a.txt", "b.txt", "c.txt"}
    ru = records["a.txt"]
    assert ru["not_coded"]["language"] == "ru" and "ko" in ru["not_coded"]["reason"]
    assert ru["doc"]["text"].startswith("Министр") and ru["events"] == [] and ru["coder"] == "sagwan-uncoded/1"
    assert "not_coded" not in records["c.txt"]
    assert records["c.txt"]["coder"].startswith("sagwan-ko/")


def test_extract_exits_zero_when_every_document_is_coded(tmp_path):
    (tmp_path / "c.txt").write_text(KOREAN, encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", str(tmp_path / "c.txt")])
    assert res.exit_code == 0, res.output
    assert "not coded" not in res.output


def _toy_bundle() -> LanguageBundle:
    """A Russian bundle that knows one word, to show that a kept document is coded once a bundle exists."""

    def analyse(doc: Document) -> Document:
        return doc

    def extract(doc: Document) -> Document:
        at = doc.text.index("Министр")
        doc.actors = [Actor("RUS", "Russia", "state", "RUS", mentions=[Mention(at, at + 7, "Министр")])]
        return doc

    return LanguageBundle(language="ru", name="Russian (toy)", versions={"actors": 7}, analyse=analyse,
                          extract=extract, segment=lambda text: text.lower())


def test_ingest_stores_the_document_and_codes_it_once_a_bundle_is_registered(tmp_path):
    src = tmp_path / "ru.txt"
    src.write_text(RUSSIAN, encoding="utf-8")
    db = tmp_path / "c.db"
    res = CliRunner().invoke(cli, ["ingest", "--db", str(db), str(src)])
    assert res.exit_code == 1, res.output
    assert "1 document(s) stored" in res.output
    assert "sagwan: not coded: language 'ru': 1" in res.output
    assert sum("not coded: language 'ru' has no bundle" in ln for ln in res.output.splitlines()) == 1
    again = CliRunner().invoke(cli, ["ingest", "--db", str(db), str(src)])
    assert "0 document(s) stored, 1 unchanged" in again.output

    from sagwan.store import open_store

    registry.register(_toy_bundle())
    try:
        with open_store(str(db)) as store:
            summary = store.ingest([src])
            assert summary.documents == 1 and summary.not_coded == []
            assert stored_coder(store) == "sagwan-ru/1.1.7.1.1"
            assert "RUS" in [a["id"] for a in store.actors()]
    finally:
        registry.unregister("ru")


def stored_coder(store) -> str:
    from sqlalchemy import select

    from sagwan.store.schema import documents

    with store.engine.connect() as conn:
        return conn.execute(select(documents.c.coder)).scalar_one()


def test_the_registry_names_each_component_coder():
    ko = registry.bundle_for("ko")
    assert ko is not None and ko.language == "ko"
    assert ko.coders["events"].startswith("sagwan-events-ko/")
    assert registry.bundle_for("xx") is None
    assert registry.coder_for("xx") == "sagwan-uncoded/1"
    assert "'xx'" in registry.not_coded_reason("xx")
