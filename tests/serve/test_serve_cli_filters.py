"""The commands say no: every bad filter exits 2 with the valid values, read commands never create a
database, and `dyad`/`triangle --list` list exactly the events they count."""

from __future__ import annotations

import csv
import io
import sys

import pytest

from sagwan.serve.cli import main


def sagwan(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    """Run the real entry point (its error handling included): exit status, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["sagwan", *map(str, args)])
    with pytest.raises(SystemExit) as done:
        main()
        sys.exit(0)
    out = capsys.readouterr()
    return done.value.code or 0, out.out, out.err


BAD = [
    (["events", "--type", "FOO"], ["AGREE", "CONSULT", "ASSAULT"]),
    (["events", "--status", "happened"], ["occurred", "hypothetical"]),
    (["events", "--status", "occurred,sometimes"], ["occurred", "hypothetical"]),
    (["events", "--exclude-status", "alleged,maybe"], ["occurred", "alleged"]),
    (["events", "--dyad", "PRK-RUSS"], ["RUS"]),
    (["events", "--dyad", "PRK"], ["PRK-RUS"]),
    (["events", "--actor", "Atlantis-of-the-test"], ["--actor"]),
    (["events", "--from", "2024-13"], ["YYYY-MM"]),
    (["events", "--from", "2024", "--to", "2023"], ["--to"]),
    (["dyad", "PRK", "RUSS"], ["RUS"]),
    (["dyad", "PRK", "RUS", "--from", "2024-13"], ["YYYY-MM"]),
    (["dyad", "PRK", "RUS", "--type", "FOO"], ["AGREE"]),
    (["triangle", "PRK", "RUS", "CHNA"], ["CHN"]),
    (["network", "--status", "happened"], ["occurred"]),
    (["report", "--dyad", "PRK-RUSS", "-o", "never.html"], ["RUS"]),
]


@pytest.mark.parametrize("args, named", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_a_bad_filter_exits_2_with_the_valid_values(real_store_path, monkeypatch, capsys, tmp_path, args, named):
    monkeypatch.chdir(tmp_path)
    code, out, err = sagwan(monkeypatch, capsys, *args, "--db", real_store_path)
    assert code == 2 and out == ""
    assert all(n in err for n in named), err
    assert not (tmp_path / "never.html").exists()


@pytest.mark.parametrize("command", [["events"], ["quotes"], ["actors"], ["export"], ["dyad", "PRK", "RUS"],
                                     ["triangle", "PRK", "RUS", "CHN"], ["db", "summary"]])
def test_a_read_command_never_creates_a_database(monkeypatch, capsys, tmp_path, command):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SAGWAN_DB", raising=False)
    code, _, err = sagwan(monkeypatch, capsys, *command)
    assert code != 0 and "sagwan.db" in err and "no such database" in err
    code, _, err = sagwan(monkeypatch, capsys, *command, "--db", tmp_path / "mistyped.db")
    assert code != 0 and "mistyped.db" in err
    assert list(tmp_path.iterdir()) == []


def _csv(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_names_case_and_persons_are_understood(real_store_path, monkeypatch, capsys):
    _, upper, _ = sagwan(monkeypatch, capsys, "events", "--db", real_store_path, "--dyad", "PRK-RUS", "--format", "csv")
    _, lower, _ = sagwan(monkeypatch, capsys, "events", "--db", real_store_path, "--dyad", "prk-rus", "--format", "csv")
    _, named, _ = sagwan(monkeypatch, capsys, "events", "--db", real_store_path, "--dyad", "북한-Russia",
                         "--format", "csv")
    assert _csv(upper) and upper == lower == named


def test_exclude_status_with_commas_excludes_each(real_store_path, monkeypatch, capsys):
    _, out, _ = sagwan(monkeypatch, capsys, "events", "--db", real_store_path, "--all-statuses", "--format", "csv")
    every = {r["status"] for r in _csv(out)}
    assert len(every) >= 2, every
    drop = sorted(every)[:2]
    _, out, _ = sagwan(monkeypatch, capsys, "events", "--db", real_store_path, "--exclude-status", ",".join(drop),
                       "--format", "csv")
    assert not {r["status"] for r in _csv(out)} & set(drop)
    _, out2, _ = sagwan(monkeypatch, capsys, "events", "--db", real_store_path, "--exclude-status", drop[0],
                        "--exclude-status", drop[1], "--format", "csv")
    assert out2 == out


@pytest.mark.parametrize("extra", [[], ["--all-statuses"], ["--from", "2024-03", "--to", "2024-06"],
                                   ["--no-report-dates"]])
def test_dyad_list_is_the_events_list_and_the_count(real_store_path, monkeypatch, capsys, extra):
    db = ["--db", real_store_path]
    _, table, _ = sagwan(monkeypatch, capsys, "dyad", "PRK", "RUS", "--by", "year", "--format", "csv", *db, *extra)
    counted = sum(int(r["events"]) for r in _csv(table) if r["direction"] == "both")
    _, listed, _ = sagwan(monkeypatch, capsys, "events", "--dyad", "PRK-RUS", "--format", "csv", *db, *extra)
    _, both, _ = sagwan(monkeypatch, capsys, "dyad", "PRK", "RUS", "--by", "year", "--list", "--format", "csv",
                        *db, *extra)
    ids = [r["event_id"] for r in _csv(listed)]
    print(f"dyad PRK RUS {' '.join(extra)}: counted {counted}, listed {len(ids)}")
    assert counted == len(ids) and [r["event_id"] for r in _csv(both)] == ids


@pytest.mark.parametrize("kwargs", [{}, {"all_statuses": True}, {"report_dates": False},
                                    {"date_from": "2024-03", "date_to": "2024-05"}])
def test_the_report_counts_what_it_lists(real_store_path, kwargs):
    """Each dyad of the report: the events its chart counts are the events its evidence lists, and
    with those outside the shown years and those too coarsely dated, the filter's list of the dyad."""
    from sagwan.serve.web.report import ReportOptions, report_context, report_events
    from sagwan.store import open_existing_store
    from sagwan.store.filters import make_filter

    with open_existing_store(str(real_store_path)) as store:
        f = make_filter(**kwargs, resolve=store.resolve_actor)
        options = ReportOptions(filter=f, exclude_status=f.excluded_statuses, attributed_to=f.attributed_to,
                                date_from=f.date_from, date_to=f.date_to)
        context = report_context(report_events(store, options), store, options)
        for block in context["dyads"]:
            listed = [e["id"] for e in store.events(filter=f.but(dyad=(block["a"], block["b"])))]
            counted = [r for r in block["series"]["rows"] if r["direction"] == "both"]
            for row in counted:
                shown = next((p["events"] for p in block["evidence"] if p["period"] == row["period"]), [])
                assert row["n_events"] == len(shown)
            total = block["n_events"] + block["outside"] + len(block["unplaced"])
            print(f"report {kwargs} {block['key']}: counted {total}, listed {len(listed)}")
            assert total == len(listed)
        assert any(block["n_events"] for block in context["dyads"])
