"""The evaluation gate: score sagwan per language on hand-annotated sentences, articles and news.

    python -m tests.eval.gate              # run the extractor, print the table, exit 1 below a floor
    python -m tests.eval.gate --suggest    # also print floors (value - 0.03) and gold digests to pin by hand
    python -m tests.eval.gate --details    # also list what was missed or wrongly found (dev material only)

Every language has its folder, tests/eval/<lang>/, holding any of these sets:
    sentences.jsonl          annotated sentences, scored here            -> metrics <lang>.sentences.*
    articles/*.gold.json     short articles (sagwan-gold/1, text beside)  -> <lang>.articles.*
    news/dev/NAME.txt + NAME.gold.json    real news, development part     -> <lang>.news.dev.*
    news/test/NAME.txt + NAME.gold.json   real news, frozen test part     -> <lang>.news.test.*
Articles and news are scored by the project's official scorer (../shared/eval/score.py beside the clone)
when it is there, else by the same matching rules as the sentences. A frozen test set is only ever
reported as aggregate figures: no per-item line, no validation detail (`--details` shows dev material).

baseline.json pins, per set, the sha256 of each gold file beside the set's floors: an edited, added or
removed gold file fails the gate until its set is re-pinned on purpose (copy `--suggest`'s output by hand).
A set not in baseline.json yet is scored and shown, with no floors. Floors never move by themselves.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sagwan import model

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SENTENCES = HERE / "ko" / "sentences.jsonl"
ARTICLES = HERE / "ko" / "articles"
BASELINE = HERE / "baseline.json"
OFFICIAL_SCORER = REPO / ".." / "shared" / "eval" / "score.py"

# the vocabulary is the model's: a type or status the coder may give is one the gold may hold
PLOVER = set(model.PLOVER_TYPES)
STATUSES = set(model.STATUSES)
ACTOR_KINDS = set(model.ACTOR_KINDS)
# which predicted kinds may stand for a gold actor of each kind (None: the extractor did not say)
KIND_OK = {"state": {"state", "location", None}, "person": {"person", None},
           "organization": {"organization", "group", None}, "group": {"group", "organization", None},
           "location": {"location", "state", None}}
SUGGEST_MARGIN = 0.03

_CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
DATE_RE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
ID_RE = re.compile(r"[A-Z]{3}|(person|org|location|group):[a-z0-9][a-z0-9-]*")

Metrics = dict[str, float | None]


# ---------------------------------------------------------------- text helpers

def squash(s: str | None) -> str:
    """Compare text without white space and with curly quotation marks made straight."""
    return re.sub(r"\s+", "", (s or "").translate(_CURLY))


def key(s: str | None) -> str:
    """A name as compared: squashed, lower case, without the honorific 씨."""
    return re.sub(r"씨$", "", squash(s).lower())


def names_meet(pred_keys: set[str], gold_keys: set[str]) -> bool:
    """Same name, or a gold name of two or more letters inside a longer predicted one (정다은 in 정다은수석연구위원)."""
    if pred_keys & gold_keys:
        return True
    return any(len(g) >= 2 and g in p for g in gold_keys for p in pred_keys if p)


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    precision = tp_pred / n_pred if n_pred else (0.0 if n_gold else 1.0)
    recall = tp_gold / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def share(ok: int, n: int) -> float | None:
    return ok / n if n else None


class Predicted:
    """One sagwan/1 record, indexed for lookups by actor id."""

    def __init__(self, rec: dict[str, Any], dates: list[dict[str, Any]] | None = None) -> None:
        self.text = rec.get("doc", {}).get("text") or ""
        self.actors = {a["id"]: a for a in rec.get("actors", []) if a.get("id")}
        self.quotes = rec.get("quotes", [])
        self.events = rec.get("events", [])
        self.dates = dates if dates is not None else rec.get("dates", [])

    def country(self, aid: str | None) -> str | None:
        a = self.actors.get(aid or "")
        if a is None:
            return aid if aid and re.fullmatch(r"[A-Z]{3}", aid) else None
        return a.get("country") or (a.get("id") if a.get("kind") == "state" else None)

    def parties(self, ids: list[str]) -> set[str]:
        """Event parties as dyads are read: each actor's country, or its own id when it has none (유엔, EU)."""
        return {self.country(a) or a for a in ids if a}

    def keys(self, aid: str | None, *extra: str | None) -> set[str]:
        a = self.actors.get(aid or "") or {}
        forms = [a.get("name"), *a.get("names", []), *(m.get("text") for m in a.get("mentions", [])), aid, *extra]
        return {key(f) for f in forms if f}

    def refers_to(self, aid: str | None, want: str | None) -> bool:
        """Does predicted actor id `aid` name `want` (an id, a country code or a surface form)?"""
        if want is None or aid is None:
            return want is aid
        return aid == want or self.country(aid) == want or names_meet(self.keys(aid), {key(want)})


# ---------------------------------------------------------------- matching, one section at a time

def match_actors(gold: list[dict], pred: Predicted) -> dict[str, int]:
    """Gold actor: {surfaces, id, kind, country, required}. A prediction is right when it names the gold
    actor (same id where gold has one, else a shared surface form) and gives it the right country."""
    taken: set[int] = set()
    c = {"pred": 0, "tp_pred": 0, "gold": sum(g["required"] for g in gold), "tp_gold": 0,
         "country_n": 0, "country_ok": 0}
    for aid, a in pred.actors.items():
        hits = [i for i, g in enumerate(gold) if _is_actor(aid, a, g, pred)]
        free = sorted((i for i in hits if i not in taken), key=lambda i: not gold[i]["required"])
        if not hits and a.get("kind") == "location":
            continue  # places are not scored unless gold lists them
        if free and not gold[free[0]]["required"]:
            taken.add(free[0])
            continue  # optional gold: neither right nor wrong
        c["pred"] += 1
        if not free:
            continue
        g = gold[free[0]]
        taken.add(free[0])
        c["country_n"] += 1
        right_country = pred.country(aid) == g["country"]
        c["country_ok"] += right_country
        c["tp_pred"] += right_country
        c["tp_gold"] += right_country
    return c


def _is_actor(aid: str, a: dict, g: dict, pred: Predicted) -> bool:
    if a.get("kind") not in KIND_OK[g["kind"]]:
        return False
    if g["id"]:
        return aid == g["id"] or (g["kind"] == "state" and a.get("kind") == "state" and a.get("country") == g["id"])
    return names_meet(pred.keys(aid), {key(s) for s in g["surfaces"]})


def match_quotes(gold: list[dict], pred: Predicted, strict_null: bool) -> dict[str, int]:
    """Gold quote: {speaker: [forms], hint, kind, date, via, required}. Found = a predicted quote whose text
    holds the hint and whose speaker is one of the forms."""
    used: set[int] = set()
    optional_hits: set[int] = set()
    c = {"pred": 0, "tp_pred": 0, "gold": sum(g["required"] for g in gold), "tp_gold": 0, "speaker_n": 0,
         "kind_ok": 0, "kind_n": 0, "date_ok": 0, "date_n": 0, "via_ok": 0, "via_n": 0}
    for g in gold:
        hint = squash(g["hint"])
        cands = [i for i, q in enumerate(pred.quotes) if i not in used and hint in squash(q.get("text"))]
        spoken = [i for i in cands if names_meet(pred.keys(pred.quotes[i].get("speaker"),
                                                            pred.quotes[i].get("speaker_text")),
                                                 {key(s) for s in g["speaker"]})]
        if not g["required"]:
            optional_hits.update(cands[:1])
            continue
        c["speaker_n"] += bool(cands)  # heard: the words were found, whoever they were given to
        if not spoken:
            continue
        q = pred.quotes[spoken[0]]
        used.add(spoken[0])
        c["tp_gold"] += 1
        if g.get("kind"):
            c["kind_n"] += 1
            c["kind_ok"] += q.get("kind") == g["kind"]
        if g.get("date") or strict_null:
            c["date_n"] += 1
            c["date_ok"] += q.get("date") == g.get("date")
        if "via" in g and (g["via"] or strict_null):
            c["via_n"] += 1
            c["via_ok"] += pred.refers_to(q.get("via"), g["via"])
    c["pred"] = len(pred.quotes) - len(optional_hits - used)
    c["tp_pred"] = c["speaker_ok"] = len(used)
    return c


def _interval(d: str | None) -> tuple[str, str] | None:
    if not d or not DATE_RE.fullmatch(d):
        return None
    if len(d) == 10:
        return d, d
    if len(d) == 7:
        return d + "-01", d + "-31"
    return d + "-01-01", d + "-12-31"


def _date_right(got: str | None, g: dict, strict_null: bool) -> bool | None:
    """None: not scored. A gold date_range [lo, hi] accepts any date inside it."""
    if g.get("date_range"):
        lo, hi = _interval(g["date_range"][0]), _interval(g["date_range"][1])
        p = _interval(got)
        return bool(p and lo and hi and lo[0] <= p[0] and p[1] <= hi[1])
    if g.get("date") is None and not strict_null:
        return None
    return got == g.get("date")


def match_events(gold: list[dict], pred: Predicted, strict_null: bool) -> dict[str, int]:
    """Gold event: {types, source, target, symmetric, hints, date, status, attributed_to, mode, required}.
    Each (source, target) pair is a unit; a prediction finds a unit when its type is accepted, its sentence or
    trigger holds a hint, and its parties cover the pair. A prediction takes the units of one gold event (all
    the pairs of "한미일 … 비난했다" at once); one that finds only units already taken is a duplicate, so wrong."""
    units = [(g, (s, t)) for g in gold for s in (g["source"] or [None]) for t in (g["target"] or [None])]
    claims: dict[int, list[int]] = {}
    for i, e in enumerate(pred.events):
        src, tgt = pred.parties(e.get("source", [])), pred.parties(e.get("target", []))
        places = _event_text(e, pred.text)
        for u, (g, pair) in enumerate(units):
            if (e.get("type") in g["types"] and any(squash(h) in p for h in g["hints"] for p in places)
                    and _pair_covered(pair, src, tgt, g["symmetric"])):
                claims.setdefault(i, []).append(u)
    taken: dict[int, int] = {}  # unit -> the prediction that took it
    c = {"pred": 0, "tp_pred": 0, "gold": sum(g["required"] for g, _ in units), "tp_gold": 0}
    for k in ("status", "date", "attribution", "mode"):
        c[f"{k}_ok"] = c[f"{k}_n"] = 0
    for i in range(len(pred.events)):
        free = [u for u in claims.get(i, []) if u not in taken]
        # required gold first, so an optional reading never hides a required one
        free.sort(key=lambda u: not units[u][0]["required"])
        chosen = [u for u in free if free and units[u][0] is units[free[0]][0]]
        taken.update({u: i for u in chosen})
        if chosen and not units[chosen[0]][0]["required"]:
            continue  # optional gold: neither right nor wrong
        c["pred"] += 1
        c["tp_pred"] += bool(chosen)
    for u, i in taken.items():
        g = units[u][0]
        if not g["required"]:
            continue
        c["tp_gold"] += 1
        e = pred.events[i]
        checks = {"status": (e.get("status") in g["status"]) if g.get("status") else None,
                  "date": _date_right(e.get("date"), g, strict_null),
                  "attribution": (pred.refers_to(e.get("attributed_to"), g.get("attributed_to"))
                                  if "attributed_to" in g and (strict_null or g["attributed_to"]) else None),
                  "mode": (e.get("mode") in g["mode"]) if g.get("mode") else None}
        for k, ok in checks.items():
            if ok is not None:
                c[f"{k}_n"] += 1
                c[f"{k}_ok"] += ok
    return c


def _event_text(e: dict, text: str) -> list[str]:
    out = []
    for m in e.get("mentions", []):
        s, t = m.get("sentence_start"), m.get("sentence_end")
        if isinstance(s, int) and isinstance(t, int):
            out.append(squash(text[s:t]))
        out.append(squash(m.get("text")))
    return out


def _pair_covered(pair: tuple[str | None, str | None], src: set, tgt: set, symmetric: bool) -> bool:
    s, t = pair
    if (s is None or s in src) and (t is None or t in tgt):
        return True
    if symmetric:
        both = src | tgt
        return {x for x in pair if x} <= both and len(both) >= 2
    return False


def match_dates(gold: list[dict], pred: Predicted) -> dict[str, int]:
    """Gold date: {text, value, value_end}. Right = a predicted expression overlapping the text with both values."""
    taken: set[int] = set()
    tp = 0
    for d in pred.dates:
        pt = squash(d.get("text"))
        for i, g in enumerate(gold):
            gt = squash(g["text"])
            if i not in taken and pt and (pt in gt or gt in pt):
                taken.add(i)
                tp += d.get("value") == g["value"] and d.get("value_end") == g.get("value_end")
                break
    return {"pred": len(pred.dates), "tp_pred": tp, "gold": len(gold), "tp_gold": tp}


# ---------------------------------------------------------------- gold in one shape

def sentence_gold(item: dict) -> dict[str, list[dict]]:
    """A sentences.jsonl item in the shape the matchers take."""
    actors = [{"surfaces": [a["text"], *a.get("aliases", [])], "id": a["id"], "kind": a["kind"],
               "country": a["id"] if a["kind"] == "state" else a["country"], "required": a.get("required", True)}
              for a in item["actors"]]
    quotes = [{**q, "required": q.get("required", True)} for q in item["quotes"]]
    events = [{**e, "hints": [e["hint"]] if isinstance(e["hint"], str) else e["hint"],
               "mode": [e["mode"]] if isinstance(e.get("mode"), str) else e.get("mode"),
               "required": e.get("required", True)} for e in item["events"]]
    return {"actors": actors, "quotes": quotes, "events": events, "dates": item["dates"]}


def article_gold(gold: dict) -> dict[str, list[dict]]:
    """A sagwan-gold/1 file in the shape the matchers take (used only without the official scorer)."""
    actors = [{"surfaces": a["aliases"], "id": a["id"] if a["kind"] == "state" else None, "kind": a["kind"],
               "country": a["country"] if a["kind"] != "state" else a["id"], "required": a["required"]}
              for a in gold["actors"]]
    return {"actors": actors, "quotes": gold["quotes"], "events": gold["events"], "dates": []}


# ---------------------------------------------------------------- running the extractor

class Extractor:
    """sagwan, loaded once per process (Kiwi costs seconds and memory to start)."""

    def __init__(self) -> None:
        import sagwan
        from sagwan.ingest import read_text

        self._sagwan, self._read_text = sagwan, read_text

    def text(self, text: str, published: str, source: str) -> Predicted:
        doc = self._sagwan.extract_document(self._read_text(text, source=source, published=published))
        rec = doc.to_record()
        dates = rec.get("dates")
        if dates is None:  # the record does not carry dates (yet): read them off the document
            dates = [{"text": d.text, "value": d.value, "value_end": d.value_end} for d in doc.dates]
        return Predicted(rec, dates)

    def path(self, path: Path) -> dict[str, Any]:
        return self._sagwan.extract(path)


def load_sentences(path: Path = SENTENCES) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_articles(folder: Path = ARTICLES) -> list[tuple[Path, dict]]:
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(folder.glob("*.gold.json"))]


def article_text(gold_path: Path, gold: dict) -> Path:
    """The text a gold file annotates: its `source_file` beside it, else NAME.txt for NAME.gold.json."""
    named = (gold.get("document") or {}).get("source_file")
    if named and (gold_path.parent / Path(named).name).is_file():
        return gold_path.parent / Path(named).name
    return gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt")


@dataclass(frozen=True)
class EvalSet:
    """One set of gold material of one language: sentences, articles, news.dev or news.test."""

    language: str
    name: str
    path: Path           # sentences.jsonl, or the folder of *.gold.json files

    @property
    def id(self) -> str:
        return f"{self.language}.{self.name}"

    @property
    def kind(self) -> str:
        return self.name.split(".")[0]

    @property
    def frozen(self) -> bool:
        """A test part: scored as a whole, never shown item by item."""
        return self.name.endswith(".test")

    def gold_files(self) -> list[Path]:
        return [self.path] if self.kind == "sentences" else sorted(self.path.glob("*.gold.json"))


def discover_sets(root: Path = HERE) -> list[EvalSet]:
    """Every set under root/<lang>/ (see the module docstring), in a stable order."""
    sets = []
    for d in sorted(p for p in root.iterdir() if p.is_dir() and re.fullmatch(r"[a-z]{2,3}", p.name)):
        if (d / "sentences.jsonl").is_file():
            sets.append(EvalSet(d.name, "sentences", d / "sentences.jsonl"))
        if (d / "articles").is_dir():
            sets.append(EvalSet(d.name, "articles", d / "articles"))
        for part in ("dev", "test"):
            folder = d / "news" / part
            if folder.is_dir() and any(folder.glob("*.gold.json")):
                sets.append(EvalSet(d.name, f"news.{part}", folder))
    return sets


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digests(s: EvalSet) -> dict[str, str]:
    return {f.name: digest(f) for f in s.gold_files()}


def gold_problems(sets: list[EvalSet], baseline: dict[str, Any]) -> list[str]:
    """One line per pinned set whose gold files are not the pinned ones (edited, added or removed)."""
    out = []
    for s in sets:
        pinned = baseline["gold"].get(s.id)
        if pinned is None:
            continue
        now = digests(s)
        for name in sorted(set(pinned) | set(now)):
            if name not in now:
                out.append(f"{s.id}: pinned gold file {name} is gone; re-pin the set on purpose (--suggest)")
            elif name not in pinned:
                out.append(f"{s.id}: gold file {name} is not pinned; re-pin the set on purpose (--suggest)")
            elif pinned[name] != now[name]:
                out.append(f"{s.id}: gold file {name} changed (sha256 {now[name][:12]}, pinned {pinned[name][:12]}); "
                           "check its floors and re-pin the set on purpose (--suggest)")
    return out


SECTIONS = ("actors", "quotes", "events", "dates")
ACCURACIES = {"actors": ("country",), "quotes": ("speaker", "kind", "date", "via"),
              "events": ("status", "date", "attribution", "mode"), "dates": ()}
SENTENCE_METRICS = [f"sentences.{sec}.{m}" for sec in SECTIONS
                    for m in ("precision", "recall", "f1", *(f"{a}_accuracy" for a in ACCURACIES[sec]))]
SENTENCE_KEYS_OUT = [m.removeprefix("sentences.") for m in SENTENCE_METRICS]
ARTICLE_KEYS_OUT = [*(f"doc.{k}" for k in ("title", "published", "kept", "leaked")),
                    "actors.recall", "actors.precision", "actors.forbidden",
                    *(f"quotes.{k}" for k in ("precision", "recall", "f1", "speaker_accuracy", "date_accuracy")),
                    *(f"events.{k}" for k in ("precision", "recall", "f1", "date_accuracy",
                                              "status_accuracy", "attribution_accuracy"))]
ARTICLE_METRICS = [f"articles.{k}" for k in ARTICLE_KEYS_OUT]


def metric_names(sets: list[EvalSet]) -> list[str]:
    """Every metric the gate computes for these sets ("ko.sentences.events.f1", "en.news.dev.events.f1" ...)."""
    return [f"{s.id}.{k}" for s in sets
            for k in (SENTENCE_KEYS_OUT if s.kind == "sentences" else ARTICLE_KEYS_OUT)]


METRIC_NAMES = metric_names(discover_sets())  # every metric a floor may name


def pool(counts: list[dict[str, dict[str, int]]], prefix: str) -> Metrics:
    """Micro-averaged precision/recall/F1 and attribute accuracies over items."""
    out: Metrics = {}
    for sec in SECTIONS:
        c: dict[str, int] = {}
        for item in counts:
            for k, v in item.get(sec, {}).items():
                c[k] = c.get(k, 0) + v
        if not c:
            continue
        p, r, f = prf(c["tp_pred"], c["pred"], c["tp_gold"], c["gold"])
        out.update({f"{prefix}.{sec}.precision": p, f"{prefix}.{sec}.recall": r, f"{prefix}.{sec}.f1": f})
        for acc in ACCURACIES[sec]:
            out[f"{prefix}.{sec}.{acc}_accuracy"] = share(c[f"{acc}_ok"], c[f"{acc}_n"])
    return out


def score_sentence(item: dict, pred: Predicted) -> dict[str, dict[str, int]]:
    g = sentence_gold(item)
    return {"actors": match_actors(g["actors"], pred), "quotes": match_quotes(g["quotes"], pred, True),
            "events": match_events(g["events"], pred, True), "dates": match_dates(g["dates"], pred)}


def score_sentences(items: list[dict], run: Callable[[dict], Predicted]) -> tuple[Metrics, list[dict]]:
    counts = [score_sentence(item, run(item)) for item in items]
    return pool(counts, "sentences"), counts


def official_scorer() -> Any | None:
    """The project's scorer module, when shared/ lies beside the clone."""
    path = OFFICIAL_SCORER.resolve()
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("sagwan_official_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_articles(pairs: list[tuple[dict, dict]], prefix: str = "articles") -> tuple[Metrics, str]:
    """pairs: (gold, predicted record). Returns the metrics (named `prefix`.section.metric) and which
    scorer made them."""
    if not pairs:
        return {}, "none"
    metrics, scorer = _score_articles(pairs)
    return {f"{prefix}.{k.removeprefix('articles.')}": v for k, v in metrics.items()}, scorer


def _score_articles(pairs: list[tuple[dict, dict]]) -> tuple[Metrics, str]:
    scorer = official_scorer()
    docs = [_doc_checks(gold, rec) for gold, rec in pairs]
    out: Metrics = dict.fromkeys(ARTICLE_METRICS)  # an accuracy with nothing matched stays None
    out.update({f"articles.doc.{k}": sum(d[k] for d in docs) / len(docs) for k in docs[0]})
    out["articles.doc.leaked"] = float(sum(_leaked(gold, rec) for gold, rec in pairs))
    if scorer is not None:
        results = [scorer.score(gold, rec) for gold, rec in pairs]
        for k, v in scorer.pooled(results).items():
            out[f"articles.{k}"] = v
        out["articles.actors.precision"] = sum(r["actors"]["precision"] for r in results) / len(results)
        return out, f"official ({OFFICIAL_SCORER.resolve()})"
    counts = []
    for gold, rec in pairs:
        g, pred = article_gold(gold), Predicted(rec)
        counts.append({"actors": match_actors(g["actors"], pred), "quotes": match_quotes(g["quotes"], pred, False),
                       "events": match_events(g["events"], pred, False)})
    pooled = pool(counts, "articles")
    for sec in ("actors", "quotes", "events"):
        out.update({k: v for k, v in pooled.items() if k.startswith(f"articles.{sec}.")})
    out["articles.actors.forbidden"] = float(sum(_forbidden(gold, rec) for gold, rec in pairs))
    return out, "tests/eval/gate.py (shared/eval/score.py not found)"


def _doc_checks(gold: dict, rec: dict) -> dict[str, float]:
    gdoc, doc = gold.get("document") or {}, rec.get("doc", {})
    text = squash(doc.get("text"))
    must = gdoc.get("must_contain") or []
    return {"title": float((doc.get("title") or "").strip() == gdoc.get("title")),
            "published": float(doc.get("published") == gdoc.get("published")),
            "kept": sum(squash(s) in text for s in must) / max(1, len(must))}


def _leaked(gold: dict, rec: dict) -> int:
    """How many strings the cleaner should have dropped (title line, dateline, copyright) are still there."""
    text = rec.get("doc", {}).get("text") or ""
    return sum(s in text for s in (gold.get("document") or {}).get("must_not_contain") or [])


def _forbidden(gold: dict, rec: dict) -> int:
    bad = set(gold.get("forbidden_actor_ids", []))
    return sum(a.get("id") in bad for a in rec.get("actors", []))


def evaluate(extractor: Extractor | None = None, sets: list[EvalSet] | None = None) -> tuple[Metrics, dict[str, Any]]:
    """Run the extractor over every set; returns flat metrics and, per set, details for the curious
    (a frozen test set keeps none: only its aggregate figures leave this function)."""
    ex = extractor or Extractor()
    metrics: Metrics = {}
    info: dict[str, Any] = {"sets": {}, "scorer": "none"}
    for s in discover_sets() if sets is None else sets:
        if s.kind == "sentences":
            items = load_sentences(s.path)
            preds: dict[str, Predicted] = {}

            def run(item: dict, preds=preds, s=s) -> Predicted:
                preds[item["id"]] = ex.text(item["text"], item["published"], f"eval:{s.id}:{item['id']}")
                return preds[item["id"]]

            found, counts = score_sentences(items, run)
            metrics.update({f"{s.id}.{k.removeprefix('sentences.')}": v for k, v in found.items()})
            detail = {"items": items, "counts": counts, "preds": preds}
        else:
            pairs = [(gold, ex.path(article_text(p, gold))) for p, gold in load_articles(s.path)]
            found, scorer = score_articles(pairs, s.id)
            metrics.update(found)
            info["scorer"] = scorer if scorer != "none" else info["scorer"]
            detail = {"files": [p.name for p, _ in load_articles(s.path)], "pairs": pairs}
        info["sets"][s.id] = {} if s.frozen else detail
    return metrics, info


# ---------------------------------------------------------------- checking the gold itself

SENTENCE_KEYS = {"id", "text", "published", "actors", "quotes", "events", "dates", "covers"}


def _day(s: Any) -> bool:
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return False
    try:
        dt.date.fromisoformat(s)
    except ValueError:
        return False
    return True


def _when(s: Any) -> bool:
    return s is None or (isinstance(s, str) and bool(DATE_RE.fullmatch(s)) and (len(s) != 10 or _day(s)))


def _party(s: Any) -> bool:
    return isinstance(s, str) and bool(ID_RE.fullmatch(s))


def check_event(where: str, e: dict, text: str) -> list[str]:
    bad = []
    hints = e.get("hints") or ([e["hint"]] if isinstance(e.get("hint"), str) else e.get("hint") or [])
    if not hints or any(squash(h) not in squash(text) for h in hints):
        bad.append(f"{where}: a hint is missing from the text: {hints}")
    if not e.get("types") or not set(e["types"]) <= PLOVER:
        bad.append(f"{where}: types must be PLOVER types, got {e.get('types')}")
    if not all(_party(x) for x in e.get("source", []) + e.get("target", [])) or not isinstance(e.get("source"), list):
        bad.append(f"{where}: source/target must list ISO alpha-3 codes or ids: {e.get('source')} {e.get('target')}")
    if not isinstance(e.get("symmetric"), bool):
        bad.append(f"{where}: symmetric must be true or false")
    if not _when(e.get("date")):
        bad.append(f"{where}: date {e.get('date')!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    rng = e.get("date_range")
    if rng is not None and not (len(rng) == 2 and all(x and _when(x) for x in rng) and rng[0] <= rng[1]):
        bad.append(f"{where}: date_range {rng!r} must be [earliest, latest]")
    if e.get("status") is not None and not (e["status"] and set(e["status"]) <= STATUSES):
        bad.append(f"{where}: status must list statuses from {sorted(STATUSES)}, got {e.get('status')}")
    return bad


def validate_sentences(items: list[dict]) -> list[str]:
    """Everything wrong with the sentence gold, one line each (empty: fine)."""
    bad, seen = [], set()
    for it in items:
        w, text = it.get("id", "?"), it.get("text", "")
        if set(it) != SENTENCE_KEYS:
            bad.append(f"{w}: keys {sorted(set(it) ^ SENTENCE_KEYS)} missing or unknown")
            continue
        if w in seen or not re.fullmatch(r"s\d{3}", w):
            bad.append(f"{w}: ids must be unique and look like s001")
        seen.add(w)
        if not _day(it["published"]):
            bad.append(f"{w}: published {it['published']!r} is not a YYYY-MM-DD date")
        if not text.strip() or not it["covers"]:
            bad.append(f"{w}: needs text and at least one covers tag")
        for a in it["actors"]:
            if a["text"] not in text or a["kind"] not in ACTOR_KINDS:
                bad.append(f"{w}: actor {a['text']!r} is not in the text or has an unknown kind {a['kind']!r}")
            if a["id"] is not None and not _party(a["id"]):
                bad.append(f"{w}: actor id {a['id']!r} is not ISO alpha-3 or kind:slug")
            if a["country"] is not None and not re.fullmatch(r"[A-Z]{3}", a["country"]):
                bad.append(f"{w}: actor {a['text']!r} country {a['country']!r} is not ISO alpha-3")
            if a["kind"] == "state" and not (a["id"] and a["id"] == a["country"]):
                bad.append(f"{w}: state {a['text']!r} needs id == country")
        for q in it["quotes"]:
            if squash(q["hint"]) not in squash(text) or not q["speaker"] or q["kind"] not in ("direct", "indirect"):
                bad.append(f"{w}: quote {q['hint']!r}: hint not in text, no speaker, or kind not direct/indirect")
            if not _when(q["date"]):
                bad.append(f"{w}: quote date {q['date']!r} is malformed")
        for n, e in enumerate(it["events"]):
            bad += check_event(f"{w} event {n}", e, text)
            if "attributed_to" not in e:
                bad.append(f"{w} event {n}: attributed_to must be given (null: the article's own voice)")
        for d in it["dates"]:
            if d["text"] not in text or not (_when(d["value"]) and d["value"]) or not _when(d["value_end"]):
                bad.append(f"{w}: date {d!r} is not in the text or its values are malformed")
            elif d["value_end"] and _interval(d["value_end"])[1] < _interval(d["value"])[0]:
                bad.append(f"{w}: date {d['text']!r} ends before it starts")
    return bad


def balance(items: list[dict]) -> dict[str, int]:
    """How much of each kind of material the sentence set holds."""
    return {"sentences": len(items), "with_events": sum(bool(i["events"]) for i in items),
            "with_quotes": sum(bool(i["quotes"]) for i in items),
            "without_events": sum(not i["events"] for i in items),
            "with_non_state_actors": sum(any(a["kind"] != "state" for a in i["actors"]) for i in items)}


def validate_set(s: EvalSet) -> list[str]:
    """Everything wrong with a set's gold; for a frozen test set only how many problems (no detail leaks)."""
    if s.kind == "sentences":
        bad = validate_sentences(load_sentences(s.path))
    else:
        bad = [line for p, gold in load_articles(s.path)
               for line in validate_article(p, gold, s.language, title_first=s.kind == "articles")]
    return [f"{s.id}: {len(bad)} problem(s) in the gold"] if bad and s.frozen else bad


def validate_article(gold_path: Path, gold: dict, language: str = "ko", title_first: bool = True) -> list[str]:
    """Everything wrong with one sagwan-gold/1 file, one line each (empty: fine). Written articles put
    the title on the first line (`title_first`); real news pages may open with site furniture."""
    w = gold_path.name
    if gold.get("schema") != "sagwan-gold/1":
        return [f"{w}: schema must be sagwan-gold/1"]
    src = article_text(gold_path, gold)
    if not src.is_file():
        return [f"{w}: its text {src.name} is missing beside it"]
    raw = src.read_text(encoding="utf-8")
    doc, bad = gold["document"], []
    if not _day(doc["published"]) or doc["language"] != language:
        bad.append(f"{w}: published must be YYYY-MM-DD and language {language}")
    if title_first and raw.strip().splitlines()[0].strip() != doc["title"]:
        bad.append(f"{w}: the title must be the text's first line")
    elif not title_first and squash(doc["title"]) not in squash(raw):
        bad.append(f"{w}: the title is not in the text")
    bad += [f"{w}: must_contain {s!r} is not in the text" for s in doc["must_contain"] if squash(s) not in squash(raw)]
    bad += [f"{w}: must_not_contain {s!r} is not even in the file" for s in doc["must_not_contain"] if s not in raw]
    for kind in ("actors", "quotes", "events"):
        ids = [x["id"] for x in gold[kind]]
        if len(ids) != len(set(ids)) or not all(isinstance(x.get("required"), bool) for x in gold[kind]):
            bad.append(f"{w}: {kind} need unique ids and a required true/false")
    for a in gold["actors"]:
        if not _party(a["id"]) or a["kind"] not in ACTOR_KINDS or not a["aliases"]:
            bad.append(f"{w}: actor {a['id']!r}: malformed id, kind or aliases")
        elif a["required"] and not any(squash(x) in squash(raw) for x in a["aliases"]):
            bad.append(f"{w}: required actor {a['id']} has no alias in the text")
    for q in gold["quotes"]:
        if squash(q["hint"]) not in squash(raw) or not q["speaker"] or not _when(q.get("date")):
            bad.append(f"{w}: quote {q['id']}: hint not in text, no speaker, or malformed date")
    for e in gold["events"]:
        bad += check_event(f"{w} {e['id']}", e, raw)
    return bad


# ---------------------------------------------------------------- floors

def load_baseline(path: Path = BASELINE) -> dict[str, dict[str, Any]]:
    """The pinned sets, flattened: {"floors": {metric: floor}, "ceilings": {...}, "gold": {set id: {file: sha256}}}.

    On disk: {"sets": {"ko.articles": {"gold": {...}, "floors": {"events.f1": 0.64}, "ceilings": {...}}}}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, dict[str, Any]] = {"floors": {}, "ceilings": {}, "gold": {}}
    for set_id, pinned in data.get("sets", {}).items():
        out["gold"][set_id] = dict(pinned.get("gold", {}))
        for limit in ("floors", "ceilings"):
            out[limit].update({f"{set_id}.{k}": v for k, v in pinned.get(limit, {}).items()})
    return out


def shortfalls(metrics: Metrics, baseline: dict[str, dict[str, float | None]]) -> list[str]:
    """One line per metric below its floor (or above its ceiling), naming the metric, its value and its limit."""
    out = []
    for name, floor in baseline["floors"].items():
        if floor is None:
            continue
        got = metrics.get(name)
        if got is None:
            if floor > 0:
                out.append(f"{name}: no value (nothing matched to measure it), floor {floor:.3f}")
        elif got < floor:
            out.append(f"{name}: {got:.3f} is below its floor {floor:.3f}")
    for name, ceiling in baseline["ceilings"].items():
        got = metrics.get(name)
        if ceiling is not None and got is not None and got > ceiling:
            out.append(f"{name}: {got:.3f} is above its ceiling {ceiling:.3f}")
    return out


def suggested_floors(metrics: Metrics) -> dict[str, float]:
    return {k: round(max(0.0, v - SUGGEST_MARGIN), 3) for k, v in sorted(metrics.items())
            if v is not None and not k.endswith((".leaked", ".forbidden"))}


def suggested_pins(sets: list[EvalSet], metrics: Metrics) -> dict[str, Any]:
    """What to copy by hand into baseline.json's "sets" to pin each set as it is now."""
    floors = suggested_floors(metrics)
    return {s.id: {"gold": digests(s),
                   "floors": {k.removeprefix(s.id + "."): v for k, v in floors.items() if k.startswith(s.id + ".")}}
            for s in sets}


def table(metrics: Metrics, baseline: dict[str, dict[str, Any]]) -> str:
    rows = [f"{'metric':42s} {'value':>7s} {'limit':>9s}"]
    for name in sorted(set(metrics) | set(baseline["floors"]) | set(baseline["ceilings"])):
        v = metrics.get(name)
        floor, ceiling = baseline["floors"].get(name), baseline["ceilings"].get(name)
        limit = f">= {floor:.2f}" if floor is not None else (f"<= {ceiling:.2f}" if ceiling is not None else "")
        rows.append(f"{name:42s} {'n/a' if v is None else f'{v:7.3f}':>7s} {limit:>9s}")
    return "\n".join(rows)


def details(info: dict[str, Any]) -> str:
    """Per item of the development material: how many gold things were found out of how many, and how
    many predictions were wrong. Frozen test sets have no details to show (see `evaluate`)."""
    lines = []
    for set_id, detail in info["sets"].items():
        if "items" in detail:
            for item, c in zip(detail["items"], detail["counts"], strict=True):
                bad = {s: (c[s]["tp_gold"], c[s]["gold"], c[s]["pred"] - c[s]["tp_pred"]) for s in SECTIONS
                       if c[s]["tp_gold"] < c[s]["gold"] or c[s]["tp_pred"] < c[s]["pred"]}
                if bad:
                    parts = "  ".join(f"{s} {f}/{n} found, {w} wrong" for s, (f, n, w) in bad.items())
                    lines.append(f"{set_id} {item['id']:8s} {parts}  | {item['text'][:50]}")
        for name, pair in zip(detail.get("files", []), detail.get("pairs", []), strict=True):
            one, _ = score_articles([pair], "")
            figures = "  ".join(f"{k.lstrip('.')}={v:.2f}" for k, v in one.items()
                                if v is not None and k.endswith((".events.f1", ".quotes.f1", ".actors.recall")))
            lines.append(f"{set_id} {name}  {figures}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suggest", action="store_true", help="print suggested floors (value - 0.03); changes nothing")
    ap.add_argument("--details", action="store_true", help="list per sentence what was missed or wrong")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    args = ap.parse_args(argv)
    sets = discover_sets()
    metrics, info = evaluate(sets=sets)
    baseline = load_baseline()
    if args.json:
        print(json.dumps(metrics, indent=1, sort_keys=True))
    else:
        print(table(metrics, baseline))
        print(f"articles scored by: {info['scorer']}")
        for s in sets:
            if s.id not in baseline["gold"]:
                print(f"{s.id}: not pinned in baseline.json (no floors yet)")
    if args.details:
        print(details(info))
    if args.suggest:
        print('suggested pins (copy by hand into "sets" of tests/eval/baseline.json):')
        print(json.dumps(suggested_pins(sets, metrics), indent=1, ensure_ascii=False))
    failed = shortfalls(metrics, baseline)
    for line in failed:
        print("BELOW FLOOR " + line)
    changed = gold_problems(sets, baseline)
    for line in changed:
        print("GOLD NOT PINNED " + line)
    return 1 if failed or changed else 0


if __name__ == "__main__":
    sys.exit(main())
