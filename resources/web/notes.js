/* Notes that are never lost: writing, the outbox, editing and deleting one's own.
 * The OUTBOX is in localStorage, one key per note (F.obPut): an item leaves only after a
 * 2xx for its client_note_id, so Wi-Fi, a reload, a crash, a second tab or a switch of
 * table never loses a note (the server's idempotency makes retries safe). Each item
 * names its table and the round it was written in: the laptop stores it there, late if
 * need be, or it stays on screen with a plain explanation, never under another question.
 * Its own file: the page's most delicate promise.
 */
"use strict";
(function () {
  var F = window.FAC, S = F.S, $ = F.$, K = F.K;
  var announce = F.announce, api = F.api, button = F.button, codeOf = F.codeOf, el = F.el,
    errorText = F.errorText, graphemes = F.graphemes, load = F.load, newClientId = F.newClientId,
    setError = F.setError, store = F.store, t = F.t;
  var RETRY_CAP_MS = 30000;

  function roundId() { return S.state && S.state.round ? S.state.round.id : null; }
  function collecting() { return !!(S.state && S.state.round && S.state.round.phase === "collect"); }
  function retryOf(item) {
    return S.retry[item.cid] || (S.retry[item.cid] = { tries: 0, next: 0, network: false });
  }
  function waiting(code) { return F.obAll(code).filter(function (i) { return !i.error; }); }
  // A note goes only to its own workshop: while the laptop is on another one, it waits.
  function sendable(item) { return !S.here || item.wid === S.here; }

  // -- writing ----------------------------------------------------------------------

  function onSend(ev) {
    ev.preventDefault();
    var text = $("note-text").value.trim();
    if (!text) { setError("note-error", errorText("empty")); return; }
    if (graphemes(text) > S.max) { setError("note-error", errorText("too_long")); return; }
    setError("note-error", "");
    // Into the outbox (on disk) first; only then is the draft cleared.
    F.obPut({ wid: S.wid, code: S.code, round: roundId(), cid: newClientId(), text: text,
              at: Date.now(), error: null });
    $("note-text").value = "";
    store(K.draft(), null);
    updateCounter();
    announce(t("announceQueued"));
    F.render();
    flush();
  }

  function saveDraft() {
    var text = $("note-text").value;
    store(K.draft(), text ? { round: roundId(), text: text } : null);
    updateCounter();
  }

  function adoptDraft() {
    // After /api/state: a draft of this round goes (back) into the box; one of another
    // round is kept on screen as unsent, never silently carried into a new question.
    var draft = load(K.draft(), null), box = $("note-text"), round = roundId();
    if (typeof draft === "string") draft = draft ? { round: round, text: draft } : null;
    if (!draft || !draft.text) return;
    if (draft.round === round || draft.round === null) {
      if (!box.value) box.value = draft.text;
    } else {
      F.obPut({ wid: S.wid, code: S.code, round: draft.round, cid: newClientId(),
                text: draft.text, at: Date.now(), error: "unsent_draft" });
      if (box.value === draft.text) box.value = "";
      store(K.draft(), null);
    }
    updateCounter();
  }

  // -- sending: every table's waiting notes, oldest first, each to its own workshop -----

  function flush() {
    if (S.flushing) return;
    clearTimeout(S.flushTimer);
    S.flushTimer = null;
    var now = Date.now();
    var item = F.obAll().find(function (i) {
      return !i.error && retryOf(i).next <= now && sendable(i) && tokenOf(i);
    });
    if (!item) { scheduleFlush(); return; }
    S.flushing = true;
    var body = { client_note_id: item.cid, text: item.text };
    if (item.round !== null && item.round !== undefined) body.round_id = item.round;
    api("POST", "/api/notes", body, tokenOf(item)).then(function (res) {
      S.flushing = false;
      handleSent(item, res);
      flush();
    });
  }

  function tokenOf(item) {
    if (item.code === S.code && item.wid === S.wid && S.token) return S.token;
    var saved = load(K.tokenOf(item.wid, item.code), null);
    return saved && saved.token;
  }

  function handleSent(item, res) {
    var retry = retryOf(item);
    retry.network = false;
    if (res.status === 200 || res.status === 201) {
      F.obDel(item);
      delete S.retry[item.cid];
      var note = res.data.note;
      if (item.code === S.code) {
        F.learn(function () {
          if (note.round_id !== roundId()) return;  // (again, on top of a newer round)
          S.others.delete(note.id);
          S.mine.set(note.id, note);
        });
      }
      announce(t(note.late ? "announceSavedLate" : "announceSaved"));
      F.setConnection(true);
    } else if (res.status === 401 && res.workshop !== item.wid) {
      // The laptop is on another workshop (or something else answered): the note waits
      // for its own, unsent and without an error (sendable() holds it back meanwhile).
      retry.tries += 1;
      retry.next = Date.now() + Math.min(RETRY_CAP_MS, 1000 * Math.pow(2, retry.tries));
      if (item.wid === S.wid) F.goAway();
    } else if (res.status === 401) {
      if (item.code === S.code && item.wid === S.wid) F.forgetToken();  // kept: sent once this phone joins again
      else { item.error = "unknown_token"; F.obPut(item); }
    } else if (res.status === 429 || res.status === 503) {
      retry.next = Date.now() + Math.max(1, res.retryAfter) * 1000;
    } else if (res.status >= 400 && res.status < 500 && res.status !== 408) {
      item.error = codeOf(res);  // kept, with its text, until the person decides
      F.obPut(item);
    } else {
      // Network or server trouble (408: the body came too slowly, a weak signal):
      // capped exponential backoff with jitter, cut short once the laptop answers.
      retry.tries += 1;
      retry.network = res.status === 0;
      var delay = Math.min(RETRY_CAP_MS, 1000 * Math.pow(2, retry.tries));
      retry.next = Date.now() + delay * (0.5 + Math.random() * 0.5);
      if (res.status === 0) F.setConnection(false);
    }
    F.render();
  }

  function scheduleFlush() {
    var due = waiting().filter(sendable).map(function (i) { return retryOf(i).next; });
    if (!due.length) return;
    S.flushTimer = setTimeout(flush, Math.max(100, Math.min.apply(null, due) - Date.now()));
  }

  function retryNow() {
    F.obAll().forEach(function (i) { retryOf(i).next = 0; });
    flush();
  }

  function reachable() {
    // Some request got an answer (or the live stream is back): what failed for want of
    // a network goes now instead of at the end of its backoff.
    var any = false;
    F.obAll().forEach(function (i) {
      var r = retryOf(i);
      if (r.network) { r.network = false; r.next = 0; any = true; }
    });
    if (any) flush();
  }

  function toDraft(item) {
    var box = $("note-text");
    box.value = box.value ? box.value + "\n" + item.text : item.text;
    F.obDel(item);
    saveDraft();
    F.render();
    box.focus();
  }
  function dropItem(item) {
    if (!window.confirm(t("confirmDelete"))) return;
    F.obDel(item);
    F.render();
  }

  // -- my notes: edit and delete while collecting ----------------------------------

  function saveEdit(note, text) {
    if (graphemes(text.trim()) > S.max) { setError("edit-error", errorText("too_long")); return; }
    api("PATCH", "/api/notes/" + note.id, { text: text }).then(function (res) {
      if (res.status === 200) {
        var edited = res.data.note;
        edited.client_note_id = note.client_note_id;
        F.learn(function () { if (edited.round_id === roundId()) S.mine.set(note.id, edited); });
        S.editing = null;
        announce(t("announceSaved"));
        F.render();
      } else if (res.status === 401) { F.refused(res); }
      else { setError("edit-error", errorText(codeOf(res))); }  // the typed text stays
    });
  }

  function deleteNote(note) {
    if (!window.confirm(t("confirmDelete"))) return;
    api("DELETE", "/api/notes/" + note.id).then(function (res) {
      if (res.status === 200 || res.status === 404) {
        F.learn(function () { S.mine.delete(note.id); });
        announce(t("announceDeleted"));
      } else if (res.status === 401) { F.refused(res); return; }
      else { setError("note-error", errorText(codeOf(res))); }
      F.render();
    });
  }

  // -- my notes on screen: waiting ones first, then the saved ones ----------------
  // Rendered around the note being edited: its box (text, cursor, focus) stays as it is.

  function renderMine(isCollecting) {
    var list = $("mine");
    var stored = new Set();
    S.mine.forEach(function (n) { stored.add(n.client_note_id); });
    var nodes = [];
    F.obAll(S.code).reverse().forEach(function (item) {
      // Stored already (another tab, or an answer that got lost): it stays in the outbox
      // until its own 2xx arrives, but is shown once, as saved.
      if (!stored.has(item.cid)) nodes.push(renderWaiting(item, isCollecting));
    });
    var saved = Array.from(S.mine.values()).sort(function (a, b) { return b.id - a.id; });
    saved.forEach(function (note) { nodes.push(renderSaved(note, isCollecting)); });
    Array.from(list.children).forEach(function (c) { if (nodes.indexOf(c) < 0) list.removeChild(c); });
    nodes.forEach(function (node, i) {
      if (list.children[i] !== node) list.insertBefore(node, list.children[i] || null);
    });
    $("mine-empty").hidden = nodes.length > 0;
  }

  function renderWaiting(item, isCollecting) {
    var li = el("li", "note");
    li.appendChild(noteText(item.text));
    var foot = el("div", "note-foot");
    var earlier = item.round !== null && item.round !== roundId();
    if (item.error) {
      var why = item.error === "unsent_draft" ? t("stateDraftKept")
        : item.error === "round_closed" || item.error === "wrong_phase" ? t("stateTooLate")
        : t("stateFailed", { reason: errorText(item.error) });
      foot.appendChild(el("span", "note-state failed", why));
      // Back into the box only where it can be sent: this round, while writing.
      if (isCollecting) foot.appendChild(button(t(earlier ? "useHere" : "backToDraft"), function () { toDraft(item); }));
      foot.appendChild(button(t("del"), function () { dropItem(item); }));
    } else {
      foot.appendChild(el("span", "note-state sending", t(earlier ? "stateSendingEarlier" : "stateSending")));
    }
    li.appendChild(foot);
    return li;
  }

  function noteText(text) {
    var p = el("p", "note-text", text);
    p.dir = "auto";  // a note in Arabic or Hebrew runs right to left
    return p;
  }

  function renderSaved(note, isCollecting) {
    if (S.editing === note.id && isCollecting) {
      var open = $("edit-" + note.id);
      return open ? open.closest("li") : renderEditor(note);
    }
    var li = el("li", "note");
    li.appendChild(noteText(note.text));
    var foot = el("div", "note-foot");
    foot.appendChild(el("span", "note-state saved", t(note.late ? "stateSavedLate" : "stateSaved")));
    if (isCollecting) {
      foot.appendChild(button(t("edit"), function () {
        S.editing = note.id; S.editText = note.text; F.render();
      }));
      foot.appendChild(button(t("del"), function () { deleteNote(note); }));
    }
    li.appendChild(foot);
    return li;
  }

  function renderEditor(note) {
    var li = el("li", "note");
    var label = el("label", "visually-hidden", t("editLabel"));
    label.htmlFor = "edit-" + note.id;
    var box = el("textarea");
    box.id = "edit-" + note.id;
    box.dir = "auto";
    box.value = S.editText;
    var counter = el("span", "counter");
    counter.id = "edit-counter";
    box.setAttribute("aria-describedby", "edit-counter");
    var save = button(t("save"), function () { saveEdit(note, box.value); });
    function count() {
      S.editText = box.value;
      showCount(counter, save, graphemes(box.value));
    }
    box.addEventListener("input", count);
    li.appendChild(label);
    li.appendChild(box);
    var actions = el("div", "note-foot");
    actions.appendChild(counter);
    actions.appendChild(save);
    actions.appendChild(button(t("cancel"), function () { S.editing = null; F.render(); }));
    li.appendChild(actions);
    var error = el("p", "error");
    error.id = "edit-error";
    error.setAttribute("role", "alert");
    error.hidden = true;
    li.appendChild(error);
    count();
    setTimeout(function () { box.focus(); }, 0);
    return li;
  }

  function showCount(counter, sendButton, n) {
    counter.textContent = t(n > S.max ? "counterOver" : "counter", { n: n, max: S.max });
    counter.classList.toggle("over", n > S.max);
    sendButton.disabled = n > S.max;
  }

  function updateCounter() {
    showCount($("counter"), $("send"), graphemes($("note-text").value));
  }

  F.adoptDraft = adoptDraft;
  F.collecting = collecting;
  F.flush = flush;
  F.noteText = noteText;
  F.onSend = onSend;
  F.reachable = reachable;
  F.renderMine = renderMine;
  F.retryNow = retryNow;
  F.saveDraft = saveDraft;
  F.updateCounter = updateCounter;
  F.waiting = waiting;
})();
