#!/bin/sh
# The layering rule of src/README.md: a folder includes its own headers and
# those of the folders its row lists, and no other folder's *_internal.h.
# Prints every offending include as file:line and exits 1 if there is one.
cd "$(dirname "$0")/.." || exit 2
awk '
  FILENAME == "src/README.md" {
    if ($0 ~ /^\| `[a-z]+\/` \|/) {             # a row of the table
      split($0, col, "|"); f = col[2]; gsub(/[ `\/]/, "", f)
      n = split(col[4], dep, " "); known[f] = 1; allowed[f " " f] = 1
      for (i = 1; i <= n; i++) allowed[f " " dep[i]] = 1
    }
    next
  }
  FNR == 1 {
    split(FILENAME, p, "/"); from = p[2]
    if (!(from in known)) { printf "%s: folder %s/ has no row in src/README.md\n", FILENAME, from; bad = 1 }
  }
  /^#include "[a-z]+\// {
    inc = $2; gsub(/"/, "", inc); split(inc, q, "/"); to = q[1]
    if (!((from " " to) in allowed)) {
      printf "%s:%d: %s/ may not include %s (see src/README.md)\n", FILENAME, FNR, from, inc; bad = 1
    } else if (to != from && inc ~ /_internal\.h$/) {
      printf "%s:%d: %s is internal to %s/\n", FILENAME, FNR, inc, to; bad = 1
    }
  }
  END { exit bad }
' src/README.md src/*/*.[ch]
