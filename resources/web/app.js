/* The round on screen (question, method, phase, timer, the group's notes) and start(),
 * which wires every control once the last file is in: the glue the other files lack.
 */
"use strict";
(function () {
  var F = window.FAC, S = F.S, $ = F.$, K = F.K;
  var announce = F.announce, applyLanguage = F.applyLanguage, el = F.el, load = F.load,
    pickLanguage = F.pickLanguage, store = F.store, t = F.t;

  // -- rendering (textContent only) ------------------------------------------------

  function render() {
    var st = S.state;
    if (!st) {
      F.renderMine(false); F.setConnection(S.connected);
      if (S.away) F.showAway();
      return;
    }
    document.title = st.group.name + " · " + st.workshop.title;
    $("event-title").textContent = st.workshop.title;
    $("group-name").textContent = st.group.name;
    $("group-name").hidden = false;
    var round = st.round;
    var collecting = !!round && round.phase === "collect";
    $("phase").textContent = round ? t("phase_" + round.phase) : "";
    $("question").textContent = round && round.question ? round.question : t("noRound");
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
    F.renderMine(collecting);
    renderOthers(round);
    F.renderVote(round);
    F.setConnection(S.connected);
    if (S.away) F.showAway();  // its words follow the language too
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
      li.appendChild(F.noteText(note.text));
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
    // A countdown only where there is something to do against it: writing and voting.
    // While grouping the phase message says what happens; before the start, how long.
    var counts = !!round && (round.phase === "collect" || round.phase === "vote");
    if (round && round.phase === "prepare") {
      out = t("duration", { min: Math.round(round.duration_s / 60) });
    } else if (counts) {
      // A timer per phase: one that times another phase (the other tables still write
      // while this one votes) is not this table's.
      var timer = round.timer;
      var other = !!timer.phase && timer.phase !== round.phase;
      if (other) {
        out = "";
      } else if (timer.ends_at) {
        var left = (timer.ends_at * 1000 - (Date.now() + S.clockOffset)) / 1000;
        out = left > 0 ? t("timerLeft", { time: fmt(left) }) : t("timerDone");
        running = left > 0;
        if (!running && S.timerWasRunning) announce(t("announceTimerDone"));
      } else if (timer.remaining_s !== null && timer.remaining_s !== undefined) {
        out = t("timerPaused", { time: fmt(timer.remaining_s) });
      } else if (round.phase === "collect") {
        out = t("duration", { min: Math.round(round.duration_s / 60) });
      }
    }
    S.timerWasRunning = running;
    $("timer").textContent = out;
    if (running && !S.timerTick) S.timerTick = setInterval(renderTimer, 1000);
    if (!running && S.timerTick) { clearInterval(S.timerTick); S.timerTick = null; }
  }

  function onStorage(ev) {
    // Another tab of this browser changed the outbox: show its notes as this phone's
    // (they are: one participant per table), and fetch the ones it has saved.
    if (!ev.key || ev.key.indexOf("fac.ob.") !== 0) return;
    if (S.token && ev.newValue === null && ev.key.indexOf("fac.ob." + S.wid + "." + S.code + ".") === 0) F.refetchSoon();
    render();
    F.flush();
  }

  // -- start -------------------------------------------------------------------

  function start() {
    S.lang = pickLanguage();
    $("lang").addEventListener("click", function () {
      S.lang = S.lang === "nl" ? "en" : "nl";
      store("fac.lang", S.lang);
      applyLanguage();
      F.updateCounter();
    });
    F.initPicker();
    $("join-form").addEventListener("submit", F.onJoin);
    $("note-form").addEventListener("submit", F.onSend);
    $("leave").addEventListener("click", F.leave);
    $("away-join").addEventListener("click", F.joinHere);
    $("vote-save").addEventListener("click", F.saveVotes);
    $("code").addEventListener("input", F.syncPicker);
    $("note-text").addEventListener("input", F.saveDraft);
    window.addEventListener("storage", onStorage);
    window.addEventListener("popstate", F.onHistory);
    window.addEventListener("online", function () {
      F.setConnection(true); F.retryNow(); F.refetch(); F.resendVotes();
    });
    window.addEventListener("offline", function () { F.setConnection(false); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        F.retryNow(); F.resendVotes();
        if (S.token) F.refetch();  // also: is this phone's workshop back?
      }
    });
    applyLanguage();
    F.adoptLegacy();
    // The seat to resume: the table in the address (this workshop's, else any workshop's
    // this phone has a token for), or the one it was at last. From a page another
    // workshop served, that seat waits for its own (live.js goAway), dropping nothing.
    var pathCode = F.codeFromPath(), last = load(K.last, null), seat = null;
    if (pathCode) {
      seat = F.seatFor(pathCode);
      S.code = pathCode;
    } else if (last && last.code) {
      var saved = load(K.tokenOf(last.wid, last.code), null);
      if (saved && saved.token) seat = { wid: last.wid, token: saved.token };
      S.code = last.code;
    }
    if (seat) {
      S.wid = seat.wid;
      S.token = seat.token;
      F.enterGroup();
    } else {
      if (!pathCode && !(last && last.wid === S.here)) S.code = null;  // another workshop's table
      F.showJoin("");
      F.flush();  // notes another table's page left waiting go on being sent
    }
    F.updateCounter();
  }

  F.render = render;

  start();
})();
