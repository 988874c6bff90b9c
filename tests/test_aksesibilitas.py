"""Template checks a screen reader relies on: a link or button that shows only an icon says
what it does in `aria-label` (an empty <i class="bi …"> reads as nothing)."""

import re
from pathlib import Path

AKAR = Path(__file__).resolve().parents[1]
HANYA_IKON = re.compile(r'<(a|button)\b([^>]*)>\s*<i class="bi [^"]*"></i>\s*</\1>')


def test_tombol_ikon_punya_nama():
    templat = [*AKAR.glob("templates/**/*.html"), *AKAR.glob("*/templates/**/*.html")]
    assert len(templat) > 50  # the globs find the project's and the apps' templates
    tanpa_nama = [f"{p.relative_to(AKAR)}: {m.group(0)[:80]}"
                  for p in templat for m in HANYA_IKON.finditer(p.read_text())
                  if "aria-label=" not in m.group(2)]
    assert tanpa_nama == []
