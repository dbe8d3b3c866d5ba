/* Choosing a group: pick a table from the list or type its code; a table card's /j/CODE
 * comes with its table already chosen. The server writes the list into the HTML, so it
 * is there at the first paint; this file only makes it work (and the join itself).
 */
"use strict";
(function () {
  var F = window.FAC, S = F.S, $ = F.$, K = F.K;
  var announce = F.announce, api = F.api, codeOf = F.codeOf,
    errorText = F.errorText, load = F.load, setError = F.setError, store = F.store, t = F.t;

  // -- screens ----------------------------------------------------------------

  function show(screen) {
    $("join-screen").hidden = screen !== "join";
    $("round-screen").hidden = screen !== "round";
    $("away-screen").hidden = screen !== "away";
    $("leave").hidden = screen !== "round";
  }

  function workshopTitle() {
    var title = load(K.title(S.wid), null) || (S.state && S.state.workshop.title);
    return title || t("yourWorkshop");
  }

  function showAway() {
    // The laptop is on another workshop: say whose turn it is, that nothing is lost, and
    // that this page carries on by itself. The person may also join the other workshop.
    var wasHidden = $("away-screen").hidden;
    show("away");
    var title = workshopTitle(), other = S.otherTitle;
    $("event-title").textContent = title;
    $("away-title").textContent = t("awayTitle", { title: title });
    $("away-text").textContent = other ? t("awayText", { title: title, other: other })
      : t("awayTextUnknown", { title: title });
    var n = F.obAll(S.code).filter(function (i) { return !i.error; }).length;
    $("away-kept").textContent = n === 0 ? t("awayKept0") : n === 1 ? t("awayKept1")
      : t("awayKept", { n: n });
    $("away-join").textContent = other ? t("awayJoin", { other: other }) : t("awayJoinUnknown");
    if (wasHidden) $("away-title").focus();
  }

  function joinHere() {
    // Join the workshop the laptop is on now: its page, its tables. This seat (token,
    // outbox) stays on the phone and carries on when its workshop is back.
    store(K.last, null);
    location.assign("/");
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
  }

  // -- the table list the server put into the page: pick one, or type its code ------

  function initPicker() {
    S.groups = document.querySelectorAll("#group-list input");
    $("group-list").addEventListener("change", function (ev) {
      $("code").value = ev.target.value;
      setError("join-error", "");
    });
    // Picked before the scripts were in: that choice stands (unless a code was typed).
    var picked = document.querySelector("#group-list input:checked"), code = $("code");
    if (picked && code.value === code.defaultValue) code.value = picked.value;
    $("join-button").disabled = false;  // off in the HTML: a tap before now would reload
  }

  function normalCode(value) { return value.trim().toUpperCase().replace(/[\s-]/g, ""); }

  function syncPicker() {
    // The typed code and the list are one choice: a code of a listed table checks it.
    var code = normalCode($("code").value);
    var radios = document.querySelectorAll("#group-list input");
    for (var i = 0; i < radios.length; i++) radios[i].checked = radios[i].value === code;
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
    // Back at a table this browser joined before: the same participant, its notes still
    // its own, its dots not doubled. A join goes to the workshop the laptop is on now.
    var wid = S.here;
    var saved = load(K.tokenOf(wid, code), null);
    if (saved && saved.token) { entered(code, saved.token, null, wid); return; }
    // One id per browser and table, kept for the day: a second tap after an answer that
    // never arrived, or a return after the token was lost, gets the same participant.
    var joinId = load(K.joinId(code), null);
    if (!joinId) { joinId = F.newClientId(); store(K.joinId(code), joinId); }
    api("POST", "/api/join", { code: code, name: name, organisation: org,
                               client_join_id: joinId }).then(function (res) {
      $("join-button").disabled = false;
      $("join-button").textContent = t("joinButton");
      if (res.status !== 201) { setError("join-error", errorText(codeOf(res), "join")); return; }
      var workshop = res.data.workshop || {};
      var joined = workshop.id || res.workshop || wid;
      if (workshop.title) store(K.title(joined), workshop.title);
      entered(res.data.group.code, res.data.token, res.data.group.name, joined);
    });
  }

  function entered(code, token, groupName, wid) {
    $("join-button").disabled = false;
    $("join-button").textContent = t("joinButton");
    S.wid = wid;
    S.code = code;
    S.token = token;
    store(K.token(), { token: S.token });
    store(K.last, { wid: S.wid, code: S.code });
    if (location.pathname !== "/j/" + S.code) history.replaceState(null, "", "/j/" + S.code);
    if (groupName) announce(t("joined", { group: groupName }));
    enterGroup(true);
  }

  function leave() {
    // What waits for this table stays in the outbox and goes on being sent (the banner
    // says so); the token stays too, so coming back resumes the same participant.
    F.closeStream();
    F.stopPolling();
    store(K.last, null);
    S.token = null; S.state = null; S.mine.clear(); S.others.clear(); S.editing = null;
    $("join-form").classList.remove("chosen");
    $("note-text").value = "";
    // A new history entry: the back button returns to the table, not out of the page.
    history.pushState(null, "", "/");
    $("code").value = "";
    $("group-name").hidden = true;
    showJoin("");
    F.setConnection(true);
    F.flush();
    $("join-title").focus();
  }

  function onHistory() {
    var code = codeFromPath(), seat = code ? F.seatFor(code) : null;
    if (seat) {
      S.wid = seat.wid; S.code = code; S.token = seat.token;
      store(K.last, { wid: S.wid, code: code });
      enterGroup(false);
    } else if (S.token) {
      leave();
    }
  }

  function enterGroup(joinedNow) {
    S.away = false;
    if (S.here && S.wid !== S.here) {
      // This page came from another workshop than the seat's: wait for the seat's.
      F.goAway();
      return;
    }
    show("round");
    F.obMigrate(S.code);
    F.retryNow();  // a (re)load is a moment to retry
    var draft = load(K.draft(), null);  // checked against the round once it is known
    $("note-text").value = draft ? (typeof draft === "string" ? draft : draft.text) : "";
    F.updateCounter();
    F.render();
    F.refetch().then(function () {
      // The join form is gone: a keyboard or screen reader continues at the question.
      if (joinedNow && !S.away) $("question").focus();
      F.connectStream();  // not while away: it waits for its workshop
      F.flush();
    });
  }

  F.codeFromPath = codeFromPath;
  F.joinHere = joinHere;
  F.showAway = showAway;
  F.showRound = function () { show("round"); };
  F.workshopTitle = workshopTitle;
  F.enterGroup = enterGroup;
  F.initPicker = initPicker;
  F.leave = leave;
  F.onHistory = onHistory;
  F.onJoin = onJoin;
  F.showJoin = showJoin;
  F.syncPicker = syncPicker;
})();
