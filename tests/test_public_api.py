import json

import sagwan
from sagwan.serve.cli import cli


def test_all_lists_exactly_the_public_names():
    public = {n for n in dir(sagwan) if not n.startswith("_") and n not in {"logging"}}
    modules = {n for n in public if type(getattr(sagwan, n)).__name__ == "module"}
    assert sorted(public - modules) == sorted(set(sagwan.__all__) - {"__version__"})


def test_extract_text_gives_a_sagwan1_record_with_offsets():
    rec = sagwan.extract("북한은 러시아와의 군사 협력을 계속하겠다고 밝혔다.", published="2023-10-27", source="t.txt")
    assert rec["schema"] == "sagwan/1"
    assert rec["doc"]["language"] == "ko"
    assert rec["doc"]["published"] == "2023-10-27"
    text = rec["doc"]["text"]
    for actor in rec["actors"]:
        for m in actor["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


def test_cli_extract_writes_jsonl(tmp_path):
    from click.testing import CliRunner

    f = tmp_path / "a.txt"
    f.write_text("미국은 북한을 비난했다.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(cli, ["extract", str(f), "-o", str(out)])
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 1 and recs[0]["doc"]["source"] == str(f)


def test_cli_missing_file_is_one_line_and_exit_1(tmp_path):
    from click.testing import CliRunner

    good = tmp_path / "good.txt"
    good.write_text("미국은 북한을 비난했다.", encoding="utf-8")
    res = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.txt"), str(good)])
    assert res.exit_code == 1
    assert "nope.txt: no such file" in res.output
    assert "Traceback" not in res.output
    assert res.output.count('"schema": "sagwan/1"') == 1
