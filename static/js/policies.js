// Comments page: let HTMX show the server's refusal (403) and validation messages in place.
// Without this file every form still works as a plain POST.
(function () {
  "use strict";

  function optedIn(el) {
    return Boolean(el && el.closest && el.closest("[data-swap-errors]"));
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var source = detail.requestConfig ? detail.requestConfig.elt : null;
    var status = detail.xhr.status;
    if ((status === 403 || status === 422) && (optedIn(source) || optedIn(detail.target))) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });
})();
