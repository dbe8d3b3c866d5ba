/* Dot voting on the phone: tap an item for a dot, tap again to take it back (or − where
 * several dots on one item are allowed); the whole allocation is saved by itself.
 * Like the outbox, a choice is in localStorage (K.votes) from the tap until a 2xx for
 * exactly that allocation; sent again on load, online, visible. The newest one wins.
 */
"use strict";
(function () {
  var F = window.FAC, S = F.S, $ = F.$, K = F.K;
  var announce = F.announce, api = F.api, codeOf = F.codeOf, el = F.el,
    errorText = F.errorText, load = F.load, setError = F.setError, store = F.store, t = F.t;
  var RETRY_CAP_MS = 30000;

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
    keep();
    setError("vote-error", "");
    var left = S.state.vote.budget - dotsUsed();
    announce(t("announceDots", { item: item.label, dots: dotsText(next), left: left }));
    F.render();
    clearTimeout(S.voteTimer);
    S.voteTimer = setTimeout(saveVotes, 600);  // a few quick taps go out as one
  }

  function dotsText(n) { return n === 0 ? t("dotsOn0") : n === 1 ? t("dotsOn1") : t("dotsOn", { n: n }); }

  // -- kept on this phone until the laptop has it -----------------------------------

  function canon(dots) {  // one spelling per allocation, so "exactly that one" can be checked
    var out = {};
    Object.keys(dots).sort().forEach(function (k) { if (dots[k] > 0) out[k] = dots[k]; });
    return JSON.stringify(out);
  }
  function keep(error) {
    store(K.votes(), { round: S.state.round.id, dots: S.votes, error: error || null });
  }
  function kept(round, sent) {  // what is on disk, if it is exactly `sent` for `round`
    var k = load(K.votes(), null);
    return k && k.round === round && canon(k.dots) === sent ? k : null;
  }

  function adoptVotes(data) {
    // After /api/state: a choice on disk but not through yet wins over the laptop's copy.
    var round = data.round, disk = load(K.votes(), null);
    if (disk && (!round || disk.round !== round.id || !disk.dots)) {
      store(K.votes(), null);  // another round is on: too late for that choice
      disk = null;
    }
    if (!data.vote) {
      S.votes = {}; S.votesDirty = false;
      clearTimeout(S.voteTimer); S.voteTimer = null;
      return;
    }
    var keys = new Set(data.vote.items.map(function (i) { return i.key; }));
    var base = disk ? disk.dots : S.votesDirty || S.voteSaving ? S.votes : data.vote.mine;
    S.votes = {};
    Object.keys(base).forEach(function (k) { if (keys.has(k) && base[k] > 0) S.votes[k] = base[k]; });
    if (!disk) return;
    var changed = canon(S.votes) !== canon(disk.dots);
    if (changed) keep();  // an item left the wall meanwhile
    S.votesDirty = !S.voteSaving || canon(S.votes) !== S.voteSent;
    // Refused before (and unchanged): say why again, but wait for the next tap or Bewaar.
    if (disk.error && !changed) setError("vote-error", errorText(disk.error, "vote"));
    else if (!S.voteSaving && !S.voteTimer) saveVotes();
  }

  function resendVotes() {
    // Load, `online`, visible again: send what is on disk now (maybe from another tab).
    if (!S.state) return;
    clearTimeout(S.voteTimer); S.voteTimer = null; S.voteTries = 0;
    adoptVotes(S.state);
    if (!load(K.votes(), null)) saveVotes();  // storage off: what is on screen
    F.render();
  }

  function saveVotes() {
    clearTimeout(S.voteTimer);
    S.voteTimer = null;
    if (S.voteSaving || !S.votesDirty || !S.state || !S.state.vote) return;
    S.voteSaving = true;
    S.votesDirty = false;
    var round = S.state.round.id, sent = S.voteSent = canon(S.votes);
    renderVoteState();
    api("PUT", "/api/votes", { dots: JSON.parse(sent) }).then(function (res) {
      S.voteSaving = false;
      if (res.status === 200) {
        S.voteTries = 0;
        if (kept(round, sent)) store(K.votes(), null);  // newer taps stay on disk
        if (S.state && S.state.vote) S.state.vote.mine = res.data.dots;
        if (!S.votesDirty) announce(t("announceVotes"));
        else saveVotes();  // tapped again meanwhile: send the newer allocation
      } else if (res.status === 401) {
        S.votesDirty = true;  // kept on disk: sent again once this workshop is back
        F.refused(res);
        F.render();
      }
      else if (res.status === 0 || res.status === 429 || res.status >= 500) {
        // Not refused, just not through: keep the choice and try again.
        S.votesDirty = true;
        S.voteTries += 1;
        var wait = res.retryAfter * 1000 || Math.min(RETRY_CAP_MS, 1000 * Math.pow(2, S.voteTries));
        S.voteTimer = setTimeout(saveVotes, wait);
        if (res.status === 0) F.setConnection(false);
      } else {
        S.votesDirty = true;
        if (kept(round, sent)) keep(codeOf(res));
        setError("vote-error", errorText(codeOf(res), "vote"));
      }
      F.render();
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

  function sample(item) {
    // A theme's name says little on its own: a tap shows a few of its notes.
    var box = el("details", "vote-sample");
    box.open = S.openSamples.has(item.key);
    box.addEventListener("toggle", function () {
      if (box.open) S.openSamples.add(item.key); else S.openSamples.delete(item.key);
    });
    box.appendChild(el("summary", "", t(item.note_count === 1 ? "sampleShow1" : "sampleShow",
                                        { n: item.note_count })));
    var list = el("ul", "vote-sample-notes");
    item.notes.forEach(function (text) { var li = el("li"); li.appendChild(F.noteText(text)); list.appendChild(li); });
    if (item.note_count > item.notes.length) list.appendChild(el("li", "hint", t("sampleMore", { n: item.note_count - item.notes.length })));
    box.appendChild(list);
    return box;
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
      label.dir = "auto";
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
      if (item.kind === "cluster" && item.notes && item.notes.length) li.appendChild(sample(item));
      list.appendChild(li);
    });
    renderVoteState();
  }

  F.renderVote = renderVote;
  F.adoptVotes = adoptVotes;
  F.resendVotes = resendVotes;
  F.saveVotes = saveVotes;
})();
