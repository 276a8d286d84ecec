"""Past `WEBGL_THRESHOLD` claims the markers are WebGL: they must draw under the page's CSP.

plotly.js's default bundle compiles WebGL shaders with `new Function`, which
the dashboard's Content-Security-Policy (no 'unsafe-eval') refuses: the chart
stayed blank with "WebGL is not supported". The dashboard ships plotly's
strict bundle instead; this test loads a synthetic file just over the
threshold, in few enough lanes for a WebGL canvas (`WEBGL_MAX_SIDE`), and reads
the canvas back to prove markers were drawn.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Page

from browser.dashboard_page import wait_for_view
from dashboard import ids
from timeline.figures import WEBGL_THRESHOLD

GENERATOR = Path(__file__).resolve().parents[2] / "benchmarks" / "make_claims.py"

RECORD_CSP = """window.__blocked = [];
document.addEventListener('securitypolicyviolation',
                          e => window.__blocked.push(e.violatedDirective));"""

INKED_PIXELS = """graph => {
    const plot = document.querySelector('#' + graph + ' .js-plotly-plot');
    const scene = plot._fullLayout._glcanvas && plot._fullLayout._glcanvas.data()[0];
    const gl = scene && scene.regl && scene.regl._gl;
    if (!gl) return -1;
    const pixels = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
    gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA,
                  gl.UNSIGNED_BYTE, pixels);
    let inked = 0;
    for (let i = 3; i < pixels.length; i += 4) inked += pixels[i] > 0;
    return inked;
}"""


def test_webgl_markers_draw_under_the_content_security_policy(page: Page, serve, tmp_path):
    claims = WEBGL_THRESHOLD + 300
    path = tmp_path / "claims.yaml"
    subprocess.run([sys.executable, str(GENERATOR), str(claims), "--topics", "5", "-o", str(path)],
                   check=True)
    page.add_init_script(RECORD_CSP)
    page.goto(serve(path))
    wait_for_view(page, claims, claims, timeout_ms=120_000)
    types = page.evaluate("graph => [...new Set(document.querySelector('#' + graph + "
                          "' .js-plotly-plot')._fullData.map(t => t.type))]", ids.TIMELINE)
    assert "scattergl" in types
    page.wait_for_function(f"graph => ({INKED_PIXELS})(graph) > 0", arg=ids.TIMELINE,
                           timeout=120_000)
    assert page.locator(f"#{ids.TIMELINE} .no-webgl").count() == 0
    assert page.evaluate("window.__blocked") == []
