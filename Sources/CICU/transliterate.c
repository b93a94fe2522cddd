// ICU's transliterator, loaded at run time: ICU's sonames and its entry
// points carry its version (libicui18n.so.72, utrans_openU_72) and differ on
// every system (67 on Debian 11, 70 on Ubuntu 22.04, 72 on Debian 12, 67 on
// EL9, 74 on Ubuntu 24.04), so the library is found by its version and each
// function looked up with that suffix. No ICU header is needed: the few
// types used are declared here as ICU defines them (utypes.h, parseerr.h).
#include "argo_icu.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

typedef struct { int32_t line; int32_t offset; uint16_t preContext[16]; uint16_t postContext[16]; } ParseError;  // UParseError
enum { FORWARD = 0 };  // UTRANS_FORWARD

static struct {
    void *(*open)(const uint16_t *, int32_t, int, const uint16_t *, int32_t, ParseError *, int *);
    void (*trans)(const void *, uint16_t *, int32_t *, int32_t, int32_t, int32_t *, int *);
    void (*close)(void *);
} lib;
static char load_error[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void *find(void *handle, const char *name, int version) {
    char suffixed[64];
    snprintf(suffixed, sizeof suffixed, "%s_%d", name, version);
    void *symbol = dlsym(handle, suffixed);
    return symbol ? symbol : dlsym(handle, name);  // an ICU built without renaming
}

static void load(void) {
    // The newest ICU first (a host may keep an old one for another program).
    for (int version = 90; version >= 50; version--) {
        char soname[64];
        snprintf(soname, sizeof soname, "libicui18n.so.%d", version);
        void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
        if (!handle) continue;
        *(void **)&lib.open = find(handle, "utrans_openU", version);
        *(void **)&lib.trans = find(handle, "utrans_transUChars", version);
        *(void **)&lib.close = find(handle, "utrans_close", version);
        if (lib.open && lib.trans && lib.close) return;
        snprintf(load_error, sizeof load_error, "%s has no utrans_openU_%d", soname, version);
        return;
    }
    snprintf(load_error, sizeof load_error,
             "ICU (libicui18n.so.NN) cannot be loaded: install libicu (Rocky, Alma Linux 9), libicu72 (Debian 12), libicu67 (Debian 11), "
             "libicu70 (Ubuntu 22.04) or libicu74 (Ubuntu 24.04)");
}

int argo_icu_load(char *error, size_t length) {
    pthread_once(&once, load);
    if (load_error[0] && error && length) snprintf(error, length, "%s", load_error);
    return load_error[0] ? -1 : 0;
}

void *argo_transliterator_open(const uint16_t *identifier, int32_t length) {
    if (argo_icu_load(NULL, 0) != 0) return NULL;
    int status = 0;
    ParseError parseError;
    void *transliterator = lib.open(identifier, length, FORWARD, NULL, 0, &parseError, &status);
    return status <= 0 ? transliterator : NULL;  // U_SUCCESS
}

int32_t argo_transliterate(const void *transliterator, uint16_t *text, int32_t length, int32_t capacity) {
    int status = 0;
    int32_t limit = length;
    lib.trans(transliterator, text, &length, capacity, 0, &limit, &status);
    return status <= 0 ? length : -1;
}

void argo_transliterator_close(void *transliterator) {
    lib.close(transliterator);
}
