/* Following the group live: /api/state, then the stream's batches; polling every 5 s
 * while the stream is down; the offline banner. Its own file: it only changes S from
 * what the laptop says, and F.render() shows it.
 */
"use strict";
(function () {
  var F = window.FAC, S = F.S, $ = F.$, K = F.K;
  var announce = F.announce, api = F.api, errorText = F.errorText, store = F.store, t = F.t;
  var POLL_MS = 5000, POLL_WAITING_MS = 2000;  // faster while notes wait for the laptop

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
    var lang = F.pickLanguage(data.workshop.language);
    if ((data.workshop.address === "u" ? "u" : "je") !== S.address || lang !== S.lang) {
      S.address = data.workshop.address === "u" ? "u" : "je";
      S.lang = lang;
      F.applyLanguage();
    }
    S.max = data.limits.note_max_chars;
    S.clockOffset = data.round ? data.round.timer.now * 1000 - Date.now() : 0;
    S.mine = new Map(data.notes.mine.map(function (n) { return [n.id, n]; }));
    S.others = new Map((data.notes.others || []).map(function (n) { return [n.id, n]; }));
    S.count = data.notes.count;
    F.adoptVotes(data);
    F.adoptDraft();
    setConnection(true);
    F.render();
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
    F.render();
  }

  // -- live stream, with polling as the fallback ----------------------------------

  function connectStream() {
    closeStream();
    if (!S.token || typeof EventSource === "undefined") { startPolling(); return; }
    var url = "/api/events?token=" + encodeURIComponent(S.token) + "&last=" + encodeURIComponent(S.seq);
    var es = new EventSource(url);
    S.es = es;
    // The stream is (re)open: the laptop is back, so what waits goes now, not at the end
    // of its backoff (the laptop's app restarted: `reset` instead of `hello` follows).
    es.addEventListener("open", function () { F.retryNow(); });
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
    S.pollTimer = setTimeout(function () {
      S.pollTimer = null;
      if (S.token) refetch();
      startPolling();
    }, F.waiting().length ? POLL_WAITING_MS : POLL_MS);
  }
  function stopPolling() { clearTimeout(S.pollTimer); S.pollTimer = null; }

  function setConnection(ok) {
    S.connected = ok;
    var all = F.waiting(), here = all.filter(function (i) { return i.code === S.code; }).length;
    var elsewhere = S.token ? all.length - here : all.length;
    var el = $("connection"), parts = [];
    if (S.token && (!ok || !navigator.onLine)) {
      parts.push(t("offline"));
      if (here) parts.push(here === 1 ? t("pending1") : t("pending", { n: here }));
    }
    // Notes of a table this phone left (or of the join screen's moment) go on being sent.
    if (elsewhere) parts.push(elsewhere === 1 ? t("pendingOther1") : t("pendingOther", { n: elsewhere }));
    el.textContent = parts.join(" ");
    el.hidden = !parts.length;
  }

  F.closeStream = closeStream;
  F.connectStream = connectStream;
  F.forgetToken = forgetToken;
  F.refetch = refetch;
  F.refetchSoon = function () { clearTimeout(S.refetchTimer); S.refetchTimer = setTimeout(refetch, 200); };
  F.setConnection = setConnection;
  F.stopPolling = stopPolling;
})();
