/* Dot voting on the phone: tap an item for a dot, tap again to take it back (or − where
 * several dots on one item are allowed); the whole allocation is saved by itself.
 */
"use strict";
(function () {
  var F = window.FAC, S = F.S, $ = F.$;
  var announce = F.announce, api = F.api, codeOf = F.codeOf, el = F.el,
    errorText = F.errorText, setError = F.setError, t = F.t;
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
    setError("vote-error", "");
    var left = S.state.vote.budget - dotsUsed();
    announce(t("announceDots", { item: item.label, dots: dotsText(next), left: left }));
    F.render();
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
      } else if (res.status === 401) { F.forgetToken(); return; }
      else if (res.status === 0 || res.status === 429 || res.status >= 500) {
        // Not refused, just not through: keep the choice and try again.
        S.votesDirty = true;
        S.voteTries += 1;
        var wait = res.retryAfter * 1000 || Math.min(RETRY_CAP_MS, 1000 * Math.pow(2, S.voteTries));
        S.voteTimer = setTimeout(saveVotes, wait);
        if (res.status === 0) F.setConnection(false);
      } else {
        S.votesDirty = true;
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

  F.renderVote = renderVote;
  F.saveVotes = saveVotes;
})();
