"""The SVG chart builder: Indonesian numbers, escaped labels, gaps for missing values."""

from decimal import Decimal

from laporan.grafik import Seri, grafik_batang, grafik_garis, skala_sumbu


def test_axis_holds_every_value_and_starts_at_zero():
    bawah, atas, ticks = skala_sumbu([Decimal("101.48"), Decimal("280")], Decimal(100))
    assert bawah == 0 and atas >= 280 and ticks[0] == 0 and ticks == sorted(ticks)
    assert skala_sumbu([Decimal("-5"), Decimal("3")])[0] < 0


def test_bars_label_values_the_indonesian_way_and_escape_text():
    svg = grafik_batang(["<IKU> & 1", "IKU 2"],
                        [Seri("Capaian", [Decimal("101.4815"), None])], judul="Capaian",
                        acuan=Decimal(100), label_acuan="100% = target tercapai")
    assert svg.startswith("<svg") and "101,48%" in svg
    assert "&lt;IKU&gt; &amp; 1" in svg and "<IKU>" not in svg
    assert "t.a.d." in svg  # no data is not drawn as zero
    assert "stroke-dasharray" in svg


def test_line_breaks_at_missing_years():
    svg = grafik_garis(["2017", "2018", "2019"],
                       [Seri("IKU 1", [Decimal("90"), None, Decimal("101.48")])],
                       judul="Tren", desimal=2)
    assert "<polyline" not in svg  # two single points, no line across the gap
    assert svg.count("<circle") == 2 and "90,00%" in svg
