/* disk_image.h - raw disk image files behind the board's struct
 * pc_disk_ops: sector reads and writes with pread/pwrite, an optional
 * in-memory overlay (-snapshot), and the size checks that decide whether
 * a file can be a floppy or a hard disk. */
#ifndef TICK86_DISK_IMAGE_H
#define TICK86_DISK_IMAGE_H
#include <stddef.h>
#include <stdint.h>
#include "pc.h"

#define DISK_SECTOR 512

struct disk_image;

/* The operations to put in struct pc_drive, with the image as opaque. */
extern const struct pc_disk_ops disk_image_ops;

/* 1 if bytes is the size of a PC floppy format: 160K, 180K, 320K, 360K,
 * 720K, 1.2M, 1.44M or 2.88M. */
int disk_floppy_size(uint64_t bytes);

/* Opens path as a floppy (its size must be a floppy format) or a hard
 * disk (a nonzero multiple of 512 bytes). With snapshot the file is opened
 * read-only and the guest's writes are kept in memory. A file that cannot
 * be opened for writing is opened read-only: the guest's writes fail and
 * *readonly is set, so the caller can say so. Returns NULL with
 * "path: problem" in err. */
struct disk_image *disk_image_open(const char *path, int floppy, int snapshot, int *readonly,
                                   char *err, size_t errlen);
uint64_t disk_image_bytes(const struct disk_image *d);
const char *disk_image_path(const struct disk_image *d);

/* Flushes written sectors to stable storage (fsync) and closes the file;
 * frees d. NULL is allowed. Returns 0, or -1 with "path: problem". */
int disk_image_close(struct disk_image *d, char *err, size_t errlen);
#endif
