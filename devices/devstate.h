/* devstate.h - how a device declares its state once.
 *
 * Each chip lists the fields of its state struct (name, offset, size) in a
 * static const table with a version number. The same table drives
 * snapshots, the determinism state hash and the debugger's dump (STYLE.md
 * item 9), so nothing is kept in parallel by hand. Only guest-visible
 * state goes in the table: callbacks, opaque pointers and derived caches
 * are rebuilt, never saved. */
#ifndef TICK86_DEVSTATE_H
#define TICK86_DEVSTATE_H
#include <stddef.h>

struct dev_field {
    const char *name;
    size_t offset, size;
};

/* A field of struct type T named by member designator m. */
#define DEV_FIELD(T, m) { #m, offsetof(T, m), sizeof(((T *)0)->m) }
#define DEV_NFIELDS(tbl) (sizeof (tbl) / sizeof (tbl)[0])
#endif
