// Draws every chart whose figure JSON sits in a json_script element named by data-figure.
// plotly.js (1.2 MB) is fetched only on pages that have a chart, and only when a chart comes
// near the viewport, so the headline and the data tables render and respond first. Its URL is
// this script's data-plotly-src (the hashed static file). No inline script or eval (CSP);
// without JavaScript the data tables beside the charts remain.
(function () {
  "use strict";

  var script = document.currentScript;
  var plotlySrc = script ? script.getAttribute("data-plotly-src") : null;
  var loading = null;

  function loadPlotly() {
    if (window.Plotly) {
      return Promise.resolve(window.Plotly);
    }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = plotlySrc;
        tag.async = true;
        tag.onload = function () { resolve(window.Plotly); };
        tag.onerror = function () { loading = null; reject(new Error("plotly.js did not load")); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-figure"));
    if (!source || !plotlySrc || container.hasAttribute("data-chart-started")) {
      return;
    }
    container.setAttribute("data-chart-started", "");
    loadPlotly().then(function (Plotly) {
      var figure = JSON.parse(source.textContent);
      var config = {
        responsive: true,
        displaylogo: false,
        modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"]
      };
      return Plotly.newPlot(container, figure.data, figure.layout, config);
    }).then(function () {
      container.classList.add("chart-drawn");
    }, function () {
      container.removeAttribute("data-chart-started"); // the table stays; try on next view
    });
  }

  var observer = "IntersectionObserver" in window
    ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, { rootMargin: "300px 0px" })
    : null;

  function watch(root) {
    var charts = (root || document).querySelectorAll(".chart[data-figure]:not([data-chart-started])");
    for (var i = 0; i < charts.length; i++) {
      if (observer) {
        observer.observe(charts[i]);
      } else {
        draw(charts[i]);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { watch(); });
  } else {
    watch();
  }
  // Charts swapped in by htmx (a refreshed section) are watched too.
  document.addEventListener("htmx:afterSettle", function (event) { watch(event.target); });
})();
