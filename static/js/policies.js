// Comments page: let HTMX show the server's refusal (403) and validation messages in place.
// Without this file every form still works as a plain POST.
(function () {
  "use strict";

  document.addEventListener("htmx:beforeSwap", function (event) {
    var elt = event.detail.elt;
    var status = event.detail.xhr.status;
    if (elt && elt.closest && elt.closest("[data-swap-errors]") && (status === 403 || status === 422)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
