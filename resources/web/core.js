/* Shared ground of the phone page: state, storage, language, HTTP, DOM helpers.
 * Files (in order, `defer`): i18n, core, join, vote, notes, live, app; one job each,
 * meeting in window.FAC (call another file's function as F.name()). User text is set
 * with textContent only, never as HTML.
 */
"use strict";
(function () {
  var F = window.FAC = {};
  var $ = F.$ = function (id) { return document.getElementById(id); };
  var S = F.S = {
    max: 280, lang: "nl", code: null, token: null, state: null, seq: "",
    mine: new Map(), others: new Map(), count: 0, outbox: [],
    es: null, pollTimer: null, flushTimer: null, flushing: false,
    timerTick: null, clockOffset: 0, editing: null, refetchTimer: null, connected: true,
    votes: {}, votesDirty: false, voteTimer: null, voteSaving: false, voteTries: 0, voteSent: null,
    groups: [], timerWasRunning: false,
  };

  // -- storage ----------------------------------------------------------------

  function load(key, fallback) {
    try { var v = localStorage.getItem(key); return v === null ? fallback : JSON.parse(v); }
    catch (e) { return fallback; }
  }
  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* storage full or disabled: the page still works while open */ }
  }
  var K = {
    token: function () { return "fac.token." + S.code; },
    outbox: function () { return "fac.outbox." + S.code; },
    draft: function () { return "fac.draft." + S.code; },
    votes: function () { return "fac.votes." + S.code; },  // {round, dots}: not yet saved
  };

  // -- language ---------------------------------------------------------------

  function pickLanguage() {
    var saved = load("fac.lang", null);
    if (saved === "nl" || saved === "en") return saved;
    var prefs = navigator.languages || [navigator.language || "nl"];
    for (var i = 0; i < prefs.length; i++) {
      var p = String(prefs[i]).toLowerCase();
      if (p.indexOf("nl") === 0) return "nl";
      if (p.indexOf("en") === 0) return "en";
    }
    return "nl";
  }
  function t(key, vars) {
    var table = window.I18N[S.lang] || window.I18N.nl;
    var text = table[key] !== undefined ? table[key] : (window.I18N.nl[key] || key);
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return vars && vars[name] !== undefined ? String(vars[name]) : m;
    });
  }
  function errorText(code, context) {
    // A refusal reads differently where it happens: "too long" on joining is the name.
    var keys = context ? ["err_" + context + "_" + code, "err_" + code] : ["err_" + code];
    for (var i = 0; i < keys.length; i++) {
      if (window.I18N.nl[keys[i]] !== undefined) return t(keys[i], { max: S.max });
    }
    return t("err_other", { code: code });
  }
  function applyLanguage() {
    document.documentElement.lang = S.lang;
    var nodes = document.querySelectorAll("[data-i18n]");
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].dataset.i18n);
    $("lang").textContent = t("langToggle");
    $("lang").setAttribute("aria-label", t("langToggleLabel"));
    $("lang").lang = t("langTarget");  // read out in the language it switches to
    $("code-label").textContent = t(S.groups.length ? "codeLabelOr" : "codeLabel");
    F.render();
  }

  function announce(text) {
    var region = $("status");
    region.textContent = "";
    setTimeout(function () { region.textContent = text; }, 50);
  }

  // -- HTTP -------------------------------------------------------------------

  function api(method, path, body) {
    var headers = { "Accept": "application/json" };
    if (S.token) headers["Authorization"] = "Bearer " + S.token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    var ctrl = new AbortController();
    var timer = setTimeout(function () { ctrl.abort(); }, 15000);
    return fetch(path, {
      method: method, headers: headers, cache: "no-store", signal: ctrl.signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        clearTimeout(timer);
        return { status: res.status, data: data, retryAfter: Number(res.headers.get("Retry-After")) || 0 };
      });
    }, function () {
      clearTimeout(timer);
      return { status: 0, data: { error: { code: "network" } }, retryAfter: 0 };
    });
  }
  function codeOf(res) { return (res.data && res.data.error && res.data.error.code) || "other"; }

  // -- ids --------------------------------------------------------------------

  function newClientId() {
    // crypto.randomUUID is missing on plain http; getRandomValues works everywhere.
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    var out = "";
    for (var i = 0; i < bytes.length; i++) out += ("0" + bytes[i].toString(16)).slice(-2);
    return out;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function button(label, onClick) {
    var b = el("button", "link", label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function setError(id, message) {
    $(id).textContent = message;
    $(id).hidden = !message;
  }

  F.announce = announce;
  F.api = api;
  F.applyLanguage = applyLanguage;
  F.button = button;
  F.codeOf = codeOf;
  F.el = el;
  F.errorText = errorText;
  F.load = load;
  F.newClientId = newClientId;
  F.pickLanguage = pickLanguage;
  F.setError = setError;
  F.store = store;
  F.t = t;
  F.K = K;
})();
