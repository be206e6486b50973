/* disk_image.c - raw ("flat") disk image files for the board's drives.
 *
 * Sector I/O is pread/pwrite at lba * 512 (POSIX.1-2008), so there is no
 * shared file position and a partial transfer or EINTR is simply
 * continued. Floppy sizes are the formats of the IBM PC family: 160K and
 * 180K (5.25" single-sided, 8 and 9 sectors), 320K and 360K (double
 * sided), 1.2M (5.25" HD), 720K, 1.44M and 2.88M (3.5").
 *
 * -snapshot: written sectors live in an overlay, a hash table from LBA to
 * a copy of the sector (open addressing, linear probing, grown at half
 * full). Reads take the file and then patch in the overlay's sectors, so
 * the guest sees its writes and the image file is never opened for
 * writing. The hash is on the LBA only, so the table's layout never
 * depends on host pointers (not that the guest could see it). */
#include "disk_image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct overlay {
    uint64_t *keys;                  /* lba + 1; 0 = empty slot */
    uint32_t *slot;                  /* index into data, in sectors */
    size_t cap, used;                /* table slots (power of two) and entries */
    uint8_t *data;                   /* used * DISK_SECTOR bytes */
    size_t data_cap;                 /* sectors allocated in data */
};

struct disk_image {
    int fd;
    int writable;                    /* the file itself may be written */
    int snapshot;
    int dirty;                       /* written since the last fsync */
    uint64_t bytes;
    struct overlay ov;
    char path[];
};

int disk_floppy_size(uint64_t bytes)
{
    static const uint32_t kib[] = { 160, 180, 320, 360, 720, 1200, 1440, 2880 };

    for (size_t i = 0; i < sizeof kib / sizeof kib[0]; i++)
        if (bytes == (uint64_t)kib[i] * 1024)
            return 1;
    return 0;
}

struct disk_image *disk_image_open(const char *path, int floppy, int snapshot, int *readonly,
                                   char *err, size_t errlen)
{
    struct stat st;
    struct disk_image *d;
    int fd = -1, writable = 0;

    *readonly = 0;
    if (!snapshot) {
        fd = open(path, O_RDWR);
        writable = fd >= 0;
        /* A file we may read but not write (permissions, a read-only
         * mount) is still useful: open it read-only and let the caller
         * tell the user that the guest's writes will fail. */
        if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
            *readonly = 1;
        else if (fd < 0) {
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
            return NULL;
        }
    }
    if (fd < 0)
        fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        *readonly = 0;
        return NULL;
    }
    if (fstat(fd, &st)) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        goto fail;
    }
    if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
        snprintf(err, errlen, "%s: not a regular file", path);
        goto fail;
    }
    uint64_t bytes = (uint64_t)st.st_size;
    if (S_ISBLK(st.st_mode)) {
        off_t end = lseek(fd, 0, SEEK_END);
        bytes = end > 0 ? (uint64_t)end : 0;
    }
    if (floppy && !disk_floppy_size(bytes)) {
        snprintf(err, errlen, "%s: %llu bytes is not a floppy size "
                 "(160K 180K 320K 360K 720K 1.2M 1.44M 2.88M)", path, (unsigned long long)bytes);
        goto fail;
    }
    if (!floppy && (bytes == 0 || bytes % DISK_SECTOR)) {
        snprintf(err, errlen, "%s: %llu bytes is not a hard disk size (a nonzero multiple of 512)",
                 path, (unsigned long long)bytes);
        goto fail;
    }
    d = calloc(1, sizeof *d + strlen(path) + 1);
    if (!d) {
        snprintf(err, errlen, "%s: out of memory", path);
        goto fail;
    }
    d->fd = fd;
    d->writable = writable;
    d->snapshot = snapshot;
    d->bytes = bytes;
    strcpy(d->path, path);
    return d;

fail:
    close(fd);
    *readonly = 0;
    return NULL;
}

uint64_t disk_image_bytes(const struct disk_image *d) { return d->bytes; }
const char *disk_image_path(const struct disk_image *d) { return d->path; }

/* Fibonacci hashing of the LBA into a table of 2^k slots. */
static size_t ov_hash(const struct overlay *o, uint64_t lba)
{
    return (size_t)((lba * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (o->cap - 1);
}

/* The overlay's copy of sector lba, or NULL. */
static uint8_t *ov_find(const struct overlay *o, uint64_t lba)
{
    if (!o->used)
        return NULL;
    for (size_t i = ov_hash(o, lba);; i = (i + 1) & (o->cap - 1)) {
        if (!o->keys[i])
            return NULL;
        if (o->keys[i] == lba + 1)
            return o->data + (size_t)o->slot[i] * DISK_SECTOR;
    }
}

static int ov_grow(struct overlay *o)
{
    size_t ncap = o->cap ? o->cap * 2 : 64;
    uint64_t *nk = calloc(ncap, sizeof *nk);
    uint32_t *ns = calloc(ncap, sizeof *ns);

    if (!nk || !ns || ncap > UINT32_MAX) {
        free(nk);
        free(ns);
        return -1;
    }
    for (size_t i = 0; i < o->cap; i++) {
        if (!o->keys[i])
            continue;
        size_t j = (size_t)(((o->keys[i] - 1) * UINT64_C(0x9E3779B97F4A7C15)) >> 32) & (ncap - 1);
        while (nk[j])
            j = (j + 1) & (ncap - 1);
        nk[j] = o->keys[i];
        ns[j] = o->slot[i];
    }
    free(o->keys);
    free(o->slot);
    o->keys = nk;
    o->slot = ns;
    o->cap = ncap;
    return 0;
}

/* Stores a copy of one sector. Returns 0, or -1 when out of memory. */
static int ov_store(struct overlay *o, uint64_t lba, const uint8_t *buf)
{
    uint8_t *p = ov_find(o, lba);

    if (p) {
        memcpy(p, buf, DISK_SECTOR);
        return 0;
    }
    if ((o->used + 1) * 2 > o->cap && ov_grow(o))
        return -1;
    if (o->used == o->data_cap) {
        size_t ncap = o->data_cap ? o->data_cap * 2 : 64;
        uint8_t *nd = realloc(o->data, ncap * DISK_SECTOR);
        if (!nd)
            return -1;
        o->data = nd;
        o->data_cap = ncap;
    }
    size_t i = ov_hash(o, lba);
    while (o->keys[i])
        i = (i + 1) & (o->cap - 1);
    o->keys[i] = lba + 1;
    o->slot[i] = (uint32_t)o->used;
    memcpy(o->data + o->used * DISK_SECTOR, buf, DISK_SECTOR);
    o->used++;
    return 0;
}

static int disk_pread_all(int fd, uint8_t *buf, size_t len, uint64_t off)
{
    while (len) {
        ssize_t n = pread(fd, buf, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;               /* an error, or the file shrank under us */
        buf += n;
        len -= (size_t)n;
        off += (uint64_t)n;
    }
    return 0;
}

static int disk_pwrite_all(int fd, const uint8_t *buf, size_t len, uint64_t off)
{
    while (len) {
        ssize_t n = pwrite(fd, buf, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        buf += n;
        len -= (size_t)n;
        off += (uint64_t)n;
    }
    return 0;
}

static int disk_read(void *opaque, uint64_t lba, uint8_t *buf, unsigned nsect)
{
    struct disk_image *d = opaque;

    if (lba > d->bytes / DISK_SECTOR || nsect > d->bytes / DISK_SECTOR - lba)
        return -1;
    if (disk_pread_all(d->fd, buf, (size_t)nsect * DISK_SECTOR, lba * DISK_SECTOR))
        return -1;
    if (d->ov.used)
        for (unsigned i = 0; i < nsect; i++) {
            const uint8_t *p = ov_find(&d->ov, lba + i);
            if (p)
                memcpy(buf + (size_t)i * DISK_SECTOR, p, DISK_SECTOR);
        }
    return 0;
}

static int disk_write(void *opaque, uint64_t lba, const uint8_t *buf, unsigned nsect)
{
    struct disk_image *d = opaque;

    if (lba > d->bytes / DISK_SECTOR || nsect > d->bytes / DISK_SECTOR - lba)
        return -1;
    if (d->snapshot) {
        for (unsigned i = 0; i < nsect; i++)
            if (ov_store(&d->ov, lba + i, buf + (size_t)i * DISK_SECTOR))
                return -1;
        return 0;
    }
    if (!d->writable)
        return -1;
    d->dirty = 1;
    return disk_pwrite_all(d->fd, buf, (size_t)nsect * DISK_SECTOR, lba * DISK_SECTOR);
}

const struct pc_disk_ops disk_image_ops = { disk_read, disk_write };

int disk_image_close(struct disk_image *d, char *err, size_t errlen)
{
    int rc = 0;

    if (!d)
        return 0;
    if (d->dirty && fsync(d->fd)) {
        snprintf(err, errlen, "%s: %s", d->path, strerror(errno));
        rc = -1;
    }
    if (close(d->fd) && !rc) {
        snprintf(err, errlen, "%s: %s", d->path, strerror(errno));
        rc = -1;
    }
    free(d->ov.keys);
    free(d->ov.slot);
    free(d->ov.data);
    free(d);
    return rc;
}
