// Renstra tree: after a save the page opens at the saved node; highlight it.
(function () {
  "use strict";
  if (location.hash.length > 1) {
    const target = document.getElementById(location.hash.slice(1));
    if (target) {
      for (let n = target; n; n = n.parentElement) {
        if (n.tagName === "DETAILS") n.open = true;
      }
      target.scrollIntoView();
      target.classList.add("sorot");
    }
  }
})();
