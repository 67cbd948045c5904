#!/bin/sh
# compare_outputs.sh A B: every PDF, box dump, PNG and HTML page that the end-to-end
# suite wrote under B (the run under a comma-decimal locale) must be
# byte-identical to the same file under A (the C-locale run). Prints each
# file that differs or is missing, and how many were compared.
set -u
a=$1 b=$2
list=$(cd "$b" && find . -type f \( -name '*.pdf' -o -name '*.boxes' -o -name '*.png' -o -name '*.html' \) | LC_ALL=C sort)
n=0 bad=0
for f in $list; do
  f=${f#./}
  n=$((n + 1))
  if [ ! -f "$a/$f" ]; then
    echo "locale: $b/$f has no counterpart in $a"; bad=$((bad + 1))
  elif ! cmp -s "$a/$f" "$b/$f"; then
    echo "locale: $b/$f differs from $a/$f (cmp: $(cmp "$a/$f" "$b/$f" 2>&1 | head -1))"; bad=$((bad + 1))
  fi
done
if [ "$n" = 0 ]; then echo "locale: no output found under $b"; exit 1; fi
echo "locale: $n outputs compared with the C-locale run, $bad differ"
[ "$bad" = 0 ]
