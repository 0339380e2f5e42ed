# Draws assets/icon.png (512x512): a keyhole on a rounded teal square. Pure Python, no imaging library.
# Run: python3 scripts/make-icon.py
import math, struct, zlib

S = 512
def inside_rounded(x, y, r=96, m=16):
    lo, hi = m, S - m
    cx = min(max(x, lo + r), hi - r); cy = min(max(y, lo + r), hi - r)
    return lo <= x <= hi and lo <= y <= hi and (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def keyhole(x, y):
    if (x - 256) ** 2 + (y - 210) ** 2 <= 70 ** 2: return True
    half = 28 + (y - 230) * 0.22
    return 230 <= y <= 390 and abs(x - 256) <= half

rows = []
for y in range(S):
    row = bytearray([0])
    for x in range(S):
        if not inside_rounded(x + .5, y + .5):
            row += bytes([0, 0, 0, 0])
        elif keyhole(x + .5, y + .5):
            row += bytes([245, 247, 250, 255])
        else:
            t = y / S
            row += bytes([int(20 + 10 * t), int(110 - 40 * t), int(120 - 30 * t), 255])
    rows.append(bytes(row))

def chunk(kind, data):
    c = kind + data
    return struct.pack('>I', len(data)) + c + struct.pack('>I', zlib.crc32(c) & 0xffffffff)

png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', S, S, 8, 6, 0, 0, 0)) \
    + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')
open('assets/icon.png', 'wb').write(png)
