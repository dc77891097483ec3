/* Starts Swagger UI on /docs. A file, not an inline script: the app's CSP allows scripts from this
   server only. The schema is read from the same server (no CDN, no outside validator). */
(function () {
  "use strict";
  window.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("swagger-ui");
    window.ui = window.SwaggerUIBundle({
      url: root.getAttribute("data-spec"),
      dom_id: "#swagger-ui",
      deepLinking: true,
      validatorUrl: null,
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
      onComplete: function () { document.body.setAttribute("data-ready", "1"); }
    });
  });
})();
