/* The phone page: join a group, write notes that are never lost, follow the group live.
 *
 * Notes go through an OUTBOX in localStorage: an item leaves it only after the laptop
 * answered 2xx for its client_note_id, so a dropped Wi-Fi, a reload or a crashed
 * browser never loses a note, and the server's idempotency makes retries safe.
 * All user text is rendered with textContent: nothing anyone types is ever HTML.
 */
"use strict";
(function () {
  var MAX = 280;
  var POLL_MS = 5000;
  var RETRY_CAP_MS = 30000;
  var $ = function (id) { return document.getElementById(id); };

  var S = {
    lang: "nl", code: null, token: null, state: null, seq: "",
    mine: new Map(), others: new Map(), count: 0, outbox: [],
    es: null, pollTimer: null, flushTimer: null, flushing: false,
    timerTick: null, clockOffset: 0, editing: null, refetchTimer: null, connected: true,
    votes: {}, votesDirty: false, voteTimer: null, voteSaving: false, voteTries: 0,
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
      if (window.I18N.nl[keys[i]] !== undefined) return t(keys[i], { max: MAX });
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
    render();
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

  // -- screens ----------------------------------------------------------------

  function show(screen) {
    $("join-screen").hidden = screen !== "join";
    $("round-screen").hidden = screen !== "round";
    $("leave").hidden = screen !== "round";
  }

  function codeFromPath() {
    var m = /^\/j\/([^/?#]+)/.exec(location.pathname);
    return m ? decodeURIComponent(m[1]).toUpperCase().replace(/[\s-]/g, "") : null;
  }

  function showJoin(message) {
    show("join");
    var profile = load("fac.profile", {});
    if (S.code && !$("code").value) $("code").value = S.code;
    if (!$("name").value) $("name").value = profile.name || "";
    if (!$("org").value) $("org").value = profile.org || "";
    setError("join-error", message || "");
    syncPicker();
    loadEvent();
  }

  // -- the event-wide page: pick a table from the list, or type its code ----------

  function loadEvent() {
    api("GET", "/api/event").then(function (res) {
      if (res.status !== 200 || !res.data.groups) return;  // typing the code still works
      S.groups = res.data.groups;
      if (!S.state) $("event-title").textContent = res.data.workshop.title;
      renderPicker();
    });
  }

  function renderPicker() {
    var list = $("group-list");
    list.replaceChildren();
    S.groups.forEach(function (g, i) {
      var label = el("label", "group-option");
      var radio = el("input");
      radio.type = "radio";
      radio.name = "group";
      radio.id = "group-" + i;
      radio.value = g.code;
      radio.addEventListener("change", function () {
        $("code").value = g.code;
        setError("join-error", "");
      });
      label.appendChild(radio);
      label.appendChild(el("span", "group-option-name", g.name));
      list.appendChild(label);
    });
    $("picker").hidden = !S.groups.length;
    $("code-label").textContent = t(S.groups.length ? "codeLabelOr" : "codeLabel");
    syncPicker();
  }

  function normalCode(value) { return value.trim().toUpperCase().replace(/[\s-]/g, ""); }

  function syncPicker() {
    // The typed code and the list are one choice: a code of a listed table checks it.
    var code = normalCode($("code").value);
    var radios = document.querySelectorAll("#group-list input");
    for (var i = 0; i < radios.length; i++) radios[i].checked = radios[i].value === code;
  }

  function setError(id, message) {
    $(id).textContent = message;
    $(id).hidden = !message;
  }

  function onJoin(ev) {
    ev.preventDefault();
    var code = normalCode($("code").value);
    if (!code) { setError("join-error", errorText("missing_field", "join")); $("code").focus(); return; }
    var name = $("name").value.trim(), org = $("org").value.trim();
    store("fac.profile", { name: name, org: org });
    $("join-button").disabled = true;
    $("join-button").textContent = t("joining");
    S.token = null;
    api("POST", "/api/join", { code: code, name: name, organisation: org }).then(function (res) {
      $("join-button").disabled = false;
      $("join-button").textContent = t("joinButton");
      if (res.status !== 201) { setError("join-error", errorText(codeOf(res), "join")); return; }
      S.code = res.data.group.code;
      S.token = res.data.token;
      store(K.token(), { token: S.token });
      store("fac.last", S.code);
      if (location.pathname !== "/j/" + S.code) history.replaceState(null, "", "/j/" + S.code);
      announce(t("joined", { group: res.data.group.name }));
      enterGroup();
    });
  }

  function leave() {
    closeStream();
    stopPolling();
    store("fac.last", null);
    S.token = null; S.state = null; S.mine.clear(); S.others.clear();
    history.replaceState(null, "", "/");
    $("code").value = "";
    $("group-name").hidden = true;
    showJoin("");
  }

  function enterGroup() {
    show("round");
    S.outbox = load(K.outbox(), []);
    S.outbox.forEach(function (i) { i.next = 0; });  // a (re)load is a moment to retry
    var draft = load(K.draft(), "");
    if (draft && !$("note-text").value) $("note-text").value = draft;
    updateCounter();
    render();
    refetch().then(function () { connectStream(); flush(); });
  }

  // -- state ------------------------------------------------------------------

  function refetch() {
    return api("GET", "/api/state").then(function (res) {
      if (res.status === 200) { applyState(res.data); return; }
      if (res.status === 401) { forgetToken(); return; }
      setConnection(false);
    });
  }

  function refetchSoon() {
    // Hundreds of phones hear the same event: spread their reloads over a second or two.
    clearTimeout(S.refetchTimer);
    S.refetchTimer = setTimeout(refetch, Math.random() * 1500);
  }

  function forgetToken() {
    store(K.token(), null);
    closeStream();
    stopPolling();
    S.token = null;
    showJoin(errorText("unknown_token"));
  }

  function applyState(data) {
    S.state = data;
    S.seq = data.seq;
    MAX = data.limits.note_max_chars;
    S.clockOffset = data.round ? data.round.timer.now * 1000 - Date.now() : 0;
    S.mine = new Map(data.notes.mine.map(function (n) { return [n.id, n]; }));
    S.others = new Map((data.notes.others || []).map(function (n) { return [n.id, n]; }));
    S.count = data.notes.count;
    if (data.vote) {
      var keys = new Set(data.vote.items.map(function (i) { return i.key; }));
      // A choice not yet through to the laptop wins over what the laptop last stored.
      var base = S.votesDirty || S.voteSaving ? S.votes : data.vote.mine;
      S.votes = {};
      Object.keys(base).forEach(function (k) { if (keys.has(k) && base[k] > 0) S.votes[k] = base[k]; });
    } else {
      S.votes = {}; S.votesDirty = false;
      clearTimeout(S.voteTimer); S.voteTimer = null;
    }
    setConnection(true);
    render();
  }

  function applyBatch(events) {
    var st = S.state;
    if (!st) return;
    events.forEach(function (e) {
      if (e.t === "note") {
        if (S.mine.has(e.note.id)) {
          var mine = S.mine.get(e.note.id);
          e.note.client_note_id = mine.client_note_id;
          S.mine.set(e.note.id, e.note);
        } else if (st.round && st.round.others_shown) {
          S.others.set(e.note.id, e.note);
        }
      } else if (e.t === "merged") {
        S.others.delete(e.id);
      } else if (e.t === "removed") {
        S.mine.delete(e.id);
        S.others.delete(e.id);
      } else if (e.t === "count") {
        S.count = e.count;
      } else if (e.t === "phase" && st.round) {
        st.round.phase = e.phase;
        st.round.others_shown = e.others_shown;
        announce(t("announcePhase", { phase: t("phase_" + e.phase) }));
        refetchSoon();
      } else if (e.t === "timer" && st.round) {
        st.round.timer = e.timer;
        S.clockOffset = e.timer.now * 1000 - Date.now();
      } else if (e.t === "round") {
        announce(t("announceRound"));
        refetchSoon();
      } else if (e.t === "refresh") {
        refetchSoon();
      }
    });
    render();
  }

  // -- live stream, with polling as the fallback ----------------------------------

  function connectStream() {
    closeStream();
    if (!S.token || typeof EventSource === "undefined") { startPolling(); return; }
    var url = "/api/events?token=" + encodeURIComponent(S.token) + "&last=" + encodeURIComponent(S.seq);
    var es = new EventSource(url);
    S.es = es;
    es.addEventListener("hello", function () { stopPolling(); setConnection(true); });
    es.addEventListener("batch", function (e) {
      S.seq = e.lastEventId || S.seq;
      try { applyBatch(JSON.parse(e.data).events); } catch (err) { refetchSoon(); }
    });
    es.addEventListener("reset", function () { refetchSoon(); stopPolling(); setConnection(true); });
    es.onerror = function () {
      // The browser reconnects by itself (sending Last-Event-ID); poll meanwhile.
      startPolling();
      if (es.readyState === EventSource.CLOSED && S.es === es) {
        S.es = null;
        setTimeout(function () { if (S.token && !S.es) refetch().then(connectStream); }, 10000);
      }
    };
  }
  function closeStream() { if (S.es) { S.es.close(); S.es = null; } }
  function startPolling() {
    if (S.pollTimer) return;
    S.pollTimer = setInterval(function () { if (S.token) refetch(); }, POLL_MS);
  }
  function stopPolling() { clearInterval(S.pollTimer); S.pollTimer = null; }

  function setConnection(ok) {
    S.connected = ok;
    var waiting = S.outbox.filter(function (i) { return !i.error; }).length;
    var el = $("connection");
    if (!ok || !navigator.onLine) {
      var queued = waiting === 1 ? t("pending1") : t("pending", { n: waiting });
      el.textContent = t("offline") + (waiting ? " " + queued : "");
      el.hidden = false;
    } else {
      el.hidden = true;
    }
  }

  // -- the outbox ---------------------------------------------------------------

  function saveOutbox() { store(K.outbox(), S.outbox); }

  function onSend(ev) {
    ev.preventDefault();
    var text = $("note-text").value.trim();
    if (!text) { setError("note-error", errorText("empty")); return; }
    if (Array.from(text).length > MAX) { setError("note-error", errorText("too_long")); return; }
    setError("note-error", "");
    // Into the outbox (on disk) first; only then is the draft cleared.
    S.outbox.push({ cid: newClientId(), text: text, tries: 0, next: 0, error: null });
    saveOutbox();
    $("note-text").value = "";
    store(K.draft(), null);
    updateCounter();
    announce(t("announceQueued"));
    render();
    flush();
  }

  function flush() {
    if (S.flushing || !S.token) return;
    clearTimeout(S.flushTimer);
    S.flushTimer = null;
    var now = Date.now();
    var item = S.outbox.find(function (i) { return !i.error && i.next <= now; });
    if (!item) { scheduleFlush(); return; }
    S.flushing = true;
    api("POST", "/api/notes", { client_note_id: item.cid, text: item.text }).then(function (res) {
      S.flushing = false;
      handleSent(item, res);
      flush();
    });
  }

  function handleSent(item, res) {
    var index = S.outbox.indexOf(item);
    if (res.status === 200 || res.status === 201) {
      if (index >= 0) S.outbox.splice(index, 1);
      saveOutbox();
      S.others.delete(res.data.note.id);
      S.mine.set(res.data.note.id, res.data.note);
      if (res.status === 201) S.count += 1;
      announce(t("announceSaved"));
      setConnection(true);
    } else if (res.status === 401) {
      forgetToken();  // the outbox stays: it is sent once this phone has joined again
    } else if (res.status === 429 || res.status === 503) {
      item.next = Date.now() + Math.max(1, res.retryAfter) * 1000;
      saveOutbox();
    } else if (res.status >= 400 && res.status < 500) {
      item.error = codeOf(res);  // kept, with its text, until the person decides
      saveOutbox();
    } else {
      // Network or server trouble: capped exponential backoff with jitter.
      item.tries += 1;
      var delay = Math.min(RETRY_CAP_MS, 1000 * Math.pow(2, item.tries));
      item.next = Date.now() + delay * (0.5 + Math.random() * 0.5);
      saveOutbox();
      setConnection(false);
    }
    render();
  }

  function scheduleFlush() {
    var waiting = S.outbox.filter(function (i) { return !i.error; });
    if (!waiting.length) return;
    var soonest = Math.min.apply(null, waiting.map(function (i) { return i.next; }));
    S.flushTimer = setTimeout(flush, Math.max(100, soonest - Date.now()));
  }

  function retryNow() {
    S.outbox.forEach(function (i) { if (!i.error) { i.next = 0; } });
    flush();
  }

  function backToDraft(item) {
    var box = $("note-text");
    box.value = box.value ? box.value + "\n" + item.text : item.text;
    store(K.draft(), box.value);
    dropItem(item);
    updateCounter();
    box.focus();
  }
  function dropItem(item) {
    S.outbox = S.outbox.filter(function (i) { return i !== item; });
    saveOutbox();
    render();
  }

  // -- my notes: edit and delete while collecting ----------------------------------

  function saveEdit(note, text) {
    api("PATCH", "/api/notes/" + note.id, { text: text }).then(function (res) {
      if (res.status === 200) {
        res.data.note.client_note_id = note.client_note_id;
        S.mine.set(note.id, res.data.note);
        S.editing = null;
        announce(t("announceSaved"));
      } else if (res.status === 401) { forgetToken(); return; }
      else { setError("note-error", errorText(codeOf(res))); }
      render();
    });
  }

  function deleteNote(note) {
    if (!window.confirm(t("confirmDelete"))) return;
    api("DELETE", "/api/notes/" + note.id).then(function (res) {
      if (res.status === 200 || res.status === 404) {
        S.mine.delete(note.id);
        announce(t("announceDeleted"));
      } else if (res.status === 401) { forgetToken(); return; }
      else { setError("note-error", errorText(codeOf(res))); }
      render();
    });
  }

  // -- rendering (textContent only) ------------------------------------------------

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

  function render() {
    var st = S.state;
    if (!st) { renderMine(false); setConnection(S.connected); return; }
    document.title = st.group.name + " · " + st.workshop.title;
    $("event-title").textContent = st.workshop.title;
    $("group-name").textContent = st.group.name;
    $("group-name").hidden = false;
    var round = st.round;
    var collecting = !!round && round.phase === "collect";
    $("phase").textContent = round ? t("phase_" + round.phase) : "";
    $("question").textContent = round ? round.question : t("noRound");
    var methodName = round ? round.method.name[S.lang] || round.method.name.nl : "";
    $("method-name").textContent = methodName ? methodName + ": " + t("methodMore") : "";
    $("method-instruction").textContent = round
      ? round.method.instruction[S.lang] || round.method.instruction.nl : "";
    $("method").hidden = !methodName;
    // While voting, the vote section explains itself: no second message above it.
    var msg = round && !collecting && !(round.phase === "vote" && st.vote) ? t("msg_" + round.phase) : "";
    $("phase-message").textContent = msg;
    $("phase-message").hidden = !msg;
    $("note-form").hidden = !collecting;
    renderTimer();
    renderMine(collecting);
    renderOthers(round);
    renderVote(round);
    setConnection(S.connected);
  }

  function renderMine(collecting) {
    var list = $("mine");
    list.replaceChildren();
    var stored = new Set();
    S.mine.forEach(function (n) { stored.add(n.client_note_id); });
    S.outbox.slice().reverse().forEach(function (item) {
      // Stored already (another tab, or an answer that got lost): it stays in the outbox
      // until its own 2xx arrives, but is shown once, as saved.
      if (stored.has(item.cid)) return;
      var li = el("li", "note");
      li.appendChild(el("p", "note-text", item.text));
      var foot = el("div", "note-foot");
      if (item.error) {
        foot.appendChild(el("span", "note-state failed", t("stateFailed", { reason: errorText(item.error) })));
        foot.appendChild(button(t("backToDraft"), function () { backToDraft(item); }));
        foot.appendChild(button(t("del"), function () { dropItem(item); }));
      } else {
        foot.appendChild(el("span", "note-state sending", t("stateSending")));
      }
      li.appendChild(foot);
      list.appendChild(li);
    });
    var saved = Array.from(S.mine.values()).sort(function (a, b) { return b.id - a.id; });
    saved.forEach(function (note) { list.appendChild(renderSaved(note, collecting)); });
    $("mine-empty").hidden = list.children.length > 0;
  }

  function renderSaved(note, collecting) {
    var li = el("li", "note");
    if (S.editing === note.id && collecting) {
      var label = el("label", "visually-hidden", t("editLabel"));
      label.htmlFor = "edit-" + note.id;
      var box = el("textarea");
      box.id = "edit-" + note.id;
      box.value = note.text;
      li.appendChild(label);
      li.appendChild(box);
      var actions = el("div", "note-foot");
      actions.appendChild(button(t("save"), function () { saveEdit(note, box.value); }));
      actions.appendChild(button(t("cancel"), function () { S.editing = null; render(); }));
      li.appendChild(actions);
      setTimeout(function () { box.focus(); }, 0);
      return li;
    }
    li.appendChild(el("p", "note-text", note.text));
    var foot = el("div", "note-foot");
    foot.appendChild(el("span", "note-state saved", t("stateSaved")));
    if (collecting) {
      foot.appendChild(button(t("edit"), function () { S.editing = note.id; render(); }));
      foot.appendChild(button(t("del"), function () { deleteNote(note); }));
    }
    li.appendChild(foot);
    return li;
  }

  function renderOthers(round) {
    var list = $("others");
    list.replaceChildren();
    var info = $("others-count");
    if (!round) { info.textContent = ""; return; }
    if (!round.others_shown) {
      var n = Math.max(0, S.count);
      info.textContent = n === 1 ? t("othersHidden1") : t("othersHidden", { n: n });
      return;
    }
    var notes = Array.from(S.others.values()).sort(function (a, b) { return b.id - a.id; });
    info.textContent = notes.length ? "" : t("othersEmpty");
    notes.forEach(function (note) {
      var li = el("li", "note other");
      li.appendChild(el("p", "note-text", note.text));
      list.appendChild(li);
    });
  }

  // -- dot voting: every tap is saved by itself, the whole allocation at once -------

  function dotsUsed() {
    return Object.keys(S.votes).reduce(function (sum, k) { return sum + S.votes[k]; }, 0);
  }

  function tapItem(item) {
    var vote = S.state.vote;
    var dots = S.votes[item.key] || 0;
    var left = vote.budget - dotsUsed();
    if (!vote.multi && dots) changeDots(item, -1);  // tap again: the dot comes back
    else if (left > 0) changeDots(item, 1);
    else setError("vote-error", t("voteNoneLeft"));
  }

  function changeDots(item, delta) {
    var next = (S.votes[item.key] || 0) + delta;
    if (next > 0) S.votes[item.key] = next; else delete S.votes[item.key];
    S.votesDirty = true;
    setError("vote-error", "");
    var left = S.state.vote.budget - dotsUsed();
    announce(t("announceDots", { item: item.label, dots: dotsText(next), left: left }));
    render();
    clearTimeout(S.voteTimer);
    S.voteTimer = setTimeout(saveVotes, 600);  // a few quick taps go out as one
  }

  function dotsText(n) { return n === 0 ? t("dotsOn0") : n === 1 ? t("dotsOn1") : t("dotsOn", { n: n }); }

  function saveVotes() {
    clearTimeout(S.voteTimer);
    S.voteTimer = null;
    if (S.voteSaving || !S.votesDirty || !S.state || !S.state.vote) return;
    S.voteSaving = true;
    S.votesDirty = false;
    var sent = JSON.stringify(S.votes);
    renderVoteState();
    api("PUT", "/api/votes", { dots: JSON.parse(sent) }).then(function (res) {
      S.voteSaving = false;
      if (res.status === 200) {
        S.voteTries = 0;
        if (S.state && S.state.vote) S.state.vote.mine = res.data.dots;
        if (!S.votesDirty) announce(t("announceVotes"));
        else saveVotes();  // tapped again meanwhile: send the newer allocation
      } else if (res.status === 401) { forgetToken(); return; }
      else if (res.status === 0 || res.status === 429 || res.status >= 500) {
        // Not refused, just not through: keep the choice and try again.
        S.votesDirty = true;
        S.voteTries += 1;
        var wait = res.retryAfter * 1000 || Math.min(RETRY_CAP_MS, 1000 * Math.pow(2, S.voteTries));
        S.voteTimer = setTimeout(saveVotes, wait);
        if (res.status === 0) setConnection(false);
      } else {
        S.votesDirty = true;
        setError("vote-error", errorText(codeOf(res), "vote"));
      }
      render();
    });
  }

  function renderVoteState() {
    var state = $("vote-state");
    var saving = S.voteSaving || (S.votesDirty && S.voteTimer);
    state.textContent = saving ? t("voteSaving") : S.votesDirty ? t("voteUnsaved")
      : (S.state.vote && Object.keys(S.state.vote.mine).length ? t("voteSaved") : "");
    state.className = "note-state " + (S.votesDirty || S.voteSaving ? "sending" : "saved");
    $("vote-save").disabled = !S.votesDirty || S.voteSaving;
  }

  function renderVote(round) {
    var vote = S.state && S.state.vote;
    var on = !!round && round.phase === "vote" && !!vote;
    $("vote-section").hidden = !on;
    $("others-section").hidden = on;
    if (!on) return;
    var left = vote.budget - dotsUsed();
    $("vote-budget").textContent = t("voteBudget", { budget: vote.budget, left: left });
    $("vote-help").textContent = t(vote.multi ? "voteHelpMulti" : "voteHelp1");
    var list = $("vote-items");
    list.replaceChildren();
    if (!vote.items.length) list.appendChild(el("li", "hint", t("voteNone")));
    vote.items.forEach(function (item) {
      var dots = S.votes[item.key] || 0;
      var li = el("li", dots ? "vote-item chosen" : "vote-item");
      var pick = el("button", "vote-pick");
      pick.type = "button";
      pick.setAttribute("aria-pressed", dots ? "true" : "false");
      var label = el("span", "vote-label");
      if (item.kind === "cluster") label.appendChild(el("span", "vote-kind", t("kindCluster")));
      label.appendChild(document.createTextNode(item.label));
      pick.appendChild(label);
      var marks = el("span", "vote-dots");
      marks.setAttribute("aria-hidden", "true");
      for (var i = 0; i < dots; i++) marks.appendChild(el("span", "dot"));
      if (!dots) marks.appendChild(el("span", "dot empty"));
      pick.appendChild(marks);
      pick.appendChild(el("span", "visually-hidden", ", " + dotsText(dots)));
      pick.addEventListener("click", function () { tapItem(item); });
      li.appendChild(pick);
      if (vote.multi && dots) {
        var less = el("button", "dot-less", "−");
        less.type = "button";
        less.setAttribute("aria-label", t("dotLess", { item: item.label }));
        less.addEventListener("click", function () { changeDots(item, -1); });
        li.appendChild(less);
      }
      list.appendChild(li);
    });
    renderVoteState();
  }

  function fmt(seconds) {
    var s = Math.max(0, Math.round(seconds));
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }
  function renderTimer() {
    var round = S.state && S.state.round;
    var out = "";
    var running = false;
    if (round && round.phase !== "closed") {
      var timer = round.timer;
      if (timer.ends_at) {
        var left = (timer.ends_at * 1000 - (Date.now() + S.clockOffset)) / 1000;
        out = left > 0 ? t("timerLeft", { time: fmt(left) }) : t("timerDone");
        running = left > 0;
        if (!running && S.timerWasRunning) announce(t("announceTimerDone"));
      } else if (timer.remaining_s !== null && timer.remaining_s !== undefined) {
        out = t("timerPaused", { time: fmt(timer.remaining_s) });
      } else {
        out = t("duration", { min: Math.round(round.duration_s / 60) });
      }
    }
    S.timerWasRunning = running;
    $("timer").textContent = out;
    if (running && !S.timerTick) S.timerTick = setInterval(renderTimer, 1000);
    if (!running && S.timerTick) { clearInterval(S.timerTick); S.timerTick = null; }
  }

  function updateCounter() {
    var n = Array.from($("note-text").value).length;
    var c = $("counter");
    c.textContent = t(n > MAX ? "counterOver" : "counter", { n: n, max: MAX });
    c.classList.toggle("over", n > MAX);
    $("send").disabled = n > MAX;
  }

  // -- start -------------------------------------------------------------------

  function start() {
    S.lang = pickLanguage();
    $("lang").addEventListener("click", function () {
      S.lang = S.lang === "nl" ? "en" : "nl";
      store("fac.lang", S.lang);
      applyLanguage();
      updateCounter();
    });
    $("join-form").addEventListener("submit", onJoin);
    $("note-form").addEventListener("submit", onSend);
    $("leave").addEventListener("click", leave);
    $("vote-save").addEventListener("click", saveVotes);
    $("code").addEventListener("input", syncPicker);
    $("note-text").addEventListener("input", function () {
      store(K.draft(), $("note-text").value);
      updateCounter();
    });
    window.addEventListener("online", function () { setConnection(true); retryNow(); refetch(); });
    window.addEventListener("offline", function () { setConnection(false); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { retryNow(); if (S.token) refetch(); }
    });
    applyLanguage();
    S.code = codeFromPath() || load("fac.last", null);
    var saved = S.code ? load(K.token(), null) : null;
    if (saved && saved.token) {
      S.token = saved.token;
      enterGroup();
    } else {
      showJoin("");
    }
    updateCounter();
  }

  start();
})();
