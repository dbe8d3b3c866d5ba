/* The phone page's round: write notes that are never lost, follow the group live.
 *
 * Notes go through an OUTBOX in localStorage: an item leaves it only after the laptop
 * answered 2xx for its client_note_id, so a dropped Wi-Fi, a reload or a crashed
 * browser never loses a note, and the server's idempotency makes retries safe.
 * Loaded last (see core.js); start() runs once every file is in.
 */
"use strict";
(function () {
  var F = window.FAC, S = F.S, $ = F.$, K = F.K;
  var announce = F.announce, api = F.api, applyLanguage = F.applyLanguage, button = F.button,
    codeOf = F.codeOf, el = F.el, errorText = F.errorText, load = F.load,
    newClientId = F.newClientId, pickLanguage = F.pickLanguage, setError = F.setError,
    store = F.store, t = F.t;
  var POLL_MS = 5000;
  var RETRY_CAP_MS = 30000;

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
    F.showJoin(errorText("unknown_token"));
  }

  function applyState(data) {
    S.state = data;
    S.seq = data.seq;
    S.max = data.limits.note_max_chars;
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
    if (Array.from(text).length > S.max) { setError("note-error", errorText("too_long")); return; }
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
    F.renderVote(round);
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
    c.textContent = t(n > S.max ? "counterOver" : "counter", { n: n, max: S.max });
    c.classList.toggle("over", n > S.max);
    $("send").disabled = n > S.max;
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
    $("join-form").addEventListener("submit", F.onJoin);
    $("note-form").addEventListener("submit", onSend);
    $("leave").addEventListener("click", F.leave);
    $("vote-save").addEventListener("click", F.saveVotes);
    $("code").addEventListener("input", F.syncPicker);
    $("note-text").addEventListener("input", function () {
      store(K.draft(), $("note-text").value);
      updateCounter();
    });
    window.addEventListener("online", function () {
      setConnection(true); retryNow(); refetch(); F.saveVotes();
    });
    window.addEventListener("offline", function () { setConnection(false); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        retryNow(); F.saveVotes();
        if (S.token) refetch();
      }
    });
    applyLanguage();
    S.code = F.codeFromPath() || load("fac.last", null);
    var saved = S.code ? load(K.token(), null) : null;
    if (saved && saved.token) {
      S.token = saved.token;
      F.enterGroup();
    } else {
      F.showJoin("");
    }
    updateCounter();
  }


  F.applyBatch = applyBatch;
  F.applyState = applyState;
  F.backToDraft = backToDraft;
  F.closeStream = closeStream;
  F.connectStream = connectStream;
  F.deleteNote = deleteNote;
  F.dropItem = dropItem;
  F.flush = flush;
  F.fmt = fmt;
  F.forgetToken = forgetToken;
  F.handleSent = handleSent;
  F.onSend = onSend;
  F.refetch = refetch;
  F.refetchSoon = refetchSoon;
  F.render = render;
  F.renderMine = renderMine;
  F.renderOthers = renderOthers;
  F.renderSaved = renderSaved;
  F.renderTimer = renderTimer;
  F.retryNow = retryNow;
  F.saveEdit = saveEdit;
  F.saveOutbox = saveOutbox;
  F.scheduleFlush = scheduleFlush;
  F.setConnection = setConnection;
  F.start = start;
  F.startPolling = startPolling;
  F.stopPolling = stopPolling;
  F.updateCounter = updateCounter;

  start();
})();
