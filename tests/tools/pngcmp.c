/* pngcmp.c - compare two PNG files pixel by pixel (screenshot tests).
 *
 *   pngcmp a.png b.png
 *
 * Exit 0 when both have the same size and identical RGB pixels (the bytes
 * of the files may differ: compression is not compared); 1 with one line
 * naming the size difference or the first differing pixel (row-major
 * order); 2 when a file cannot be read. */
#include <stdio.h>
#include <stdlib.h>
#include "../../gui/png.h"

int main(int argc, char **argv)
{
    char err[256];
    unsigned aw, ah, bw, bh;
    uint32_t *a, *b;
    int rc = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: pngcmp a.png b.png\n");
        return 2;
    }
    a = png_read_rgb(argv[1], &aw, &ah, err, sizeof err);
    if (!a) {
        fprintf(stderr, "pngcmp: %s\n", err);
        return 2;
    }
    b = png_read_rgb(argv[2], &bw, &bh, err, sizeof err);
    if (!b) {
        fprintf(stderr, "pngcmp: %s\n", err);
        free(a);
        return 2;
    }
    if (aw != bw || ah != bh) {
        printf("pngcmp: size differs: %s is %ux%u, %s is %ux%u\n", argv[1], aw, ah, argv[2], bw, bh);
        rc = 1;
    } else {
        for (size_t i = 0; i < (size_t)aw * ah; i++)
            if (a[i] != b[i]) {
                printf("pngcmp: first difference at x=%u y=%u: %06X vs %06X\n",
                       (unsigned)(i % aw), (unsigned)(i / aw), (unsigned)a[i], (unsigned)b[i]);
                rc = 1;
                break;
            }
    }
    free(a);
    free(b);
    return rc;
}
