// ICU's transliterators (the system's libicu), for 2.3.1's ASCII-only IDs.
// Only these declarations reach Swift: ICU's own headers stay in the C file,
// because Foundation carries a private ICU whose types would clash with them.
#include <stdint.h>
#include <stddef.h>

/// Loads ICU once; 0 on success, else a message in `error` naming the package of each system.
int argo_icu_load(char *error, size_t length);

/// The transliterator named `identifier` (UTF-16), or NULL.
void *argo_transliterator_open(const uint16_t *identifier, int32_t length);

/// Transliterates `text[0..<length]` in place; the new length, or -1 when
/// `capacity` is too small (or on another error).
int32_t argo_transliterate(const void *transliterator, uint16_t *text, int32_t length, int32_t capacity);

void argo_transliterator_close(void *transliterator);
