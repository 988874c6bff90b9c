/* Charts of the capaian dashboard. Data comes from the page (json_script "data-grafik");
 * this file only draws it. Numbers arrive as text and are parsed for drawing only. */
(function () {
  "use strict";
  var sumber = document.getElementById("data-grafik");
  if (!sumber || typeof Chart === "undefined") { return; }
  var data = JSON.parse(sumber.textContent);
  var gaya = getComputedStyle(document.documentElement);
  var warna = function (nama) { return gaya.getPropertyValue("--bs-" + nama).trim() || "#6c757d"; };
  // Category badge class from the server → the same Bootstrap colour for the bar.
  var warnaKategori = {
    "text-bg-success": warna("success"), "text-bg-primary": warna("primary"),
    "text-bg-info": warna("info"), "text-bg-warning": warna("warning"),
    "text-bg-danger": warna("danger")
  };
  var angka = function (v) { return v === null ? null : parseFloat(v); };
  var persen = function (v) {
    return v === null ? "belum ada data" : v.toLocaleString("id-ID", { maximumFractionDigits: 2 }) + "%";
  };
  var pendek = function (teks) { return teks.length > 38 ? teks.slice(0, 36) + "…" : teks; };
  // A dashed line across the plot at 100 % (target reached).
  var garisSeratus = {
    id: "garisSeratus",
    afterDatasetsDraw: function (chart) {
      var y = chart.scales.y.getPixelForValue(100);
      var area = chart.chartArea;
      if (y < area.top || y > area.bottom) { return; }
      var ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = warna("dark");
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(area.left, y);
      ctx.lineTo(area.right, y);
      ctx.stroke();
      ctx.restore();
    }
  };
  Chart.defaults.locale = "id-ID";
  Chart.defaults.font.size = 11;

  var iku = document.getElementById("grafik-iku");
  if (iku) {
    new Chart(iku, {
      data: {
        labels: data.iku.label.map(pendek),
        datasets: [
          { type: "bar", label: "Capaian", data: data.iku.capaian.map(angka), maxBarThickness: 90,
            backgroundColor: data.iku.kelas.map(function (k) { return warnaKategori[k] || warna("secondary"); }) }
        ]
      },
      plugins: [garisSeratus],
      options: {
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: {
            title: function (i) { return data.iku.label[i[0].dataIndex]; },
            label: function (i) {
              return persen(i.raw) + (data.iku.kategori[i.dataIndex] ? " · " + data.iku.kategori[i.dataIndex] : "");
            }
          } }
        },
        scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return v.toLocaleString("id-ID") + "%"; } } } }
      }
    });
  }

  var tren = document.getElementById("grafik-tren");
  if (tren) {
    var palet = ["primary", "danger", "success", "warning", "info", "secondary", "dark"];
    new Chart(tren, {
      type: "line",
      data: {
        labels: data.tren.tahun.map(String),
        datasets: data.tren.seri.map(function (s, i) {
          var w = warna(palet[i % palet.length]);
          return { label: pendek(s.label), data: s.data.map(angka), borderColor: w, backgroundColor: w,
                   spanGaps: false, tension: 0.1, pointRadius: 4 };
        })
      },
      plugins: [garisSeratus],
      options: {
        maintainAspectRatio: false,
        plugins: {
          legend: { position: "bottom", labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: function (i) { return pendek(i.dataset.label) + ": " + persen(i.raw); } } }
        },
        scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return v.toLocaleString("id-ID") + "%"; } } } }
      }
    });
  }
})();
