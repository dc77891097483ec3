"""Review from the dashboard's API (only with --review, only with the page's CSRF token) and from
`sagwan review` on the command line."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from fastapi.testclient import TestClient

from sagwan.serve.api import create_app
from sagwan.serve.cli import cli
from sagwan.store import open_store


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _event_id(path) -> str:
    with open_store(str(path)) as s:
        return next(e["id"] for e in s.events() if e["type"] == "CONSULT")


def test_the_api_writes_reviews_only_in_review_mode_and_with_the_token(real_store_path):
    event_id = _event_id(real_store_path)
    body = {"target": "event", "id": event_id, "action": "correct", "changes": {"status": "planned"},
            "reason": "the visit is announced, not made"}
    with open_store(str(real_store_path)) as store:
        plain = TestClient(create_app(store), base_url="http://127.0.0.1")
        assert plain.post("/api/review", json=body).status_code in (404, 405)
        assert 'name="sagwan-review"' not in plain.get("/").text
        client = TestClient(create_app(store, review=True), base_url="http://127.0.0.1")
        token = re.search(r'name="sagwan-review" content="([^"]+)"', client.get("/").text).group(1)
        assert client.post("/api/review", json=body).status_code == 403
        assert client.post("/api/review", json=body, headers={"X-CSRF-Token": "guess"}).status_code == 403
        evil = {"X-CSRF-Token": token, "Origin": "https://evil.example"}
        assert client.post("/api/review", json=body, headers=evil).status_code == 403
        ok = client.post("/api/review", json=body, headers={"X-CSRF-Token": token})
        assert ok.status_code == 200 and ok.json()["original"]["status"] == "occurred"
        bad = client.post("/api/review", json=dict(body, changes={"status": "happened"}),
                          headers={"X-CSRF-Token": token})
        assert bad.status_code == 422 and "occurred" in bad.json()["detail"]
        assert [r["reason"] for r in client.get("/api/reviews").json()] == ["the visit is announced, not made"]


def test_review_on_the_command_line_round_trips_through_json_lines(real_store_path, tmp_path):
    event_id = _event_id(real_store_path)
    done = _run("review", "correct", event_id, "--type", "accuse", "--reason", "a protest", "--reviewer", "kim",
                "--db", real_store_path)
    assert done.exit_code == 0, done.output
    assert "CONSULT' -> 'ACCUSE'" in done.output
    refused = _run("review", "correct", event_id, "--status", "happened", "--reason", "x", "--db", real_store_path)
    assert refused.exit_code == 2 and "occurred" in refused.output
    assert _run("review", "wrong", event_id, "--db", real_store_path).exit_code == 2     # no reason
    out = tmp_path / "reviews.jsonl"
    assert _run("review", "export", "-o", out, "--db", real_store_path).exit_code == 0
    [line] = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["changes"] == {"type": "ACCUSE"} and json.loads(line)["reviewer"] == "kim"
    listed = _run("review", "list", "--db", real_store_path)
    assert "kim" in listed.output and "a protest" in listed.output
    again = _run("review", "import", out, "--db", real_store_path)
    assert again.exit_code == 0 and "0 review(s) added, 1 already there" in again.output


def test_review_mode_refuses_a_public_address(real_store_path):
    result = _run("serve", "--review", "--host", "0.0.0.0", "--db", real_store_path)
    assert result.exit_code == 2 and "loopback" in result.output
