"""Render the app icon from its SVG source: PNGs and a Windows .ico, at build time.

    python packaging/make_icons.py OUTDIR

Writes OUTDIR/liaison-desk-<size>.png for each size and OUTDIR/liaison-desk.ico (PNG-compressed
entries, read by Windows Vista and later). Uses Qt's SVG renderer, so no other tool is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "liaison-desk.svg"
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico file holding the given PNG images (size -> bytes)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def make_icons(out: Path, svg: Path = SVG) -> dict[str, Path]:
    """Write the PNGs and the .ico into ``out``; returns {"ico": path, "png": 256-px path}."""
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication([])
    out.mkdir(parents=True, exist_ok=True)
    pngs = {size: render_png(svg, size) for size in SIZES}
    for size, png in pngs.items():
        (out / f"liaison-desk-{size}.png").write_bytes(png)
    ico = out / "liaison-desk.ico"
    ico.write_bytes(ico_bytes({s: p for s, p in pngs.items() if s in (16, 24, 32, 48, 64, 256)}))
    return {"ico": ico, "png": out / "liaison-desk-256.png"}


if __name__ == "__main__":
    made = make_icons(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons"))
    print("\n".join(str(p) for p in made.values()))
