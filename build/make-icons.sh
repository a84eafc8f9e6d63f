#!/bin/sh
# Draws the app icon (a lens over a swarm of dots) with ImageMagick and writes every size electron-builder
# uses: build/icon.png (1024; mac converts it to .icns), build/icon.ico (Windows) and build/icons/NxN.png (Linux).
# Run from the repository root: sh build/make-icons.sh
set -eu
cd "$(dirname "$0")"
CONVERT=/usr/bin/convert

# The swarm: fixed pseudo-random dots inside the lens, so the icon is the same on every run.
dots=$(awk 'BEGIN {
  seed = 20240311
  for (i = 0; i < 46; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648; a = seed / 2147483648 * 6.2832
    seed = (seed * 1103515245 + 12345) % 2147483648; r = sqrt(seed / 2147483648) * 185
    seed = (seed * 1103515245 + 12345) % 2147483648; s = 9 + (seed / 2147483648) * 13
    x = 470 + r * cos(a); y = 470 + r * sin(a)
    printf "circle %d,%d %d,%d ", x, y, x + s, y
  }
}')

$CONVERT -size 1024x1024 xc:none \
  -fill '#14213d' -draw 'roundrectangle 64,64 960,960 190,190' \
  -fill '#fca311' -draw "$dots" \
  -fill none -stroke '#e5e5e5' -strokewidth 56 -draw 'circle 470,470 730,470' \
  -stroke '#e5e5e5' -strokewidth 92 -draw 'line 670,670 815,815' \
  -fill '#e5e5e5' -stroke none -draw 'circle 835,835 881,835' \
  -depth 8 PNG32:icon.png

for size in 16 24 32 48 64 128 256 512 1024; do
  $CONVERT icon.png -resize "${size}x${size}" -depth 8 "PNG32:icons/${size}x${size}.png"
done

# Windows: one .ico holding the sizes Explorer and the taskbar pick from.
$CONVERT icons/16x16.png icons/24x24.png icons/32x32.png icons/48x48.png icons/64x64.png icons/128x128.png icons/256x256.png icon.ico
