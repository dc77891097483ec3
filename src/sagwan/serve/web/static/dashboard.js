/* sagwan dashboard. Reads the JSON API; every piece of stored text is put in the page with
   textContent or text nodes, never as HTML, so markup inside an article stays text. */
(function () {
  "use strict";
  var C = window.SagwanCharts;
  var docCache = {};

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function api(path, params) {
    var qs = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      if (params[k] !== undefined && params[k] !== null && params[k] !== "") { qs.set(k, params[k]); }
    });
    var url = "/api/" + path + (qs.toString() ? "?" + qs.toString() : "");
    return fetch(url).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body.detail || r.statusText); }
        return body;
      });
    });
  }
  function list(v) { return !v ? [] : (typeof v === "string" ? [v] : v); }
  function quadClass(ev) {
    var q = ev.quad || "";
    return q.indexOf("cooperation") >= 0 ? "coop" : (q.indexOf("conflict") >= 0 ? "conf" : "");
  }
  function who(ev) {
    var src = list(ev.source_countries).length ? ev.source_countries : ev.source;
    var tgt = list(ev.target_countries).length ? ev.target_countries : ev.target;
    return list(src).join(", ") + (list(tgt).length ? " → " + list(tgt).join(", ") : "");
  }
  function showError(target, err) {
    target.textContent = "";
    target.appendChild(el("p", "empty", "Could not load: " + err.message));
  }

  /* ---------- evidence ---------- */

  function getDocument(id) {
    if (!docCache[id]) { docCache[id] = api("documents/" + encodeURIComponent(id)); }
    return docCache[id];
  }

  /* The article text with [start, end) in a <mark>, and the trigger [ts, te) in bold inside it. */
  function markedText(text, start, end, ts, te) {
    var box = el("div", "doc-text");
    box.appendChild(document.createTextNode(text.slice(0, start)));
    var mark = el("mark");
    if (ts !== undefined && ts !== null && ts >= start && te <= end && te > ts) {
      mark.appendChild(document.createTextNode(text.slice(start, ts)));
      mark.appendChild(el("b", "trigger", text.slice(ts, te)));
      mark.appendChild(document.createTextNode(text.slice(te, end)));
    } else {
      mark.appendChild(document.createTextNode(text.slice(start, end)));
    }
    box.appendChild(mark);
    box.appendChild(document.createTextNode(text.slice(end)));
    return { box: box, mark: mark };
  }

  // the page's UI is English; each text says its own language (the document's, or Hangul in the text itself)
  function setLang(node, text, lang) {
    node.lang = lang || (/[\uac00-\ud7a3]/.test(text || "") ? "ko" : "en");
    return node;
  }

  function docBlock(docId, headLines, start, end, ts, te) {
    var block = el("div", "doc");
    block.dataset.document = docId;
    var body = el("p", "muted", "loading the article…");
    headLines.forEach(function (l) { block.appendChild(l); });
    block.appendChild(body);
    getDocument(docId).then(function (doc) {
      var h = el("h4", null, doc.title || doc.source || docId);
      var meta = el("div", "meta", [doc.published, doc.outlet, doc.url || doc.source, "doc " + doc.id]
        .filter(Boolean).join(" · "));
      var marked = markedText(doc.text || "", start, end, ts, te);
      setLang(h, h.textContent, doc.language || doc.lang);
      setLang(marked.box, doc.text, doc.language || doc.lang);
      block.replaceChild(marked.box, body);
      block.insertBefore(meta, marked.box);
      block.insertBefore(h, meta);
      var box = marked.box;
      box.scrollTop = Math.max(0, marked.mark.offsetTop - box.offsetTop - 40);
    }).catch(function (err) { body.textContent = "Could not load the article: " + err.message; });
    return block;
  }

  function showEvent(ev) {
    if (openEvent !== ev.id) { openEvent = ev.id; writeState(); }
    var body = $("evidence-body");
    $("evidence-hint").hidden = true;
    body.textContent = "";
    var head = el("div", "event-head");
    head.dataset.event = ev.id;
    var title = el("h3");
    title.appendChild(el("span", "tag " + quadClass(ev), ev.type + (ev.mode ? ":" + ev.mode : "")));
    title.appendChild(document.createTextNode(" " + who(ev)));
    head.appendChild(title);
    var facts = [
      ["date", ev.date ? ev.date + (ev.date_end ? " – " + ev.date_end : "") : "not given (first reported " +
        (ev.first_reported || "?") + ")"],
      ["status", ev.status], ["score", ev.score === null || ev.score === undefined ? "–" : String(ev.score)],
      ["quad", ev.quad || "–"], ["according to", list(ev.attributed_to).join(", ") || "the article itself"],
      ["reported by", (ev.n_documents || 0) + " document(s), " + (ev.n_outlets || 0) + " outlet(s)"],
      ["event id", ev.id]
    ];
    var dl = el("p", "meta");
    facts.forEach(function (f) {
      dl.appendChild(el("b", null, f[0] + ": "));
      dl.appendChild(document.createTextNode(f[1] + "   "));
    });
    head.appendChild(dl);
    if (ev.review) { head.appendChild(el("p", "reviewed", "reviewed: " + ev.review)); }
    body.appendChild(head);
    if (REVIEW_TOKEN) { body.appendChild(reviewForm(ev)); }
    var mentions = ev.mentions || [];
    if (!mentions.length) { body.appendChild(el("p", "empty", "No mentions stored for this event.")); }
    mentions.forEach(function (m) {
      var line = el("div", "meta");
      line.appendChild(el("span", "tag status" + (m.status === "occurred" ? " status-occurred" : ""),
        m.status || ev.status || "occurred"));
      line.appendChild(document.createTextNode(
        "according to " + (list(m.attributed_to).join(", ") || "the article") + " · trigger “" + (m.text || "") + "”"));
      var s = m.sentence_start !== undefined && m.sentence_start !== null ? m.sentence_start : m.start;
      var e = m.sentence_end !== undefined && m.sentence_end !== null ? m.sentence_end : m.end;
      body.appendChild(docBlock(m.document_id, [line], s, e, m.start, m.end));
    });
  }

  /* ---------- review (only when the server runs with --review) ---------- */
  var reviewMeta = document.querySelector("meta[name='sagwan-review']");
  var REVIEW_TOKEN = reviewMeta ? reviewMeta.content : null;
  var TYPES = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE", "REQUEST",
               "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"];
  var STATUSES = ["occurred", "intended", "planned", "expected", "alleged", "proposed", "denied", "hypothetical"];

  function choice(id, values, current) {
    var s = el("select");
    s.id = id;
    s.appendChild(el("option", null, "(keep)")).value = "";
    values.forEach(function (v) { var o = el("option", null, v); o.value = v; s.appendChild(o); });
    s.value = "";
    s.title = "now: " + current;
    return s;
  }

  function reviewForm(ev) {
    var form = el("form", "controls review-form");
    form.id = "review-form";
    var action = choice("review-action", ["correct", "wrong", "restore"], "");
    action.value = "correct";
    action.firstChild.remove();
    var type = choice("review-type", TYPES, ev.type);
    var status = choice("review-status", STATUSES, ev.status);
    var date = el("input");
    date.id = "review-date"; date.placeholder = "date YYYY-MM-DD"; date.size = 11;
    var reason = el("input");
    reason.id = "review-reason"; reason.placeholder = "reason (required)"; reason.required = true;
    var go = el("button", null, "Record review");
    go.type = "submit";
    [action, type, status, date, reason, go].forEach(function (x) { form.appendChild(x); });
    var out = el("span", "note");
    out.id = "review-result";
    form.appendChild(out);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var changes = {};
      if (action.value === "correct") {
        if (type.value) { changes.type = type.value; }
        if (status.value) { changes.status = status.value; }
        if (date.value) { changes.date = date.value; }
      }
      fetch("/api/review", {
        method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": REVIEW_TOKEN },
        body: JSON.stringify({ target: "event", id: ev.id, action: action.value, reason: reason.value,
                               changes: changes })
      }).then(function (r) {
        return r.json().then(function (b) {
          if (!r.ok) { throw new Error(typeof b.detail === "string" ? b.detail : JSON.stringify(b.detail)); }
          return b;
        });
      }).then(function (b) {
        out.textContent = "review " + b.id + " recorded";
        return api("events", { id: ev.id, limit: 1 }).then(function (page) {
          var evs = page.items;
          if (evs.length) { showEvent(evs[0]); $("review-result").textContent = "review " + b.id + " recorded"; }
          else { $("evidence-body").textContent = "Event " + ev.id + " is marked wrong and left the chronicle."; }
        });
      }).catch(function (err) { out.textContent = "refused: " + err.message; });
    });
    return form;
  }

  function showQuote(q) {
    var body = $("evidence-body");
    $("evidence-hint").hidden = true;
    body.textContent = "";
    var h = el("h3");
    h.appendChild(el("span", "tag", q.kind || "quote"));
    h.appendChild(document.createTextNode(" " + (q.speaker || q.speaker_text || "unknown speaker")));
    body.appendChild(h);
    var meta = el("p", "meta", [q.date ? "said " + q.date : null, q.via ? "via " + q.via : null, q.cue ? "cue “" + q.cue + "”" : null]
      .filter(Boolean).join(" · "));
    body.appendChild(docBlock(q.document_id, [meta], q.start, q.end));
  }

  /* ---------- state in the URL: a link reproduces the view, back/forward restore it ---------- */

  var URL_FIELDS = { q: "q", kind: "kind", a: "dyad-a", b: "dyad-b", by: "dyad-by",
                     ta: "tri-a", tb: "tri-b", tc: "tri-c", tby: "tri-by" };
  var openEvent = null;

  function readState() {
    var p = new URLSearchParams(window.location.search);
    Object.keys(URL_FIELDS).forEach(function (k) {
      if (p.has(k)) { $(URL_FIELDS[k]).value = p.get(k); }
    });
    openEvent = p.get("event");
  }

  function writeState(replace) {
    var p = new URLSearchParams();
    Object.keys(URL_FIELDS).forEach(function (k) {
      var v = $(URL_FIELDS[k]).value.trim();
      if (v) { p.set(k, v); }
    });
    if (openEvent) { p.set("event", openEvent); }
    var url = window.location.pathname + "?" + p.toString();
    if (url === window.location.pathname + window.location.search) { return; }
    if (replace) { history.replaceState(null, "", url); } else { history.pushState(null, "", url); }
  }

  /* ---------- result lists ---------- */

  function renderEvents(events, note) {
    var ul = $("results");
    ul.textContent = "";
    $("search-count").textContent = note || (events.length + " event(s)");
    events.forEach(function (ev) {
      var li = el("li", "event");
      li.dataset.id = ev.id;
      li.appendChild(el("span", "tag " + quadClass(ev), ev.type));
      li.appendChild(document.createTextNode(" " + who(ev) + " "));
      li.appendChild(el("span", "muted", (ev.date || "undated") + " · " + ev.status));
      var m = (ev.mentions || [])[0];
      if (m) {
        li.appendChild(document.createElement("br"));
        li.appendChild(setLang(el("span", "muted", "“" + (m.text || "") + "” — " + (m.title || m.source || m.document_id || "")),
                               (m.text || "") + (m.title || ""), m.language || m.lang));
      }
      li.addEventListener("click", function () {
        Array.prototype.forEach.call(ul.children, function (x) { x.classList.remove("active"); });
        li.classList.add("active");
        showEvent(ev);
      });
      ul.appendChild(li);
    });
    if (!events.length) { ul.appendChild(el("li", "empty", "Nothing found.")); }
  }

  function renderQuotes(quotes) {
    var ul = $("results");
    ul.textContent = "";
    $("search-count").textContent = quotes.length + " quote(s)";
    quotes.forEach(function (q) {
      var li = el("li", "quote");
      li.appendChild(el("span", "tag", q.speaker || q.speaker_text || "?"));
      li.appendChild(setLang(el("span", null, " “" + q.text + "” "), q.text, q.language || q.lang));
      li.appendChild(el("span", "muted", q.date || ""));
      li.addEventListener("click", function () { showQuote(q); });
      ul.appendChild(li);
    });
    if (!quotes.length) { ul.appendChild(el("li", "empty", "Nothing found.")); }
  }

  function showEventIds(ids, note) {
    if (!ids || !ids.length) { renderEvents([], note + ": no events"); return; }
    // the ids come from a chart that has applied its own filter: look every one of them up
    api("events", { id: ids.join(","), all_statuses: "true", limit: 5000 }).then(function (page) {
      var evs = page.items;
      renderEvents(evs, note + ": " + evs.length + " event(s)");
      if (evs.length) { showEvent(evs[0]); }
    }).catch(function (err) { showError($("results"), err); });
  }

  /* ---------- panels ---------- */

  function search(e) {
    if (e) { e.preventDefault(); }
    var q = $("q").value.trim();
    if ($("kind").value === "quotes") {
      api("quotes", { q: q, limit: 200 }).then(renderQuotes).catch(function (err) { showError($("results"), err); });
    } else {
      api("events", { q: q, limit: 200 }).then(function (page) {
        renderEvents(page.items, page.total > page.items.length ?
          "first " + page.items.length + " of " + page.total + " events" : undefined);
      })
        .catch(function (err) { showError($("results"), err); });
    }
  }

  function drawDyad(e) {
    if (e) { e.preventDefault(); }
    var a = $("dyad-a").value.trim().toUpperCase(), b = $("dyad-b").value.trim().toUpperCase();
    api("dyad", { a: a, b: b, by: $("dyad-by").value }).then(function (s) {
      C.dyad($("dyad"), s, function (period, dir, ids) { showEventIds(ids, dir.replace(">", "→") + " " + period); });
    }).catch(function (err) { showError($("dyad"), err); });
  }

  function drawTriangle(e) {
    if (e) { e.preventDefault(); }
    var m = ["tri-a", "tri-b", "tri-c"].map(function (id) { return $(id).value.trim().toUpperCase(); });
    api("triangle", { a: m[0], b: m[1], c: m[2], by: $("tri-by").value, min_events: $("tri-min").value,
                      memory: $("tri-memory").value,
                      neutral_band: $("tri-band").value }).then(function (t) {
      function pick(w) {
        var ids = [];
        w.ties.forEach(function (tie) { ids = ids.concat(tie.event_ids); });
        showEventIds(ids, m.join("–") + " " + w.period + " (" + w.name + ")");
      }
      C.triangleStrip($("triangle-strip"), t, pick);
      C.triangleCards($("triangle-cards"), t, pick);
      if (!t.windows.length) { $("triangle-cards").appendChild(el("p", "empty", "No events between these three.")); }
    }).catch(function (err) { showError($("triangle-cards"), err); });
  }

  function drawNetwork() {
    api("network", {}).then(function (net) {
      C.network($("network"), net, function (d) {
        if (d.event_ids) { showEventIds(d.event_ids, d.source + "→" + d.target); return; }
        if (d.id) {   // a node: the events its actor takes part in
          api("events", { q: d.id, limit: 200 }).then(function (page) { renderEvents(page.items, (d.label_text || d.id) + " (" + d.id + ")"); })
            .catch(function (err) { showError($("results"), err); });
        }
      });
    }).catch(function (err) { showError($("network"), err); });
  }

  /* "New since …": the alerts of the last `sagwan watch` round; the panel stays hidden without a watcher. */
  function showAlerts() {
    api("alerts", {}).then(function (r) {
      if (!r.last_round && !r.alerts.length) { return; }
      $("alerts-panel").hidden = false;
      $("alerts-since").textContent = r.since || "the start";
      var ul = $("alerts");
      r.alerts.forEach(function (a) {
        var ev = a.event, first = (a.reports || [])[0] || {};
        var li = el("li");
        li.dataset.event = ev.id;
        li.appendChild(el("span", "tag " + quadClass(ev), ev.type));
        li.appendChild(document.createTextNode(" " + who(ev) + " · " + (ev.date || "undated") + " · " + ev.status +
          " · " + a.rules.join(", ") + " · " + (first.title || first.source || "")));
        li.addEventListener("click", function () { showEventIds([ev.id], "alert " + a.id); });
        ul.appendChild(li);
      });
      if (!r.alerts.length) { ul.appendChild(el("li", "empty", "No new alerts.")); }
    }).catch(function () {});
  }

  function start() {
    showAlerts();
    api("summary").then(function (s) {
      var shown = ["documents", "events", "quotes", "actors", "failures"];
      var parts = shown.filter(function (k) { return typeof s[k] === "number"; })
        .map(function (k) { return s[k] + " " + k; });
      $("summary").textContent = parts.join(" · ");
    }).catch(function () {});
    api("actors").then(function (actors) {
      var dl = $("actor-ids");
      actors.forEach(function (a) {
        var o = document.createElement("option");
        o.value = a.id;
        o.label = a.name || a.id;
        dl.appendChild(o);
      });
    }).catch(function () {});
    api("timeline", { by: "month" }).then(function (t) {
      C.timeline($("timeline"), t, function (period, ids) { showEventIds(ids, period); });
    }).catch(function (err) { showError($("timeline"), err); });
    function submitted(draw) {
      return function (e) { draw(e); writeState(); };
    }
    $("search-form").addEventListener("submit", submitted(search));
    $("dyad-form").addEventListener("submit", submitted(drawDyad));
    $("triangle-form").addEventListener("submit", submitted(drawTriangle));
    function restore() {
      readState();
      search();
      drawDyad();
      drawTriangle();
      if (openEvent) { showEventIds([openEvent], "linked event"); }
    }
    window.addEventListener("popstate", restore);
    restore();
    writeState(true);
    drawNetwork();
    document.body.dataset.ready = "1";
  }

  // The charts draw on canvas: wait for the vendored Hangul font, or Korean labels are drawn as boxes.
  document.addEventListener("DOMContentLoaded", function () {
    if (!document.fonts || !document.fonts.load) { start(); return; }
    document.fonts.load("14px 'Sagwan Hangul'", "가").then(start, start);
  });
})();
