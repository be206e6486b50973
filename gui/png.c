/* png.c - 0x00RRGGBB pixels to and from PNG with libpng's classic API
 * (libpng 1.6 manual, "IV. Writer" and "III. Reading": png_set_IHDR,
 * png_write_row, and the expand/strip transformations on read).
 *
 * Errors from libpng arrive through png_error_fn, which keeps libpng's
 * message and longjmps back to the setjmp in the caller, as the manual
 * describes; everything that must survive the longjmp is set up before
 * setjmp and not changed after it. */
#include "png.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct png_ctx {
    char msg[160];
};

static void png_error_fn(png_structp p, png_const_charp msg)
{
    struct png_ctx *ctx = png_get_error_ptr(p);

    snprintf(ctx->msg, sizeof ctx->msg, "%s", msg);
    png_longjmp(p, 1);
}

static void png_warning_fn(png_structp p, png_const_charp msg)
{
    (void)p;
    (void)msg;                       /* warnings (e.g. an unknown chunk) do not matter here */
}

int png_write_rgb(const char *path, const uint32_t *pixels, unsigned w, unsigned h,
                  char *err, size_t errlen)
{
    struct png_ctx ctx = { "" };
    png_structp png = NULL;
    png_infop info = NULL;
    uint8_t *row;
    FILE *f;

    if (!w || !h || w > 0x7FFFFFFFu / 3) {
        snprintf(err, errlen, "%s: cannot write a %ux%u image", path, w, h);
        return -1;
    }
    row = malloc((size_t)w * 3);
    if (!row) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        free(row);
        return -1;
    }
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, png_error_fn, png_warning_fn);
    if (png)
        info = png_create_info_struct(png);
    if (!png || !info) {
        snprintf(ctx.msg, sizeof ctx.msg, "out of memory");
        goto fail;
    }
    if (setjmp(png_jmpbuf(png)))
        goto fail;
    png_init_io(png, f);
    png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (unsigned y = 0; y < h; y++) {
        const uint32_t *src = pixels + (size_t)y * w;
        for (unsigned x = 0; x < w; x++) {
            row[3 * x] = (uint8_t)(src[x] >> 16);
            row[3 * x + 1] = (uint8_t)(src[x] >> 8);
            row[3 * x + 2] = (uint8_t)src[x];
        }
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    free(row);
    if (fclose(f)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        remove(path);
        return -1;
    }
    return 0;

fail:
    png_destroy_write_struct(&png, &info);
    free(row);
    fclose(f);
    remove(path);
    snprintf(err, errlen, "%s: cannot write PNG: %s", path, ctx.msg);
    return -1;
}

uint32_t *png_read_rgb(const char *path, unsigned *w, unsigned *h, char *err, size_t errlen)
{
    struct png_ctx ctx = { "" };
    png_structp png = NULL;
    png_infop info = NULL;
    uint8_t sig[8];
    /* Allocated after setjmp, so volatile: the longjmp path must see them. */
    uint8_t *volatile rgb = NULL;
    uint32_t *volatile out = NULL;
    FILE *f;

    f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    if (fread(sig, 1, 8, f) != 8 || png_sig_cmp(sig, 0, 8)) {
        snprintf(err, errlen, "%s: not a PNG file", path);
        fclose(f);
        return NULL;
    }
    png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &ctx, png_error_fn, png_warning_fn);
    if (png)
        info = png_create_info_struct(png);
    if (!png || !info) {
        snprintf(ctx.msg, sizeof ctx.msg, "out of memory");
        goto fail;
    }
    if (setjmp(png_jmpbuf(png)))
        goto fail;
    png_init_io(png, f);
    png_set_sig_bytes(png, 8);
    png_read_info(png, info);
    {
        png_uint_32 pw = png_get_image_width(png, info), ph = png_get_image_height(png, info);
        int type = png_get_color_type(png, info);

        /* Everything to 8-bit RGB: palette and low-depth grey expanded,
         * 16-bit channels cut to their high byte, grey copied to R, G
         * and B, alpha dropped. */
        png_set_expand(png);
        png_set_strip_16(png);
        if (!(type & PNG_COLOR_MASK_COLOR))
            png_set_gray_to_rgb(png);
        png_set_strip_alpha(png);
        /* Interlaced files need every pass over the whole image. */
        int passes = png_set_interlace_handling(png);
        png_read_update_info(png, info);
        if (png_get_rowbytes(png, info) != (size_t)pw * 3 || pw > 0x7FFFFFFFu / 3 / ph) {
            snprintf(ctx.msg, sizeof ctx.msg, "unsupported layout");
            goto fail;
        }
        rgb = malloc((size_t)pw * ph * 3);
        out = malloc((size_t)pw * ph * sizeof *out);
        if (!rgb || !out) {
            snprintf(ctx.msg, sizeof ctx.msg, "out of memory");
            goto fail;
        }
        for (int p = 0; p < passes; p++)
            for (png_uint_32 y = 0; y < ph; y++)
                png_read_row(png, rgb + (size_t)y * pw * 3, NULL);
        png_read_end(png, NULL);
        for (size_t i = 0; i < (size_t)pw * ph; i++)
            out[i] = (uint32_t)rgb[3 * i] << 16 | (uint32_t)rgb[3 * i + 1] << 8 | rgb[3 * i + 2];
        *w = pw;
        *h = ph;
    }
    png_destroy_read_struct(&png, &info, NULL);
    free(rgb);
    fclose(f);
    return out;

fail:
    png_destroy_read_struct(&png, &info, NULL);
    free(rgb);
    free(out);
    fclose(f);
    snprintf(err, errlen, "%s: cannot read PNG: %s", path, ctx.msg);
    return NULL;
}
