// The connectivity test page: tell the laptop this phone reached it, and say so.
"use strict";
(function () {
  var en = (navigator.language || "").toLowerCase().indexOf("en") === 0;
  var text = en ? {
    title: "Connection test",
    ok: "It works: this phone reached the laptop. You can close this page.",
    bad: "The laptop answered, but this test code is no longer valid. Ask for a new test code."
  } : {
    title: "Verbindingstest",
    ok: "Gelukt: deze telefoon bereikt de laptop. U kunt deze pagina sluiten.",
    bad: "De laptop antwoordt, maar deze testcode is niet meer geldig. Vraag om een nieuwe testcode."
  };
  document.documentElement.lang = en ? "en" : "nl";
  document.title = text.title;
  document.getElementById("probe-title").textContent = text.title;
  var status = document.getElementById("probe-status");
  var nonce = location.pathname.split("/").pop();
  fetch("/api/probe/" + encodeURIComponent(nonce), {
    method: "POST", headers: {"Content-Type": "application/json"}, body: "{}"
  }).then(function (r) {
    status.textContent = r.ok ? text.ok : text.bad;
  }, function () {
    status.textContent = text.bad;
  });
})();
