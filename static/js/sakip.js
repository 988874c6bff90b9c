/* Behaviour that templates ask for with data- attributes; the Content Security Policy
 * allows no inline script or on…= handler.
 *   data-kirim-otomatis      a select that submits its form when changed
 *   data-konfirmasi="teks"   a button (or form) that asks before submitting
 *   data-cetak               a button that prints the page
 *   data-kembali             a link that goes back in history (its href is the fallback) */
(function () {
  "use strict";
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
  }, true);
})();
