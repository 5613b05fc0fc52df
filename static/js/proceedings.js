// Attendance sheet: let HTMX show the server's refusal (409 stale, 422 bad time) in place.
// Without this file every form still works as a plain POST.
(function () {
  "use strict";

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var status = detail.xhr.status;
    var target = detail.target;
    var optedIn = target && target.closest && target.closest("[data-swap-errors]");
    if (optedIn && (status === 400 || status === 403 || status === 409 || status === 422)) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });
})();
