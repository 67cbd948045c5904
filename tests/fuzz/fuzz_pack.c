/* libFuzzer harness: see fuzz_pipeline.h (what it asserts) and
 * fuzz_xml_mutator.h (the structure-aware mutations over pack.rng).
 * Built and run by `make fuzz`. */
#define FUZZ_SCHEMA "pack"
#include "fuzz_pipeline.h"
#include "fuzz_xml_mutator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_schema_stats(data, size);
  return fuzz_pack(data, size);
}
