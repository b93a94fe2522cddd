// Debian builds libxml2 with ICU, so encoding.h would include <unicode/*.h>,
// whose enums clash with Foundation's bundled ICU. Nothing here touches the
// ICU-dependent struct fields (only pointers to them), so leave ICU out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
