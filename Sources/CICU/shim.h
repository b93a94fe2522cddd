// ICU's transliterators (libicu), for 2.3.1's ASCII-only IDs. ICU renames
// its entry points per version with macros (utrans_openU → utrans_openU_72),
// which Swift cannot see through: these helpers call them by their macro names.
#include <stdint.h>
#include <unicode/utrans.h>

/// The transliterator named `identifier` (UTF-16), or NULL.
static inline UTransliterator *argo_transliterator_open(const UChar *identifier, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    UTransliterator *transliterator = utrans_openU(identifier, length, UTRANS_FORWARD, NULL, 0, &parseError, &status);
    return U_SUCCESS(status) ? transliterator : NULL;
}

/// Transliterates `text[0..<length]` in place; the new length, or -1 when
/// `capacity` is too small (or another error).
static inline int32_t argo_transliterate(const UTransliterator *transliterator, UChar *text, int32_t length, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t limit = length;
    utrans_transUChars(transliterator, text, &length, capacity, 0, &limit, &status);
    return U_SUCCESS(status) ? length : -1;
}

static inline void argo_transliterator_close(UTransliterator *transliterator) {
    utrans_close(transliterator);
}
