#!/usr/bin/env python3
"""make-images.py: draws the images `httpstatus serve` answers /image with.

    python3 tools/make-images.py [DIR]      (DIR defaults to server/images)

The design is ours: a green status badge reading "HTTP 200 OK" in a 5x7
pixel font of our own, on a 128x128 white square. One bitmap is drawn, then
written four ways:

  status-200.png   by this script: an indexed-colour PNG, two bits a pixel
                   (Python's zlib and struct; no image library).
  status-200.svg   by this script: the same pixels as rectangles, merged
                   into runs, over a rounded rectangle for the badge.
  status-200.jpeg  by cjpeg (Debian: libjpeg-turbo-progs) from a PPM.
  status-200.webp  by cwebp (Debian: webp) from the PNG, lossless: the
                   pixels come out exactly.

Each file is then checked: the PNG and the WebP (through dwebp) must decode
to the bitmap exactly, the JPEG (through djpeg) to within a small mean
error, and the SVG must parse as XML. The output of cjpeg and cwebp can
change with their versions; the committed files are the reference, and this
script is how to make them again, not a test.
"""

import os
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

SIZE = 128
NAME = "status-200"

# The palette: index -> RGB.
WHITE, BADGE, TEXT, LABEL = 0, 1, 2, 3
PALETTE = {
    WHITE: (0xFF, 0xFF, 0xFF),
    BADGE: (0x15, 0x80, 0x3D),  # a dark green
    TEXT: (0xFF, 0xFF, 0xFF),  # "200"
    LABEL: (0xBB, 0xF7, 0xD0),  # "HTTP" and "OK", a pale green
}

# The badge: a rounded square inset from the edges.
BADGE_INSET = 8
BADGE_RADIUS = 16

# Our glyphs, five columns by seven rows. The zero is slashed, so that it
# never reads as the letter O below it.
GLYPHS = {
    "0": [".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###."],
    "2": [".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####"],
    "H": ["#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"],
    "K": ["#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#"],
    "O": [".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."],
    "P": ["####.", "#...#", "#...#", "####.", "#....", "#....", "#...."],
    "T": ["#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#.."],
}
GLYPH_W, GLYPH_H = 5, 7

# The lines of text: (text, scale, colour). A scale-s glyph is 5s by 7s
# pixels, with s pixels between glyphs.
LINES = [("HTTP", 2, LABEL), ("200", 5, TEXT), ("OK", 3, LABEL)]
LINE_GAP = 8


def text_width(text, scale):
    return len(text) * GLYPH_W * scale + (len(text) - 1) * scale


def inside_badge(x, y):
    """Whether the centre of pixel (x, y) lies in the rounded square."""
    lo, hi = BADGE_INSET, SIZE - BADGE_INSET
    cx, cy = x + 0.5, y + 0.5
    if not (lo <= cx < hi and lo <= cy < hi):
        return False
    r = BADGE_RADIUS
    # Distance to the nearest corner circle's centre, in the corners only.
    qx = min(max(cx, lo + r), hi - r)
    qy = min(max(cy, lo + r), hi - r)
    return (cx - qx) ** 2 + (cy - qy) ** 2 <= r * r


def text_cells():
    """Every text pixel as (x, y, colour, scale): one per glyph cell's
    top-left corner, so that the SVG can draw cells rather than pixels."""
    height = sum(GLYPH_H * s for _, s, _ in LINES) + LINE_GAP * (len(LINES) - 1)
    y = (SIZE - height) // 2
    cells = []
    for text, scale, colour in LINES:
        x = (SIZE - text_width(text, scale)) // 2
        for ch in text:
            for row, bits in enumerate(GLYPHS[ch]):
                for col, bit in enumerate(bits):
                    if bit == "#":
                        cells.append((x + col * scale, y + row * scale,
                                      colour, scale))
            x += (GLYPH_W + 1) * scale
        y += GLYPH_H * scale + LINE_GAP
    return cells


def draw():
    """The bitmap: SIZE rows of SIZE palette indices."""
    img = [[BADGE if inside_badge(x, y) else WHITE for x in range(SIZE)]
           for y in range(SIZE)]
    for x0, y0, colour, scale in text_cells():
        for y in range(y0, y0 + scale):
            for x in range(x0, x0 + scale):
                img[y][x] = colour
    return img


# ------------------------------------------------------------------ PNG

def png_chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data +
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def png(img):
    """An indexed PNG, bit depth 2, filter 0 on every row, no ancillary
    chunks: nothing but the picture."""
    raw = bytearray()
    for row in img:
        raw.append(0)
        for i in range(0, SIZE, 4):
            b = 0
            for p in row[i:i + 4]:
                b = b << 2 | p
            raw.append(b)
    plte = b"".join(bytes(PALETTE[i]) for i in range(len(PALETTE)))
    return (b"\x89PNG\r\n\x1a\n" +
            png_chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 2, 3,
                                           0, 0, 0)) +
            png_chunk(b"PLTE", plte) +
            png_chunk(b"IDAT", zlib.compress(bytes(raw), 9)) +
            png_chunk(b"IEND", b""))


def png_decode(data):
    """Our own PNGs back to rows of indices: only what png() writes."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        (crc,) = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    assert ihdr == (SIZE, SIZE, 2, 3, 0, 0, 0), ihdr
    raw = zlib.decompress(idat)
    stride = 1 + SIZE // 4
    rows = []
    for y in range(SIZE):
        line = raw[y * stride:(y + 1) * stride]
        assert line[0] == 0
        rows.append([(line[1 + x // 4] >> (6 - 2 * (x % 4))) & 3
                     for x in range(SIZE)])
    return rows


# ------------------------------------------------------------------ PPM

def ppm(img):
    return (b"P6\n%d %d\n255\n" % (SIZE, SIZE) +
            b"".join(bytes(PALETTE[p]) for row in img for p in row))


def ppm_pixels(data):
    """The RGB bytes of a binary PPM as djpeg and dwebp write it."""
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    assert fields == [b"P6", b"%d" % SIZE, b"%d" % SIZE, b"255"], fields
    return data[pos + 1:]


# ------------------------------------------------------------------ SVG

def svg():
    """The badge as a rounded rectangle, and the text as one path per
    colour: each horizontal run of glyph cells becomes one rectangle."""
    runs = {}
    for x, y, colour, scale in sorted(text_cells(),
                                      key=lambda c: (c[2], c[1], c[0])):
        r = runs.setdefault(colour, [])
        if r and r[-1][1] == y and r[-1][0] + r[-1][2] == x \
                and r[-1][3] == scale:
            r[-1][2] += scale
        else:
            r.append([x, y, scale, scale])
    side = SIZE - 2 * BADGE_INSET
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'viewBox="0 0 %d %d">' % (SIZE, SIZE, SIZE, SIZE),
           "<title>HTTP 200 OK</title>",
           '<rect width="%d" height="%d" fill="#%02x%02x%02x"/>'
           % ((SIZE, SIZE) + PALETTE[WHITE]),
           '<rect x="%d" y="%d" width="%d" height="%d" rx="%d" '
           'fill="#%02x%02x%02x"/>'
           % ((BADGE_INSET, BADGE_INSET, side, side, BADGE_RADIUS) +
              PALETTE[BADGE])]
    for colour in sorted(runs):
        d = "".join("M%d %dh%dv%dh-%dz" % (x, y, w, h, w)
                    for x, y, w, h in runs[colour])
        out.append('<path shape-rendering="crispEdges" '
                   'fill="#%02x%02x%02x" d="%s"/>'
                   % (PALETTE[colour] + (d,)))
    out.append("</svg>")
    return ("\n".join(out) + "\n").encode("ascii")


# --------------------------------------------------------------- output

def run(args, stdin=None):
    return subprocess.run(args, input=stdin, stdout=subprocess.PIPE,
                          check=True).stdout


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    print("%s: %d bytes" % (path, len(data)))


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "server", "images")
    os.makedirs(out_dir, exist_ok=True)
    img = draw()
    want = ppm_pixels(ppm(img))
    base = os.path.join(out_dir, NAME)

    png_data = png(img)
    assert png_decode(png_data) == img
    write(base + ".png", png_data)

    svg_data = svg()
    root = ET.fromstring(svg_data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    write(base + ".svg", svg_data)

    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.ppm")
        with open(src, "wb") as f:
            f.write(ppm(img))
        # Quality 90 with full-resolution colour: the edges between the
        # greens and the white stay clean, and the file stays small.
        jpeg = run(["cjpeg", "-quality", "90", "-sample", "1x1",
                    "-optimize", src])
        got = ppm_pixels(run(["djpeg", "-pnm"], jpeg))
        err = sum(abs(a - b) for a, b in zip(got, want)) / len(want)
        assert len(got) == len(want) and err < 4, err
        write(base + ".jpeg", jpeg)

        png_path = os.path.join(tmp, "in.png")
        with open(png_path, "wb") as f:
            f.write(png_data)
        webp_path = os.path.join(tmp, "out.webp")
        run(["cwebp", "-quiet", "-lossless", "-z", "9", "-metadata", "none",
             png_path, "-o", webp_path])
        with open(webp_path, "rb") as f:
            webp = f.read()
        back = os.path.join(tmp, "back.ppm")
        run(["dwebp", "-quiet", webp_path, "-ppm", "-o", back])
        with open(back, "rb") as f:
            assert ppm_pixels(f.read()) == want
        write(base + ".webp", webp)


if __name__ == "__main__":
    main()
