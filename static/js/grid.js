/* Fast data entry on the realisation and budget grids (tables marked data-grid).
 *
 * - Enter / Shift+Enter and the up/down arrows move to the same column in the next /
 *   previous row; Tab / Shift+Tab and left/right (at the start or end of the text) move
 *   along the cells; Escape restores the cell's stored value.
 * - A row is saved when the cursor leaves it (its own htmx form; Ctrl+Enter or Ctrl+S
 *   saves at once). Rows save one after another, never all at the same time.
 * - Pasting several lines (a column copied from Excel; tabs spread over the next cells)
 *   fills the rows below; the pasted rows are saved like rows left behind.
 * - Changed rows are marked until saved; a line above the table counts them; leaving the
 *   page with unsaved rows asks first. A row the server refused keeps its mark
 *   (data-grid-status="galat" on the re-rendered row).
 * No inline script anywhere: the Content Security Policy forbids it. */
(function () {
  "use strict";
  var SEL = "input[type=text], input:not([type]), select, textarea";
  var antre = [];
  var menyimpan = null;

  function grid(el) { return el && el.closest ? el.closest("[data-grid]") : null; }

  function sel(tr) {
    return Array.prototype.filter.call(tr.querySelectorAll(SEL), function (c) {
      return !c.disabled && !c.readOnly && c.offsetParent !== null;
    });
  }

  function baris(g) {
    return Array.prototype.filter.call(g.querySelectorAll("tbody tr"), function (tr) {
      return sel(tr).length > 0;
    });
  }

  // The column a cell belongs to: the field name without the row's prefix ("r12-nilai");
  // a qualitative value (nilai_teks) sits in the same column as a number.
  function kolom(c) {
    return (c.name || "").split("-").pop().replace(/_teks$/, "");
  }

  function berubah(c) {
    if (c.type === "file") { return c.files && c.files.length > 0; }
    if (c.tagName === "SELECT") {
      return Array.prototype.some.call(c.options, function (o) {
        return o.selected !== o.defaultSelected;
      });
    }
    if (c.type === "checkbox") { return c.checked !== c.defaultChecked; }
    return c.value !== c.defaultValue;
  }

  function barisBerubah(tr) {
    return Array.prototype.some.call(tr.querySelectorAll("input, select, textarea"), berubah);
  }

  function tandai(tr) {
    tr.classList.toggle("grid-berubah", barisBerubah(tr));
    ringkas(grid(tr));
  }

  function ringkas(g) {
    if (!g || !g.querySelector(SEL)) { return; }  // read-only: nothing to explain
    var info = g.previousElementSibling;
    if (!info || !info.hasAttribute("data-grid-info")) {
      info = document.createElement("div");
      info.setAttribute("data-grid-info", "");
      info.setAttribute("role", "status");
      info.setAttribute("aria-live", "polite");
      info.className = "grid-info small";
      g.parentNode.insertBefore(info, g);
    }
    var ubah = g.querySelectorAll("tr.grid-berubah").length;
    var galat = g.querySelectorAll("tr[data-grid-status=galat]").length;
    var teks = [];
    if (ubah) { teks.push(ubah + " baris belum disimpan"); }
    if (galat) { teks.push(galat + " baris ditolak, periksa pesan merahnya"); }
    info.textContent = teks.length ? teks.join(" · ") :
      "Enter atau panah pindah sel; baris tersimpan saat Anda meninggalkannya. " +
      "Tempel satu kolom dari Excel untuk mengisi beberapa baris sekaligus.";
    info.classList.toggle("text-warning-emphasis", teks.length > 0);
  }

  function formulir(tr) {
    var c = tr.querySelector("input[form], select[form], textarea[form]");
    return (c && c.form) || tr.querySelector("form[hx-post]");
  }

  function simpan(tr) {
    if (!barisBerubah(tr) || antre.indexOf(tr) >= 0) { return; }
    antre.push(tr);
    lanjut();
  }

  function lanjut() {
    if (menyimpan || !antre.length) { return; }
    var tr = antre.shift();
    var f = tr.isConnected ? formulir(tr) : null;
    if (!f || !barisBerubah(tr)) { lanjut(); return; }
    var g = grid(tr);
    menyimpan = f;
    tr.classList.add("grid-menyimpan");
    // On the form itself: once the response replaces the row, the form is detached and
    // its events no longer reach the document.
    f.addEventListener("htmx:afterRequest", function () {
      menyimpan = null;
      tr.classList.remove("grid-menyimpan");
      ringkas(g);
      lanjut();
    }, { once: true });
    if (f.requestSubmit) { f.requestSubmit(); } else { f.dispatchEvent(new Event("submit", { cancelable: true })); }
  }

  // The row the server sent back is in place once settled: count again.
  document.addEventListener("htmx:afterSettle", function (e) {
    var g = grid(e.target);
    if (g) { ringkas(g); }
  });

  function pindah(c, tujuan) {
    if (!tujuan) { return false; }
    tujuan.focus();
    if (tujuan.select && tujuan.tagName !== "SELECT") { tujuan.select(); }
    return true;
  }

  function tegak(c, arah) {
    var g = grid(c);
    var semua = baris(g);
    var i = semua.indexOf(c.closest("tr"));
    var k = kolom(c);
    for (var j = i + arah; j >= 0 && j < semua.length; j += arah) {
      var cocok = sel(semua[j]).filter(function (x) { return kolom(x) === k; })[0];
      if (cocok) { return cocok; }
    }
    return null;
  }

  function datar(c, arah) {
    var semua = [];
    baris(grid(c)).forEach(function (tr) { semua = semua.concat(sel(tr)); });
    return semua[semua.indexOf(c) + arah] || null;
  }

  function ujung(c, kiri) {
    if (c.tagName !== "INPUT" || c.selectionStart === null) { return true; }
    if (c.selectionStart !== c.selectionEnd) { return false; }
    return kiri ? c.selectionStart === 0 : c.selectionEnd === c.value.length;
  }

  document.addEventListener("keydown", function (e) {
    var c = e.target;
    if (!grid(c) || !c.matches(SEL)) { return; }
    var tr = c.closest("tr");
    var ctrl = e.ctrlKey || e.metaKey;
    if ((ctrl && e.key === "Enter") || (ctrl && (e.key === "s" || e.key === "S"))) {
      e.preventDefault();
      simpan(tr);
      return;
    }
    if (e.altKey || ctrl) { return; }
    var tujuan = null;
    if (e.key === "Enter" && c.tagName !== "TEXTAREA") {
      e.preventDefault();  // not the browser's implicit submit: Enter moves down
      tujuan = tegak(c, e.shiftKey ? -1 : 1);
      if (!tujuan) { simpan(tr); }
    } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && c.tagName === "INPUT") {
      tujuan = tegak(c, e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Tab") {
      tujuan = datar(c, e.shiftKey ? -1 : 1);
    } else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && ujung(c, e.key === "ArrowLeft")) {
      tujuan = datar(c, e.key === "ArrowLeft" ? -1 : 1);
    } else if (e.key === "Escape" && c.tagName === "INPUT") {
      c.value = c.defaultValue;
      tandai(tr);
      return;
    }
    if (tujuan && pindah(c, tujuan)) { e.preventDefault(); }
  });

  // Leaving a row saves it (focus moving within the row does not).
  document.addEventListener("focusout", function (e) {
    var c = e.target;
    if (!grid(c)) { return; }
    var tr = c.closest("tr");
    var ke = e.relatedTarget;
    if (ke && tr.contains(ke)) { return; }
    simpan(tr);
  });

  document.addEventListener("input", function (e) {
    if (grid(e.target)) { tandai(e.target.closest("tr")); }
  });
  document.addEventListener("change", function (e) {
    if (grid(e.target)) { tandai(e.target.closest("tr")); }
  });

  document.addEventListener("paste", function (e) {
    var c = e.target;
    if (!grid(c) || c.tagName !== "INPUT") { return; }
    var teks = (e.clipboardData || window.clipboardData).getData("text");
    if (!/[\n\t]/.test(teks.replace(/\r?\n$/, ""))) { return; }  // one cell: the default
    e.preventDefault();
    var semua = baris(grid(c));
    var awal = semua.indexOf(c.closest("tr"));
    var k = kolom(c);
    var isi = teks.replace(/\r/g, "").replace(/\n$/, "").split("\n");
    isi.forEach(function (garis, i) {
      var tr = semua[awal + i];
      if (!tr) { return; }
      var sel_ = sel(tr);
      var mulai = sel_.map(kolom).indexOf(k);
      if (mulai < 0) { return; }
      garis.split("\t").forEach(function (v, j) {
        var x = sel_[mulai + j];
        if (x && x.tagName === "INPUT") { x.value = v.trim(); }
      });
      tandai(tr);
      if (tr !== c.closest("tr")) { simpan(tr); }
    });
  });

  window.addEventListener("beforeunload", function (e) {
    var belum = document.querySelector("[data-grid] tr.grid-berubah, [data-grid] tr[data-grid-status=galat]");
    if (belum || menyimpan || antre.length) {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  Array.prototype.forEach.call(document.querySelectorAll("[data-grid]"), ringkas);
})();
