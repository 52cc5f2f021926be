// The enquiry report's charts, drawn from the data-chart attribute (no inline script: CSP).
// The table on the page holds the same figures for readers who cannot see the charts.
"use strict";

(function () {
  const holder = document.querySelector(".report-charts[data-chart]");
  if (!holder || typeof Chart === "undefined") {
    return;
  }
  const data = JSON.parse(holder.dataset.chart);
  const colours = ["#a3161a", "#1e6b34", "#1d4f91", "#b06f00", "#5c636a", "#6f2c91", "#0f7b7b"];
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.maintainAspectRatio = false;

  // One chart of the report: a dataset per series, each in its colour (`style(colour)` gives
  // the series' look), titled, over the report's months.
  function draw(id, type, title, series, style, scales) {
    new Chart(document.getElementById(id), {
      type: type,
      data: {
        labels: data.labels,
        datasets: series.map((set, i) => ({
          label: set.label, data: set.data, ...style(colours[i % colours.length]),
        })),
      },
      options: { plugins: { title: { display: true, text: title } }, scales: scales },
    });
  }

  draw("chart-volume", "bar", data.volumeTitle, data.volume,
    (colour) => ({ backgroundColor: colour }),
    { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } });
  draw("chart-rates", "line", data.ratesTitle, data.rates,
    (colour) => ({ borderColor: colour, backgroundColor: colour, spanGaps: true, tension: 0.2 }),
    { y: { min: 0, max: 100 } });
})();
