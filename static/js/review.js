// The review composer never loses what was typed: the fields are kept in localStorage while
// typing (per paragraph) and put back when the page is opened again, until the server says
// the review was sent. Without this file the form still works as a plain POST.
(function () {
  "use strict";
  var FIELDS = ["body", "suggested_text"];

  function storageKey(form) {
    return "composer:" + form.getAttribute("data-draft-key");
  }

  function restore(form) {
    var saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(storageKey(form)) || "null");
    } catch (e) {
      saved = null;
    }
    if (!saved) return;
    FIELDS.forEach(function (name) {
      var field = form.elements[name];
      // A refused form comes back filled by the server: that text wins.
      if (field && saved[name] && !form.querySelector(".errorlist") && field.defaultValue === field.value) {
        field.value = saved[name];
      }
    });
  }

  function save(form) {
    var draft = {};
    FIELDS.forEach(function (name) {
      if (form.elements[name]) draft[name] = form.elements[name].value;
    });
    try {
      window.localStorage.setItem(storageKey(form), JSON.stringify(draft));
    } catch (e) {
      // Storage full or disabled: the server still keeps a refused text.
    }
  }

  function wire(root) {
    var sent = Boolean(root.querySelector("[data-review-sent]"));
    root.querySelectorAll("form[data-draft-key]").forEach(function (form) {
      if (form.dataset.draftWired) return;
      form.dataset.draftWired = "1";
      // The server said the review was sent: the kept draft has done its job.
      if (sent) window.localStorage.removeItem(storageKey(form));
      else restore(form);
      form.addEventListener("input", function () { save(form); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  document.addEventListener("htmx:afterSettle", function () { wire(document); });
})();
