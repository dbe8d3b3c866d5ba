/* Following the group live: /api/state, then the stream's batches; polling every 5 s
 * while the stream is down; the offline banner. Its own file: it only changes S from
 * what the laptop says, and F.render() shows it.
 */
"use strict";
(function () {
  var F = window.FAC, S = F.S, $ = F.$, K = F.K;
  var announce = F.announce, api = F.api, errorText = F.errorText, store = F.store, t = F.t;
  var POLL_MS = 5000, POLL_WAITING_MS = 2000;  // faster while notes wait for the laptop
  var AWAY_FIRST_MS = 2000, AWAY_CAP_MS = 15000;  // asking whether this workshop is back

  // -- state ------------------------------------------------------------------

  function refetch() {
    if (!S.token) return Promise.resolve();
    var asked = S.wid, since = S.learned.length;
    S.snapshots += 1;
    return api("GET", "/api/state").then(function (res) {
      S.snapshots -= 1;
      var later = S.learned.slice(since);
      if (!S.snapshots) S.learned = [];
      if (asked !== S.wid) return;  // the phone changed seat meanwhile
      if (res.status === 200) {
        // A token that works is this workshop's, whatever name the laptop gives it now.
        if (res.workshop && res.workshop !== S.wid) F.rekey(S.wid, res.workshop);
        applyState(res.data, later);
        comeBack();
        return;
      }
      if (res.status === 401) { refused(res); return; }
      setConnection(false);
      if (S.away) scheduleAway();
    });
  }

  function refused(res) {
    // A 401. From this phone's own workshop it means what it says: that workshop does not
    // know this phone (any more), so join again. From another workshop (the laptop opened
    // another file on this port), or from something that does not say (not the laptop):
    // keep the token and the outbox, and wait for the workshop to be back.
    if (res.workshop && res.workshop === S.wid) forgetToken();
    else goAway();
  }

  // -- the laptop is on another workshop: wait for ours, then carry on by itself -------

  function goAway() {
    if (!S.token) return;
    var first = !S.away;
    S.away = true;
    closeStream();
    stopPolling();
    setConnection(true);  // the laptop answered, for another workshop: not "no connection"
    if (first) {
      S.awayTries = 0;
      F.showAway();
      announce(t("announceAway", { title: F.workshopTitle() }));
    }
    if (S.here !== S.otherWid) nameOther();
    scheduleAway();
    F.flush();  // notes this phone holds for the workshop the laptop is on go now
  }

  function scheduleAway() {
    // Asks again with capped exponential backoff and jitter, so a room of phones does not
    // knock at once. The question is /api/state with the token: an answer from this
    // phone's workshop (by name, or because it knows the token) ends the wait.
    clearTimeout(S.awayTimer);
    var delay = Math.min(AWAY_CAP_MS, AWAY_FIRST_MS * Math.pow(2, S.awayTries));
    S.awayTries += 1;
    S.awayTimer = setTimeout(function () {
      S.awayTimer = null;
      if (S.away) refetch();
    }, delay * (0.5 + Math.random() * 0.5));
  }

  function nameOther() {
    // What the workshop the laptop is on is called: the public event, no token needed.
    S.otherWid = S.here;
    api("GET", "/api/event").then(function (res) {
      if (res.status !== 200 || !res.data.workshop) return;
      S.otherWid = res.workshop;
      S.otherTitle = res.data.workshop.title || "";
      if (S.away) F.showAway();
    });
  }

  function comeBack() {
    if (!S.away) return;
    S.away = false;
    clearTimeout(S.awayTimer);
    S.awayTimer = null;
    F.showRound();
    announce(t("announceBack", { title: F.workshopTitle() }));
    connectStream();
    F.retryNow();
    F.resendVotes();
  }

  function refetchSoon() {
    // Hundreds of phones hear the same event: spread their reloads over a second or two.
    clearTimeout(S.refetchTimer);
    S.refetchTimer = setTimeout(refetch, Math.random() * 1500);
  }

  function forgetToken() {
    S.away = false;
    clearTimeout(S.awayTimer);
    S.awayTimer = null;
    store(K.token(), null);
    closeStream();
    stopPolling();
    S.token = null;
    F.showJoin(errorText("unknown_token"));
  }

  // A note saved, edited or removed (the phone's own answers, the stream's events) while
  // a snapshot was on its way may be newer than the snapshot: it is applied again on top,
  // so a slow /api/state never takes back a note the phone has shown as saved.
  function learn(change) {
    change();
    if (S.snapshots) S.learned.push(change);
  }

  function applyState(data, later) {
    S.state = data;
    store(K.title(S.wid), data.workshop.title);
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
    (later || []).forEach(function (change) { change(); });
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
        learn(function () {
          if (S.mine.has(e.note.id)) {
            e.note.client_note_id = S.mine.get(e.note.id).client_note_id;
            S.mine.set(e.note.id, e.note);
          } else if (S.state.round && S.state.round.others_shown) {
            S.others.set(e.note.id, e.note);
          }
        });
      } else if (e.t === "merged") {
        learn(function () { S.others.delete(e.id); });
      } else if (e.t === "removed") {
        learn(function () { S.mine.delete(e.id); S.others.delete(e.id); });
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
    if (S.away) return;  // not to a workshop that does not know this phone
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
        setTimeout(function () {
          if (S.token && !S.es && !S.away) refetch().then(connectStream);
        }, 10000);
      }
    };
  }
  function closeStream() { if (S.es) { S.es.close(); S.es = null; } }
  function startPolling() {
    if (S.pollTimer || S.away) return;
    S.pollTimer = setTimeout(function () {
      S.pollTimer = null;
      if (S.token) refetch();
      startPolling();
    }, F.waiting().length ? POLL_WAITING_MS : POLL_MS);
  }
  function stopPolling() { clearTimeout(S.pollTimer); S.pollTimer = null; }

  function setConnection(ok) {
    S.connected = ok;
    var all = F.waiting(), here = all.filter(function (i) {
      return i.code === S.code && i.wid === S.wid;
    }).length;
    // Notes of another workshop wait for it (the away screen says so while it shows).
    var away = all.filter(function (i) { return i.wid !== S.wid; }).length;
    var elsewhere = (S.token ? all.length - here : all.length) - away;
    var el = $("connection"), parts = [];
    if (S.token && (!ok || !navigator.onLine)) {
      parts.push(t("offline"));
      if (here) parts.push(here === 1 ? t("pending1") : t("pending", { n: here }));
    }
    // Notes of a table this phone left (or of the join screen's moment) go on being sent.
    if (elsewhere) parts.push(elsewhere === 1 ? t("pendingOther1") : t("pendingOther", { n: elsewhere }));
    if (away && !S.away) parts.push(away === 1 ? t("pendingAway1") : t("pendingAway", { n: away }));
    el.textContent = parts.join(" ");
    el.hidden = !parts.length;
  }

  F.closeStream = closeStream;
  F.connectStream = connectStream;
  F.forgetToken = forgetToken;
  F.goAway = goAway;
  F.learn = learn;
  F.refused = refused;
  F.refetch = refetch;
  F.refetchSoon = function () { clearTimeout(S.refetchTimer); S.refetchTimer = setTimeout(refetch, 200); };
  F.setConnection = setConnection;
  F.stopPolling = stopPolling;
})();
