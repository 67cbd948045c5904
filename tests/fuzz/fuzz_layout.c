/* libFuzzer harness: see fuzz_pipeline.h (what it asserts) and
 * fuzz_xml_mutator.h (the structure-aware mutations over layout.rng).
 * Built and run by `make fuzz`. */
#define FUZZ_SCHEMA "layout"
#include "fuzz_pipeline.h"
#include "fuzz_xml_mutator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_schema_stats(data, size);
  return fuzz_layout(data, size);
}
