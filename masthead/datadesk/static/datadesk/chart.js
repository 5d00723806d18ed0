// Tooltips for charts: the chart is complete without this script (an SVG drawn on the
// server, its figures in the "Show data" table). Pointing at a line or bar chart shows the
// nearest row of that table.
(function () {
  "use strict";
  // The plot area in the SVG's own units (charts/svg.py: left 64, right 544 of 560).
  var LEFT = 64 / 560, RIGHT = 544 / 560;
  function setUp(figure) {
    var svg = figure.querySelector("svg");
    var rows = figure.querySelectorAll(".chart__table tbody tr");
    var heads = figure.querySelectorAll(".chart__table thead th");
    if (!svg || rows.length < 2 || figure.classList.contains("chart--big_number")) return;
    var tip = document.createElement("div");
    tip.className = "chart__tip";
    tip.hidden = true;
    tip.setAttribute("aria-hidden", "true");
    figure.style.position = "relative";
    figure.appendChild(tip);
    svg.addEventListener("pointermove", function (event) {
      var box = svg.getBoundingClientRect();
      var at = ((event.clientX - box.left) / box.width - LEFT) / (RIGHT - LEFT);
      if (at < 0 || at > 1) { tip.hidden = true; return; }
      var row = rows[Math.min(rows.length - 1, Math.round(at * (rows.length - 1)))];
      var cells = row.children, text = cells[0].textContent;
      for (var i = 1; i < cells.length; i++) {
        text += " · " + (heads[i] ? heads[i].textContent + ": " : "") + cells[i].textContent;
      }
      tip.textContent = text;
      tip.hidden = false;
      var figureBox = figure.getBoundingClientRect();
      tip.style.left = Math.min(event.clientX - figureBox.left + 12, figureBox.width - tip.offsetWidth) + "px";
      tip.style.top = (event.clientY - figureBox.top - 32) + "px";
    });
    svg.addEventListener("pointerleave", function () { tip.hidden = true; });
  }
  document.querySelectorAll("figure[data-chart]").forEach(setUp);
})();
