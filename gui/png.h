/* png.h - screenshots: 0x00RRGGBB pixel arrays to and from PNG files
 * (libpng; W3C "Portable Network Graphics (PNG) Specification", 2nd ed.).
 *
 * Written files are 8-bit RGB, non-interlaced, with no tIME or text
 * chunks, so the same pixels always give the same bytes with the same
 * libpng and zlib: screenshots can be compared by checksum. */
#ifndef TICK86_PNG_H
#define TICK86_PNG_H
#include <stddef.h>
#include <stdint.h>

/* Writes w x h pixels (row-major, 0x00RRGGBB, the top byte ignored) to
 * path. Returns 0, or -1 with "path: problem" in err; a file that could
 * not be completed is removed. */
int png_write_rgb(const char *path, const uint32_t *pixels, unsigned w, unsigned h,
                  char *err, size_t errlen);

/* Reads path into a malloc'd array of 0x00RRGGBB pixels (palette, grey
 * and 16-bit images are converted; alpha is dropped, not composited).
 * Returns the array (free it), or NULL with "path: problem" in err. */
uint32_t *png_read_rgb(const char *path, unsigned *w, unsigned *h, char *err, size_t errlen);
#endif
