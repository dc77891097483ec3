from __future__ import annotations

import csv
import io
import json

import networkx as nx
from click.testing import CliRunner

from sagwan.serve.cli import cli
from sagwan.serve.web.report import ReportOptions, report_context


def run(*args, columns: int = 400):
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, [str(a) for a in args])


def test_dyad_table_csv_json(real_store_path):
    table = run("dyad", "PRK", "RUS", "--by", "quarter", "--db", real_store_path)
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].split()[:3] == ["period", "direction", "events"]
    assert any(line.startswith("2024-Q1") and " both " in line and "AGREE:1 CONSULT:1" in line for line in lines)
    rows = list(csv.DictReader(io.StringIO(run("dyad", "PRK", "RUS", "--db", real_store_path,
                                               "--format", "csv").output)))
    q2 = next(r for r in rows if r["period"] == "2024-Q2" and r["direction"] == "RUS>PRK")
    assert q2["events"] == "1" and q2["score_sum"] == "10.0"
    data = json.loads(run("dyad", "PRK", "RUS", "--db", real_store_path, "--format", "json", "--by", "year").output)
    assert data["periods"] == ["2024"] and data["exclude_status"] == ["alleged", "expected", "hypothetical", "denied"]


def test_status_and_attribution_options(real_store_path):
    def n_events(*extra):
        data = json.loads(run("dyad", "CHN", "PRK", "--db", real_store_path, "--format", "json", "--by", "year",
                              *extra).output)
        return sum(r["n_events"] for r in data["rows"] if r["direction"] == "both")

    assert n_events() == 1
    assert n_events("--all-statuses") == 2
    assert n_events("--exclude-status", "occurred") == 1
    assert n_events("--attributed-to", "RUS") == 0


def _cli_windows(db, *options):
    res = run("triangle", "PRK", "RUS", "CHN", "--db", db, "--format", "json", *options)
    assert res.exit_code == 0, res.output
    return [(w["period"], w["type"], w["weak"], w["roles"]) for w in json.loads(res.output)["windows"]]


def _report_windows(db, **options):
    from sagwan.store import open_store

    with open_store(str(db)) as store:
        ctx = report_context(store.events(), store, ReportOptions(**options))
    return [(w["period"], w["type"], w["weak"], w["roles"]) for w in ctx["triangle"]["windows"]]


def test_triangle_prints_the_same_types_as_the_report(real_store_path):
    # the defaults (quarters, a year's memory) agree, and so does every option passed to both
    defaults = _cli_windows(real_store_path)
    assert defaults == _report_windows(real_store_path)
    assert [t for _, t, _, _ in defaults] == ["marriage", "marriage", "romantic"]
    assert _cli_windows(real_store_path, "--memory", "1") == _report_windows(real_store_path, memory=1)
    assert _cli_windows(real_store_path, "--by", "year", "--weighting", "equal") == _report_windows(
        real_store_path, by="year", weighting="equal")
    assert _cli_windows(real_store_path, "--by", "year")[0][1] == "romantic"
    table = run("triangle", "PRK", "RUS", "CHN", "--db", real_store_path)
    lines = table.stdout.splitlines()
    assert lines[0].split()[:4] == ["period", "type", "signs", "ties"]
    q1 = next(line for line in lines if line.startswith("2024-Q1"))
    assert "stable marriage (weak, provisional)" in q1 and "PRK-RUS + +4.10 (2/2)" in q1
    assert "RUS-CHN silent in the memory window; if friendly: romantic triangle: pivot RUS" in q1
    assert "RUS=pivot" in next(line for line in lines if line.startswith("2024-Q3"))
    assert "memory 4 quarter(s), linear weighting" in table.stderr
    assert run("triangle", "PRK", "RUS", "CHN", "--db", real_store_path, "--memory", "0").exit_code == 2


def test_network_graphml_and_json(real_store_path, tmp_path):
    out = tmp_path / "net.graphml"
    res = run("network", "-o", out, "--db", real_store_path)
    assert res.exit_code == 0, res.output
    g = nx.read_graphml(out)
    assert g.edges["RUS", "PRK"]["count"] == 2
    res = run("network", "-o", tmp_path / "net.json", "--db", real_store_path)
    assert {n["id"] for n in json.loads((tmp_path / "net.json").read_text())["nodes"]} == {"PRK", "RUS", "CHN"}


def test_report_writes_one_html_file(real_store_path, tmp_path):
    out = tmp_path / "report.html"
    res = run("report", "--db", real_store_path, "-o", out, "--dyad", "KOR,USA", "--triangle", "PRK", "RUS", "CHN")
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    # the chosen dyad, then the triangle's ties (their evidence belongs in the report too)
    blocks = html.split('class="dyad-block" id="dyad-')[1:]
    assert [b.split('"')[0] for b in blocks] == ["KOR-USA", "PRK-RUS", "PRK-CHN", "RUS-CHN"]
    assert "No events between KOR and USA." in html and "방문해" in html


def test_missing_database_is_one_clear_line(tmp_path):
    res = run("dyad", "PRK", "RUS", "--db", tmp_path / "none.db")
    assert res.exit_code != 0
    assert "none.db: no such database" in str(res.exception or res.output)
    assert not (tmp_path / "none.db").exists()


def test_missing_database_via_main_exits_2(tmp_path, capsys, monkeypatch):
    import sys

    import pytest

    from sagwan.serve.cli import main

    monkeypatch.setattr(sys, "argv", ["sagwan", "report", "--db", str(tmp_path / "none.db")])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "no such database" in err and "Traceback" not in err


def test_bad_option_is_a_usage_error(real_store_path):
    res = run("triangle", "PRK", "RUS", "PRK", "--db", real_store_path)
    assert res.exit_code != 0 and "three different" in str(res.exception)
    assert run("dyad", "PRK", "RUS", "--by", "week", "--db", real_store_path).exit_code == 2


def test_serve_defaults_to_loopback():
    res = run("serve", "--help")
    assert res.exit_code == 0 and "127.0.0.1" in res.output


def test_date_range_and_empty_periods_hidden_in_tables(real_store_path):
    res = run("dyad", "PRK", "RUS", "--by", "month", "--db", real_store_path)
    rows = [line for line in res.stdout.splitlines()[1:] if not line.startswith("─")]
    assert [line.split()[0] for line in rows] == ["2024-03"] * 3 + ["2024-05"] * 3
    assert "1 month(s) without events not shown" in res.stderr
    csv_out = run("dyad", "PRK", "RUS", "--by", "month", "--db", real_store_path, "--format", "csv").output
    assert "2024-04" in csv_out                      # csv keeps every period
    res = run("dyad", "PRK", "RUS", "--by", "month", "--from", "2024-04", "--db", real_store_path)
    assert [line.split()[0] for line in res.stdout.splitlines()[2:]] == ["2024-05"] * 3
    assert run("dyad", "PRK", "RUS", "--from", "soon", "--db", real_store_path).exit_code != 0
