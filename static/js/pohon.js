// Renstra tree: expand/collapse all, and open the branch a saved node lives in.
(function () {
  "use strict";
  function bukaLeluhur(el) {
    for (let n = el; n; n = n.parentElement) {
      if (n.tagName === "DETAILS") n.open = true;
    }
  }
  document.querySelectorAll("[data-pohon]").forEach(function (btn) {
    btn.addEventListener("click", function () {
      const buka = btn.dataset.pohon === "buka";
      document.querySelectorAll(".tree details.simpul").forEach(function (d) {
        if (buka) d.open = true;
        else if (d.parentElement.id.startsWith("program-")) d.open = false;
      });
    });
  });
  if (location.hash.length > 1) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) { bukaLeluhur(target); target.scrollIntoView(); target.classList.add("sorot"); }
  }
})();
