// With JavaScript the charts are drawn, so their data tables start folded under them; without
// it the tables stay open where the charts would be (the server renders them open).
(function () {
  "use strict";

  function fold() {
    var tables = document.querySelectorAll("details.chart-data[data-fold-with-js]");
    for (var i = 0; i < tables.length; i++) {
      tables[i].removeAttribute("open");
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fold);
  } else {
    fold();
  }
})();
