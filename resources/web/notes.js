/* Notes that are never lost: writing, the outbox, editing and deleting one's own.
 * The OUTBOX is in localStorage; an item leaves it only after a 2xx for its
 * client_note_id, so Wi-Fi, a reload or a crash never loses a note (the server's
 * idempotency makes retries safe). Its own file: the page's most delicate promise.
 */
"use strict";
(function () {
  var F = window.FAC, S = F.S, $ = F.$, K = F.K;
  var announce = F.announce, api = F.api, button = F.button, codeOf = F.codeOf, el = F.el,
    errorText = F.errorText, newClientId = F.newClientId, setError = F.setError,
    store = F.store, t = F.t;
  var RETRY_CAP_MS = 30000;

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
    F.render();
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
      F.setConnection(true);
    } else if (res.status === 401) {
      F.forgetToken();  // the outbox stays: it is sent once this phone has joined again
    } else if (res.status === 429 || res.status === 503) {
      item.next = Date.now() + Math.max(1, res.retryAfter) * 1000;
      saveOutbox();
    } else if (res.status >= 400 && res.status < 500 && res.status !== 408) {
      item.error = codeOf(res);  // kept, with its text, until the person decides
      saveOutbox();
    } else {
      // Network or server trouble (408: the body came too slowly, a weak signal):
      // capped exponential backoff with jitter.
      item.tries += 1;
      var delay = Math.min(RETRY_CAP_MS, 1000 * Math.pow(2, item.tries));
      item.next = Date.now() + delay * (0.5 + Math.random() * 0.5);
      saveOutbox();
      F.setConnection(false);
    }
    F.render();
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
    F.render();
  }

  // -- my notes: edit and delete while collecting ----------------------------------

  function saveEdit(note, text) {
    api("PATCH", "/api/notes/" + note.id, { text: text }).then(function (res) {
      if (res.status === 200) {
        res.data.note.client_note_id = note.client_note_id;
        S.mine.set(note.id, res.data.note);
        S.editing = null;
        announce(t("announceSaved"));
      } else if (res.status === 401) { F.forgetToken(); return; }
      else { setError("note-error", errorText(codeOf(res))); }
      F.render();
    });
  }

  function deleteNote(note) {
    if (!window.confirm(t("confirmDelete"))) return;
    api("DELETE", "/api/notes/" + note.id).then(function (res) {
      if (res.status === 200 || res.status === 404) {
        S.mine.delete(note.id);
        announce(t("announceDeleted"));
      } else if (res.status === 401) { F.forgetToken(); return; }
      else { setError("note-error", errorText(codeOf(res))); }
      F.render();
    });
  }

  // -- my notes on screen: waiting ones first, then the saved ones ----------------

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
      actions.appendChild(button(t("cancel"), function () { S.editing = null; F.render(); }));
      li.appendChild(actions);
      setTimeout(function () { box.focus(); }, 0);
      return li;
    }
    li.appendChild(el("p", "note-text", note.text));
    var foot = el("div", "note-foot");
    foot.appendChild(el("span", "note-state saved", t("stateSaved")));
    if (collecting) {
      foot.appendChild(button(t("edit"), function () { S.editing = note.id; F.render(); }));
      foot.appendChild(button(t("del"), function () { deleteNote(note); }));
    }
    li.appendChild(foot);
    return li;
  }

  function updateCounter() {
    var n = Array.from($("note-text").value).length;
    var c = $("counter");
    c.textContent = t(n > S.max ? "counterOver" : "counter", { n: n, max: S.max });
    c.classList.toggle("over", n > S.max);
    $("send").disabled = n > S.max;
  }

  F.flush = flush;
  F.onSend = onSend;
  F.renderMine = renderMine;
  F.retryNow = retryNow;
  F.updateCounter = updateCounter;
})();
