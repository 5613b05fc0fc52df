// The report's drafting screens; every action also works without this file.
(function () {
  "use strict";

  // A refused form (409 stale, 422 invalid) comes back with what was typed: swap it in when the
  // form opted in with data-swap-errors (htmx swaps only 2xx answers by default).
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var source = detail.requestConfig ? detail.requestConfig.elt : null;
    var status = detail.xhr.status;
    var optedIn = source && source.closest && source.closest("[data-swap-errors]");
    if ((status === 409 || status === 422) && optedIn) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });

  // After the outline is swapped, keyboard focus goes back to the control that was used
  // (a move button) or the item that changed: the outline names it in data-focus.
  document.addEventListener("htmx:afterSettle", function () {
    var outline = document.getElementById("outline");
    if (!outline) {
      return;
    }
    var id = outline.getAttribute("data-focus");
    outline.removeAttribute("data-focus");
    var target = id ? document.getElementById(id) : null;
    if (target) {
      target.focus();
    }
  });
})();
