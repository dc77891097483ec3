/* sagwan report: draws the charts from the JSON embedded in the page. Clicking a point jumps to
   its evidence table further down. */
(function () {
  "use strict";
  var C = window.SagwanCharts;
  var data = JSON.parse(document.getElementById("report-data").textContent);

  function jump(id) {
    var target = document.getElementById(id);
    if (target) { target.scrollIntoView({ block: "start" }); window.location.hash = id; }
  }
  function byId(id) { return document.getElementById(id); }

  // The charts draw on canvas: wait for the vendored Hangul font, or Korean labels are drawn as boxes.
  function whenFontReady(draw) {
    if (!document.fonts || !document.fonts.load) { draw(); return; }
    document.fonts.load("14px 'Sagwan Hangul'", "가").then(draw, draw);
  }

  whenFontReady(function () {
  if (byId("timeline")) { C.timeline(byId("timeline"), data.timeline); }
  data.dyads.forEach(function (d) {
    var el = byId("chart-" + d.key);
    if (el) {
      C.dyad(el, d.series, function (period) { jump("evidence-" + d.key + "-" + period); });
    }
  });
  if (data.triangle && byId("triangle-strip")) {
    var pick = function (w) { jump("tri-" + w.period); };
    C.triangleStrip(byId("triangle-strip"), data.triangle, pick);
    C.triangleCards(byId("triangle-cards"), data.triangle, pick);
  }
  if (byId("network")) { C.network(byId("network"), data.network); }
  document.body.dataset.ready = "1";
  });
})();
