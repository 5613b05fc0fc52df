// Consultation desk: let HTMX show the server's refusals (409 stale, 422 invalid) in place,
// inside elements marked data-swap-errors. Without this file every form is a plain POST.
(function () {
  "use strict";

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var status = detail.xhr.status;
    if ((status === 409 || status === 422) && detail.target && detail.target.closest &&
        detail.target.closest("[data-swap-errors]")) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });
})();
