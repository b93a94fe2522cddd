// ICU renames its entry points per version with macros (utrans_openU →
// utrans_openU_72), which Swift cannot see through; C calls them by name.
#include "argo_icu.h"
#include <unicode/utrans.h>

void *argo_transliterator_open(const uint16_t *identifier, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    UTransliterator *transliterator = utrans_openU((const UChar *)identifier, length, UTRANS_FORWARD, NULL, 0, &parseError, &status);
    return U_SUCCESS(status) ? transliterator : NULL;
}

int32_t argo_transliterate(const void *transliterator, uint16_t *text, int32_t length, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t limit = length;
    utrans_transUChars((const UTransliterator *)transliterator, (UChar *)text, &length, capacity, 0, &limit, &status);
    return U_SUCCESS(status) ? length : -1;
}

void argo_transliterator_close(void *transliterator) {
    utrans_close((UTransliterator *)transliterator);
}
