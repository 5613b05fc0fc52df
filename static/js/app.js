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
  // htmx fires afterSettle on each settled element (the target, or the new nodes of an outerHTML
  // swap); the requesting element itself may already be detached, so it is not a useful scope.
  document.addEventListener("htmx:afterSettle", function (event) {
    var scope = event.target;
    if (!scope || !scope.isConnected || !scope.querySelector) {
      return;
    }
    var target = scope.matches("[data-autofocus]") ? scope : scope.querySelector("[data-autofocus]");
    if (target && document.activeElement !== target) {
      target.focus();
    }
  });
})();
