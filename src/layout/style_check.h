/* style_check — a loaded house style's values against the limits layout
 * can fill a page with (see style_check.c). Used by style_load only. */
#ifndef BOARDPACK_STYLE_CHECK_H
#define BOARDPACK_STYLE_CHECK_H

#include "base/xmlsrc.h"
#include "style.h"

/* Every value within its limits; errors at the element of each attribute
 * out of range. FALSE if there was one. */
gboolean style_check(const Style *style, const XmlSource *src, DiagList *diags);

#endif
