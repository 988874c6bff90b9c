/* Behaviour that templates ask for with data- attributes; the Content Security Policy
 * allows no inline script or on…= handler.
 *   data-kirim-otomatis      a select that submits its form when changed
 *   data-konfirmasi="teks"   a button (or form) that asks before submitting
 *   data-cetak               a button that prints the page
 *   data-kembali             a link that goes back in history (its href is the fallback)
 *   data-unduh="teks"        a download link whose file takes seconds to make (a PDF laid
 *                            out on request): the link says `teks` and a spinner until the
 *                            file arrives, takes no second click meanwhile, and a failure
 *                            is said beside it instead of leaving the page
 *   data-jumlah-kolom        a table whose <output data-jumlah-hasil> shows, as the user
 *                            types, the sum of the inputs in its [data-jumlah-sel] cells;
 *                            a row whose [data-jumlah-label] input is blank is not saved,
 *                            so it is not counted */
(function () {
  "use strict";
  function jumlahkan(tabel) {
    var total = 0;
    tabel.querySelectorAll("[data-jumlah-sel] input").forEach(function (i) {
      var label = i.closest("tr").querySelector("[data-jumlah-label] input");
      var n = parseInt(i.value.replace(/\./g, ""), 10);
      if (!isNaN(n) && !(label && !label.value.trim())) { total += n; }
    });
    tabel.querySelector("output[data-jumlah-hasil]").textContent = total.toLocaleString("id-ID");
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-jumlah-kolom]").forEach(jumlahkan);
  });
  document.addEventListener("input", function (e) {
    var tabel = e.target.closest && e.target.closest("[data-jumlah-kolom]");
    if (tabel) { jumlahkan(tabel); }
  });
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches && el.matches("[data-kirim-otomatis]") && el.form) {
      el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    }
  });
  document.addEventListener("click", function (e) {
    var tombol = e.target.closest && e.target.closest("[data-konfirmasi]");
    if (tombol && !window.confirm(tombol.getAttribute("data-konfirmasi"))) {
      e.preventDefault();
      e.stopPropagation();
    }
    if (e.target.closest && e.target.closest("[data-cetak]")) {
      window.print();
    }
    if (e.target.closest && e.target.closest("[data-kembali]") && window.history.length > 1) {
      e.preventDefault();
      window.history.back();
    }
    var unduh = e.target.closest && e.target.closest("a[data-unduh]");
    if (unduh && window.fetch && !e.defaultPrevented && !e.ctrlKey && !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      unduhBerkas(unduh);
    }
  }, true);

  function namaBerkas(kepala, cadangan) {
    var m = /filename\*=UTF-8''([^;]+)/i.exec(kepala || "");
    if (m) return decodeURIComponent(m[1]);
    m = /filename="?([^";]+)"?/i.exec(kepala || "");
    return m ? m[1] : cadangan;
  }

  function unduhBerkas(tautan) {
    if (tautan.getAttribute("aria-busy") === "true") return;
    var isi = tautan.innerHTML;
    var galat = tautan.parentNode.querySelector(".unduh-galat");
    if (galat) galat.remove();
    tautan.setAttribute("aria-busy", "true");
    tautan.classList.add("disabled");
    tautan.innerHTML = '<span class="spinner-border spinner-border-sm" aria-hidden="true"></span> ';
    tautan.appendChild(document.createTextNode(tautan.getAttribute("data-unduh")));
    function selesai() {
      tautan.innerHTML = isi;
      tautan.classList.remove("disabled");
      tautan.removeAttribute("aria-busy");
    }
    fetch(tautan.href, {credentials: "same-origin"}).then(function (r) {
      var cd = r.headers.get("Content-Disposition") || "";
      if (r.ok && !/attachment/i.test(cd)) {
        // Not a file (the session ended: the login page): let the browser go there.
        window.location.href = tautan.href;
        return null;
      }
      if (!r.ok) throw new Error(r.status);
      return r.blob().then(function (blob) {
        var a = document.createElement("a");
        a.href = URL.createObjectURL(blob);
        a.download = namaBerkas(cd, "unduhan");
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
      });
    }).then(selesai, function (err) {
      selesai();
      var p = document.createElement("div");
      p.className = "unduh-galat small text-danger mt-1";
      p.setAttribute("role", "alert");
      p.textContent = "Berkas gagal disiapkan" + (/^\d+$/.test(err.message) ?
        " (kode " + err.message + ")" : "") + ". Coba lagi; bila terulang, hubungi admin.";
      tautan.insertAdjacentElement("afterend", p);
    });
  }
})();
