// Charts arrive as SVG drawn by the server (dispatch_stats/chart_svg.py) beside their data
// tables, so a page with charts runs no chart code to show them. plotly.js (1.2 MB, a long task
// on a phone) is fetched only when the reader asks for the interactive chart: the button under
// a chart, or the mouse or pen over it. Its URL and stylesheet are this script's data-plotly-src
// and data-plotly-css (hashed static files). No inline script or eval (CSP); without
// JavaScript the SVG and the tables remain and the button stays hidden.
(function () {
  "use strict";

  var script = document.currentScript;
  var plotlySrc = script ? script.getAttribute("data-plotly-src") : null;
  var plotlyCss = script ? script.getAttribute("data-plotly-css") : null;
  var loading = null;

  function loadPlotly() {
    if (window.Plotly) {
      return Promise.resolve(window.Plotly);
    }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        if (plotlyCss) {
          var sheet = document.createElement("link");
          sheet.rel = "stylesheet";
          sheet.href = plotlyCss;
          document.head.appendChild(sheet);
        }
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

  function buttonFor(container) {
    return document.querySelector('button[data-chart="' + container.id + '"]');
  }

  function draw(container) {
    var source = document.getElementById(container.getAttribute("data-figure"));
    if (!source || !plotlySrc || container.hasAttribute("data-chart-started")) {
      return;
    }
    container.setAttribute("data-chart-started", "");
    container.setAttribute("aria-busy", "true");
    loadPlotly().then(function (Plotly) {
      var figure = JSON.parse(source.textContent);
      var config = {
        responsive: true,
        displaylogo: false,
        modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"]
      };
      var svg = container.querySelector(".chart-svg");
      if (svg) {
        svg.parentNode.removeChild(svg); // plotly's own drawing takes its place
      }
      return Plotly.newPlot(container, figure.data, figure.layout, config);
    }).then(function () {
      container.classList.add("chart-drawn");
      container.removeAttribute("aria-busy");
      var button = buttonFor(container);
      if (button) {
        button.parentNode.hidden = true;
      }
    }, function () {
      container.removeAttribute("data-chart-started"); // the SVG stays; the button can retry
      container.removeAttribute("aria-busy");
    });
  }

  function offer(container) {
    var button = buttonFor(container);
    if (!button || container.hasAttribute("data-chart-offered")) {
      return;
    }
    container.setAttribute("data-chart-offered", "");
    button.parentNode.hidden = false;
    button.addEventListener("click", function () { draw(container); });
    // Focus on the button starts the download, so a click finds plotly (nearly) there.
    button.addEventListener("focus", function () { loadPlotly().catch(function () {}); });
    container.addEventListener("pointerenter", function (event) {
      if (event.pointerType === "mouse" || event.pointerType === "pen") {
        draw(container);
      }
    });
  }

  function watch(root) {
    var charts = (root || document).querySelectorAll(".chart[data-figure]");
    for (var i = 0; i < charts.length; i++) {
      offer(charts[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { watch(); });
  } else {
    watch();
  }
  // Charts swapped in by htmx (a refreshed section) get their button too.
  document.addEventListener("htmx:afterSettle", function (event) { watch(event.target); });
})();
