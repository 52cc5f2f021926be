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

  new Chart(document.getElementById("chart-volume"), {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.volume.map((set, i) => ({
        label: set.label, data: set.data, backgroundColor: colours[i % colours.length],
      })),
    },
    options: {
      plugins: { title: { display: true, text: data.volumeTitle } },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
    },
  });

  new Chart(document.getElementById("chart-rates"), {
    type: "line",
    data: {
      labels: data.labels,
      datasets: data.rates.map((set, i) => ({
        label: set.label, data: set.data, borderColor: colours[i % colours.length],
        backgroundColor: colours[i % colours.length], spanGaps: true, tension: 0.2,
      })),
    },
    options: {
      plugins: { title: { display: true, text: data.ratesTitle } },
      scales: { y: { min: 0, max: 100 } },
    },
  });
})();
