// The comment composer of every commented page (a question's comments, a report paragraph's
// reviews): nobody loses their words. Without this file every form still works as a plain
// POST, and a refused post comes back with the text in the box.
//
// - A local draft per page scope and per box (new comment, reply to N, edit of N) holds every
//   field the person fills in (texts, stance, choices; not the hidden tokens). It is kept in
//   localStorage while typing and restored after a reload or a crash; it is dropped only when
//   the server says the post is stored (the "policies:comment-stored" event, HX-Trigger).
// - Refusals (4xx) come back from the server as the composer, text kept, and are swapped in by
//   the htmx-config in base.html. Anything that is not a composer (a 5xx page, a login page, a
//   403 page), a network failure or a timeout leaves the box as it is and says so inside it.
// - Opening a reply or edit box while the open box holds text asks first.
(function () {
  "use strict";

  var PREFIX = "policies-draft:";
  // A draft nobody came back to for this long is dropped (the device may be shared).
  var MAX_AGE_MS = 30 * 24 * 3600 * 1000;
  var COMPOSER_MARK = "data-composer";

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // private mode or blocked: drafts are a convenience, posting still works
    }
  }

  function composerOf(el) {
    return el && el.closest ? el.closest("[" + COMPOSER_MARK + "]") : null;
  }

  function currentComposer() {
    return document.querySelector("[" + COMPOSER_MARK + "]");
  }

  function draftName(composer) {
    return PREFIX + composer.getAttribute("data-draft-scope") + ":" +
      composer.getAttribute("data-draft-key");
  }

  // The fields a person fills in: every named control but the hidden ones (tokens, versions)
  // and the buttons. Radio buttons count once, by name.
  var SKIPPED = {hidden: 1, submit: 1, button: 1, reset: 1, file: 1};

  function fields(composer) {
    var form = composer.querySelector("form");
    if (!form) {
      return null;
    }
    var controls = Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !SKIPPED[el.type] && el.name !== "csrfmiddlewaretoken";
    });
    return {form: form, body: form.querySelector("textarea[name='body']"), controls: controls};
  }

  function valuesOf(f) {
    var values = {};
    f.controls.forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) {
          values[el.name] = el.value;
        } else if (!(el.name in values)) {
          values[el.name] = "";
        }
      } else {
        values[el.name] = el.value;
      }
    });
    return values;
  }

  function changedText(f) {
    return f.controls.some(function (el) {
      return el.tagName === "TEXTAREA" && el !== f.body && el.value !== el.defaultValue;
    });
  }

  function save(composer) {
    var store = storage();
    var f = fields(composer);
    if (!store || !f || !f.body) {
      return;
    }
    // Emptied by its writer: nothing to keep. Otherwise kept until the server stores it.
    if (!f.body.value.trim() && !changedText(f)) {
      store.removeItem(draftName(composer));
      return;
    }
    store.setItem(draftName(composer), JSON.stringify({
      fields: valuesOf(f),
      savedAt: Date.now()
    }));
  }

  // Text the person would lose if another box replaced this one: any text in a new comment or
  // reply, or a text field changed from what the box opened with (all an edit counts).
  function isDirty(composer) {
    var f = composer ? fields(composer) : null;
    if (!f || !f.body) {
      return false;
    }
    var editing = (composer.getAttribute("data-draft-key") || "").indexOf("edit-") === 0;
    if (editing) {
      return f.body.value !== f.body.defaultValue || changedText(f);
    }
    return Boolean(f.body.value.trim()) || changedText(f);
  }

  function showMessage(composer, text) {
    var box = composer.querySelector("[data-composer-client-error]");
    if (!box) {
      return;
    }
    box.textContent = text;
    box.hidden = false;
  }

  function clearMessage(composer) {
    var box = composer.querySelector("[data-composer-client-error]");
    if (box) {
      box.hidden = true;
      box.textContent = "";
    }
  }

  function restore(composer) {
    var store = storage();
    var f = fields(composer);
    if (!store || !f || !f.body) {
      return;
    }
    var raw = store.getItem(draftName(composer));
    if (!raw) {
      return;
    }
    var draft;
    try {
      draft = JSON.parse(raw);
    } catch (e) {
      store.removeItem(draftName(composer));
      return;
    }
    // A draft kept before every field was stored (body, stance, cited).
    var kept = draft.fields || {body: draft.body, stance: draft.stance,
      cited_evidence: draft.cited};
    var current = valuesOf(f);
    var differs = Object.keys(kept).some(function (name) {
      return name in current && kept[name] !== current[name];
    });
    if (!differs) {
      return;
    }
    f.controls.forEach(function (el) {
      if (!(el.name in kept) || (!kept[el.name] && el.tagName === "SELECT")) {
        return;
      }
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = el.value === kept[el.name];
      } else {
        el.value = kept[el.name];
      }
    });
    announceRestored(composer);
  }

  function announceRestored(composer) {
    var note = document.createElement("p");
    note.className = "message message-info composer-restored";
    note.setAttribute("role", "status");
    note.setAttribute("data-composer-restored", "");
    note.textContent = composer.getAttribute("data-msg-restored") + " ";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "link-button";
    discard.textContent = composer.getAttribute("data-msg-discard");
    discard.addEventListener("click", function () {
      var f = fields(composer);
      var store = storage();
      if (store) {
        store.removeItem(draftName(composer));
      }
      if (f) {
        f.form.reset();
      }
      note.remove();
    });
    note.appendChild(discard);
    var form = composer.querySelector("form");
    composer.insertBefore(note, form);
  }

  function dropOldDrafts(store) {
    var old = [];
    for (var i = 0; i < store.length; i++) {
      var name = store.key(i);
      if (name && name.indexOf(PREFIX) === 0) {
        try {
          if (Date.now() - (JSON.parse(store.getItem(name)).savedAt || 0) > MAX_AGE_MS) {
            old.push(name);
          }
        } catch (e) {
          old.push(name);
        }
      }
    }
    old.forEach(function (name) {
      store.removeItem(name);
    });
  }

  // Drafts of other boxes of this page (a reply or an edit left unsent before a reload):
  // offer to open them, each with the link that opens that box.
  function offerOtherDrafts(composer) {
    var store = storage();
    if (!store || composer.querySelector("[data-composer-other-drafts]")) {
      return;
    }
    var scope = PREFIX + composer.getAttribute("data-draft-scope") + ":";
    var own = draftName(composer);
    var links = [];
    dropOldDrafts(store);
    for (var i = 0; i < store.length; i++) {
      var name = store.key(i);
      var match = name && name !== own && name.indexOf(scope) === 0 &&
        /^(reply|edit)-(\d+)$/.exec(name.slice(scope.length));
      if (match) {
        links.push({query: (match[1] === "reply" ? "?reply_to=" : "?edit=") + match[2]});
      }
    }
    if (!links.length || !composer.getAttribute("data-msg-other")) {
      return;
    }
    var note = document.createElement("p");
    note.className = "message message-info";
    note.setAttribute("data-composer-other-drafts", "");
    note.textContent = composer.getAttribute("data-msg-other") + " ";
    links.forEach(function (item, index) {
      var link = document.createElement("a");
      var url = window.location.pathname + item.query;
      link.href = url + "#composer";
      link.setAttribute("hx-get", url);
      link.setAttribute("hx-target", "#composer");
      link.setAttribute("hx-swap", "outerHTML");
      link.setAttribute("data-composer-open", "");
      link.textContent = composer.getAttribute("data-msg-open") + " " + (index + 1);
      note.appendChild(link);
      note.appendChild(document.createTextNode(" "));
    });
    composer.insertBefore(note, composer.querySelector("form"));
    if (window.htmx) {
      window.htmx.process(note);
    }
  }

  function setUp(root) {
    var composers = [];
    if (root.matches && root.matches("[" + COMPOSER_MARK + "]")) {
      composers.push(root);
    }
    if (root.querySelectorAll) {
      composers = composers.concat(Array.prototype.slice.call(
        root.querySelectorAll("[" + COMPOSER_MARK + "]")));
    }
    composers.forEach(function (composer) {
      if (composer.hasAttribute("data-composer-ready")) {
        return;
      }
      composer.setAttribute("data-composer-ready", "");
      restore(composer);
      offerOtherDrafts(composer);
      composer.addEventListener("input", function () {
        save(composer);
      });
      composer.addEventListener("change", function () {
        save(composer);
      });
    });
  }

  // Keep the draft current right before a request leaves (the last keystrokes included).
  document.addEventListener("htmx:beforeRequest", function (event) {
    var composer = composerOf(event.detail.elt);
    if (composer) {
      save(composer);
      clearMessage(composer);
    }
  });

  // Only a composer may replace the composer: an error page, a login page or anything else
  // the server answered stays out, and the box keeps the text (the draft is kept too).
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var composer = composerOf(detail.target);
    if (!composer || !detail.target.matches("[" + COMPOSER_MARK + "]")) {
      return;
    }
    var response = detail.serverResponse || "";
    if (response.indexOf(COMPOSER_MARK) !== -1) {
      return;
    }
    detail.shouldSwap = false;
    var status = detail.xhr ? detail.xhr.status : 0;
    showMessage(composer, composer.getAttribute(
      status >= 500 ? "data-msg-server" : "data-msg-forbidden"));
  });

  document.addEventListener("htmx:sendError", function (event) {
    var composer = composerOf(event.detail.elt);
    if (composer) {
      showMessage(composer, composer.getAttribute("data-msg-network"));
    }
  });

  document.addEventListener("htmx:timeout", function (event) {
    var composer = composerOf(event.detail.elt);
    if (composer) {
      showMessage(composer, composer.getAttribute("data-msg-timeout"));
    }
  });

  // The server stored the comment: only now is the draft of that box dropped.
  document.body.addEventListener("policies:comment-stored", function (event) {
    var store = storage();
    var detail = event.detail || {};
    if (store && detail.scope && detail.key) {
      store.removeItem(PREFIX + detail.scope + ":" + detail.key);
    }
  });

  // Opening another box (reply, edit, cancel) while this one holds text: ask first.
  document.addEventListener("htmx:confirm", function (event) {
    var elt = event.detail.elt;
    if (!elt || !elt.hasAttribute || !elt.hasAttribute("data-composer-open")) {
      return;
    }
    var composer = currentComposer();
    if (!isDirty(composer)) {
      return;
    }
    event.preventDefault();
    save(composer);
    if (window.confirm(composer.getAttribute("data-msg-switch"))) {
      event.detail.issueRequest(true);
    }
  });

  // The same question for the plain links (htmx not loaded yet, or a modified click).
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-composer-open]") : null;
    if (!link || window.htmx) {
      return;
    }
    var composer = currentComposer();
    if (isDirty(composer)) {
      save(composer);
      if (!window.confirm(composer.getAttribute("data-msg-switch"))) {
        event.preventDefault();
      }
    }
  });

  document.addEventListener("htmx:load", function (event) {
    setUp(event.detail.elt);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setUp(document);
    });
  } else {
    setUp(document);
  }
})();
