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
    mine: new Map(), others: new Map(), count: 0, retry: {}, editText: "",
    es: null, pollTimer: null, flushTimer: null, flushing: false,
    timerTick: null, clockOffset: 0, editing: null, refetchTimer: null, connected: true,
    votes: {}, votesDirty: false, voteTimer: null, voteSaving: false, voteTries: 0, voteSent: null,
    groups: [], timerWasRunning: false, openSamples: new Set(),
    address: document.documentElement.getAttribute("data-address") === "u" ? "u" : "je",
    // wid: the workshop this phone's seat (token, outbox) belongs to; here: the workshop
    // the laptop last answered for (every answer says, X-Workshop). They differ while the
    // laptop is on another workshop: the phone then waits (away) and drops nothing.
    wid: "", here: "", away: false, awayTries: 0, awayTimer: null, otherWid: "", otherTitle: "",
    // snapshots: /api/state requests on their way; learned: what the page learned about
    // the notes meanwhile (live.js learn), replayed on top of a snapshot that may be older.
    snapshots: 0, learned: [],
  };
  S.wid = S.here = document.documentElement.getAttribute("data-workshop") || "";

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
  // Every key of a seat names its workshop and table: fac.KIND.WID.CODE. A laptop that
  // opens another workshop file cannot make a phone overwrite or lose the first one's.
  var SCOPED = ["token", "draft", "joinid", "votes"];
  function scoped(kind, wid, code) { return "fac." + kind + "." + wid + "." + code; }
  var K = {
    token: function () { return scoped("token", S.wid, S.code); },
    tokenOf: function (wid, code) { return scoped("token", wid, code); },
    draft: function () { return scoped("draft", S.wid, S.code); },  // {round, text}: one round's
    // This browser at that table of the workshop the laptop is on now.
    joinId: function (code) { return scoped("joinid", S.here, code); },
    votes: function () { return scoped("votes", S.wid, S.code); },  // {round, dots}: not yet saved
    title: function (wid) { return "fac.ws." + wid; },  // the workshop's title, for "waiting for"
    last: "fac.last",  // {wid, code}: the seat this phone was at last
  };

  // -- the outbox: one key per note, so two tabs never overwrite each other's --------
  // fac.ob.WID.CODE.CID = {wid, code, round, cid, text, at, error}. An item leaves only after a
  // 2xx for its client_note_id, written by whichever tab got it. Where localStorage is
  // off, the same items live in memory for as long as the page is open.

  var OB = "fac.ob.", memory = {}, disk = null;
  function diskWorks() {
    if (disk === null) {
      try { localStorage.setItem("fac.probe", "1"); localStorage.removeItem("fac.probe"); disk = true; }
      catch (e) { disk = false; }
    }
    return disk;
  }
  function obKey(item) { return OB + item.wid + "." + item.code + "." + item.cid; }
  function obPut(item) {
    if (diskWorks()) store(obKey(item), item); else memory[obKey(item)] = item;
  }
  function obDel(item) {
    if (diskWorks()) store(obKey(item), null); else delete memory[obKey(item)];
  }
  function obAll(code) {  // oldest first; every seat's, or one table's of this workshop
    var out = [];
    if (diskWorks()) {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key && key.indexOf(OB) === 0) { var v = load(key, null); if (v && v.cid) out.push(v); }
      }
    } else {
      Object.keys(memory).forEach(function (k) { out.push(memory[k]); });
    }
    return out.filter(function (i) { return !code || i.code === code && i.wid === S.wid; })
      .sort(function (a, b) { return a.at - b.at; });
  }
  function obMigrate(code) {  // the one-array outbox of earlier versions, once
    var old = load("fac.outbox." + code, null);
    if (!old) return;
    old.forEach(function (i, n) {
      obPut({ wid: S.wid, code: code, round: null, cid: i.cid, text: i.text, at: n,
              error: i.error || null });
    });
    store("fac.outbox." + code, null);
  }

  // -- a seat's keys: from the versions without a workshop id, and to a new id --------

  function adoptLegacy() {
    // Keys of the page before workshops had ids (fac.token.CODE, fac.ob.CODE.CID, ...)
    // belong to the workshop serving this page when CODE is one of its tables (codes are
    // random per workshop); others stay as they are.
    if (!S.wid || !diskWorks()) return;
    var codes = {};
    var radios = document.querySelectorAll("#group-list input");
    for (var r = 0; r < radios.length; r++) codes[radios[r].value] = true;
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
    keys.forEach(function (key) {
      var parts = key.split(".");
      if (parts[0] !== "fac") return;
      if (parts.length === 3 && SCOPED.indexOf(parts[1]) >= 0 && codes[parts[2]]) {
        store(scoped(parts[1], S.wid, parts[2]), load(key, null));
        store(key, null);
      } else if (parts.length === 4 && parts[1] === "ob" && codes[parts[2]]) {
        var item = load(key, null);
        store(key, null);
        if (item && item.cid) { item.wid = S.wid; obPut(item); }
      }
    });
    var last = load(K.last, null);
    if (typeof last === "string") store(K.last, codes[last] ? { wid: S.wid, code: last } : null);
  }

  function rekey(from, to) {
    // The laptop knows this phone's token but names its workshop differently (a file
    // recovered from a backup of an older version): a token that works is this
    // workshop's, so the seat moves to the new name.
    if (!diskWorks() || from === to) return;
    var keys = [];
    for (var i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
    keys.forEach(function (key) {
      var parts = key.split(".");
      if (parts[0] !== "fac" || parts[2] !== from) return;
      var value = load(key, null);
      store(key, null);
      if (parts[1] === "ob" && value) { value.wid = to; obPut(value); }
      else { parts[2] = to; store(parts.join("."), value); }
    });
    var title = load(K.title(from), null);
    if (title) { store(K.title(to), title); store(K.title(from), null); }
    var last = load(K.last, null);
    if (last && last.wid === from) store(K.last, { wid: to, code: last.code });
    S.wid = to;
  }

  function seatFor(code) {
    // This browser's token for a table: of the workshop the laptop is on, else of any.
    var own = load(K.tokenOf(S.here, code), null);
    if (own && own.token) return { wid: S.here, token: own.token };
    if (!diskWorks()) return null;
    for (var i = 0; i < localStorage.length; i++) {
      var parts = (localStorage.key(i) || "").split(".");
      if (parts.length === 4 && parts[0] === "fac" && parts[1] === "token" && parts[3] === code) {
        var saved = load(localStorage.key(i), null);
        if (saved && saved.token) return { wid: parts[2], token: saved.token };
      }
    }
    return null;
  }

  // -- what a person sees as one character (a family emoji is one) ---------------------

  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter ? new Intl.Segmenter() : null;
  // Without Intl.Segmenter (older Safari, Firefox < 125): code points, with combining
  // marks, variation selectors, skin tones, ZWJ sequences and flag pairs folded in.
  var EXTEND = /^[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\u200c\u200d]$|^\ud83c[\udffb-\udfff]$|^\udb40[\udc20-\udc7f]$/;
  var REGIONAL = /^\ud83c[\udde6-\uddff]$/;
  function graphemes(text) {
    if (segmenter) { var n = 0; for (var part of segmenter.segment(text)) { n += part ? 1 : 0; } return n; }
    var count = 0, prev = "", flag = false;
    Array.from(text).forEach(function (ch) {
      var joins = count && (EXTEND.test(ch) || prev === "\u200d" && ch.codePointAt(0) >= 0x2600);
      var pair = REGIONAL.test(ch) && flag;
      flag = REGIONAL.test(ch) && !pair && !joins;
      if (!joins && !pair) count += 1;
      prev = ch;
    });
    return count;
  }

  // -- language ---------------------------------------------------------------

  // One language at a time: the page speaks the workshop's language (the server marks
  // the page data-language="en", and /api/state says workshop.language), whatever the
  // browser's, so the chrome matches the questions; a person's own choice (the EN/NL
  // button, kept in fac.lang) wins.
  function pickLanguage(workshopLanguage) {
    var saved = load("fac.lang", null);
    if (saved === "nl" || saved === "en") return saved;
    var given = workshopLanguage || document.documentElement.getAttribute("data-language");
    return given === "en" ? "en" : "nl";
  }
  function t(key, vars) {
    var table = window.I18N[S.lang] || window.I18N.nl;
    var text = table[key] !== undefined ? table[key] : (window.I18N.nl[key] || key);
    if (S.lang === "nl" && S.address === "u" && window.I18N.nl_u[key] !== undefined) text = window.I18N.nl_u[key];
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

  function api(method, path, body, token) {
    var headers = { "Accept": "application/json" };
    token = token || S.token;
    if (token) headers["Authorization"] = "Bearer " + token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    var ctrl = new AbortController();
    var timer = setTimeout(function () { ctrl.abort(); }, 15000);
    return fetch(path, {
      method: method, headers: headers, cache: "no-store", signal: ctrl.signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        clearTimeout(timer);
        // The laptop answered: whatever waits for it can go now, not at its backoff.
        if (F.reachable) setTimeout(F.reachable, 0);
        var wid = res.headers.get("X-Workshop") || "";
        if (wid) S.here = wid;  // which workshop the laptop is on now
        return { status: res.status, data: data, workshop: wid,
                 retryAfter: Number(res.headers.get("Retry-After")) || 0 };
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

  F.adoptLegacy = adoptLegacy;
  F.rekey = rekey;
  F.seatFor = seatFor;
  F.announce = announce;
  F.graphemes = graphemes;
  F.obAll = obAll;
  F.obDel = obDel;
  F.obMigrate = obMigrate;
  F.obPut = obPut;
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
