/* replay_main.c - replays every file in the given folders through the
 * fuzz entry point (make check runs it under ASan and UBSan). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv)
{
    unsigned total = 0;
    for (int a = 1; a < argc; a++) {
        DIR *d = opendir(argv[a]);
        if (!d) { fprintf(stderr, "fuzz-replay: cannot open folder %s\n", argv[a]); return 2; }
        char *names[4096];
        unsigned n = 0;
        struct dirent *e;
        while ((e = readdir(d)) && n < 4096)
            if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
        closedir(d);
        qsort(names, n, sizeof names[0], cmp);
        for (unsigned k = 0; k < n; k++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[a], names[k]);
            FILE *f = fopen(path, "rb");
            if (!f) { fprintf(stderr, "fuzz-replay: cannot read %s\n", path); return 2; }
            static uint8_t buf[1 << 16];
            size_t len = fread(buf, 1, sizeof buf, f);
            fclose(f);
            LLVMFuzzerTestOneInput(buf, len);
            free(names[k]);
            total++;
        }
    }
    printf("fuzz-replay: %u inputs replayed without a host crash\n", total);
    return 0;
}
