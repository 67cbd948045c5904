/* fonts_cache_none — the empty font cache of the library (see fonts.h):
 * the boardpack program links build/gen/fonts_cache.c instead, whose
 * table the linker then takes before this archive member. */
#include "fonts.h"

const FontsCacheEntry fonts_cache[] = {{0}};
