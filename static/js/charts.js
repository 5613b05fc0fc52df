// Draws every chart whose figure JSON sits in a json_script element named by data-figure.
// No inline script or eval (CSP); without JavaScript the data tables beside the charts remain.
(function () {
  "use strict";

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-figure"));
    if (!source || !window.Plotly) {
      return;
    }
    var figure = JSON.parse(source.textContent);
    var config = {
      responsive: true,
      displaylogo: false,
      modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"]
    };
    window.Plotly.newPlot(container, figure.data, figure.layout, config).then(function () {
      container.classList.add("chart-drawn");
    });
  }

  function drawAll() {
    var charts = document.querySelectorAll(".chart[data-figure]");
    for (var i = 0; i < charts.length; i++) {
      draw(charts[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
