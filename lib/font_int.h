/*
 * font_int.h - the built-in bitmap font, private to lib/: printable ASCII
 * in cells of 5 x 8 pixels (7 above the baseline, 1 for descenders),
 * advancing 6 pixels a character.  The font is a leaf: it knows glyphs and
 * widths, nothing of images; image.c draws text with it.
 */
#ifndef LIQ_FONT_INT_H
#define LIQ_FONT_INT_H

#define LIQ_FONT_W 5
#define LIQ_FONT_H 8
#define LIQ_FONT_ADVANCE 6

/*
 * Is pixel (col, row) of glyph c set?  Bytes outside ' '..'~' are '?';
 * (col, row) outside the 5 x 8 cell is never set.
 */
int liq__font_bit(int c, int col, int row);

/*
 * Width in pixels of s drawn in scale x scale blocks, without the gap
 * after the last character (0 for "").
 */
int liq__font_width(const char *s, int scale);

#endif
