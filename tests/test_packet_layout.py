"""The packet's PDF layout: headings stay with their charts, chart labels fit, series have a
legend."""

from __future__ import annotations

import math
import re
import shutil
import subprocess

import pytest

pytest.importorskip("promocase.services.status")


def test_coverage_chart_has_room_for_its_last_label_and_a_legend(demo_home):
    from promocase.render.charts import coverage_chart_svg
    from promocase.services.status import build_status
    from promocase.workspace import Workspace

    ws = Workspace(demo_home)
    try:
        svg = coverage_chart_svg(build_status(ws))
    finally:
        ws.close()
    width = int(re.search(r"width='(\d+)'", svg)[1])
    height = int(re.search(r"height='(\d+)'", svg)[1])
    labels = re.findall(r"translate\(([\d.]+),([\d.]+)\) rotate\((\d+)\)'[^>]*>([^<]*)<", svg)
    assert labels and labels[-1][3] == "Ownership"
    for x, y, angle, text in labels:
        # A rotated label runs about 6 px per character along its angle.
        run_px = 6.2 * len(text)
        end_x = float(x) + run_px * math.cos(math.radians(float(angle)))
        end_y = float(y) + run_px * math.sin(math.radians(float(angle)))
        assert end_x <= width and end_y <= height, f"{text} is cut off"
    assert ">Work entries<" in svg and ">Testimony<" in svg  # the legend
    # the tallest column's count (10 px type, baseline 3 px above the column) stays clear of
    # the 13 px title, whose baseline is at y=18
    counts = [
        float(y)
        for y in re.findall(
            r"<text x='[\d.]+' y='([\d.]+)'[^>]*font-size='10' "
            r"text-anchor='middle'>",
            svg,
        )
    ]
    assert counts and min(counts) - 10 >= 18 + 4


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler")
def test_pdf_keeps_the_readiness_heading_with_its_chart(demo_home, run, tmp_path):
    pdf = tmp_path / "packet.pdf"
    run("--home", str(demo_home), "packet", "--output", str(pdf))
    pages = (
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
        .stdout.decode()
        .split("\f")
    )
    with_heading = [p for p in pages if "Readiness: the SE4" in p]
    assert with_heading
    assert "Readiness for SE4" in with_heading[0], "the chart moved away from its heading"
