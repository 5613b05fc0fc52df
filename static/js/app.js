// Small progressive enhancements; every action also works without this file.
(function () {
  "use strict";

  // Confirm destructive actions declared with data-confirm (no inline handlers: CSP).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // After an HTMX swap, move focus to an element that asks for it (keyboard users keep their place).
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.elt && event.detail.elt.querySelector
      ? event.detail.elt.querySelector("[data-autofocus]")
      : null;
    if (target) {
      target.focus();
    }
  });
})();
