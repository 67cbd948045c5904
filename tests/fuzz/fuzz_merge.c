/* libFuzzer harness: the joiner of PDFs cairo wrote in parts (pdfmerge.h),
 * on two parts cut from the input (fuzz_targets.h, fuzz_merge). Built and
 * run by `make fuzz`; seeds are real cairo parts (tests/fuzz/corpus/merge,
 * made by tests/fuzz/merge_seeds.c). */
#include "fuzz_targets.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return fuzz_merge(data, size); }
