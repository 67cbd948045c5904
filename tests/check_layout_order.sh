#!/bin/sh
# The dependency order of src/layout/ (the "order:" line of
# src/layout/layout_internal.h): each file calls functions only of the files
# listed before it. Read from the object files in OBJDIR (nm), so a call
# hidden behind a macro or a new file counts too. Prints every call that
# goes up the order (or into a file the list does not name) and exits 1.
# usage: check_layout_order.sh OBJDIR   (build/obj/layout)
cd "$(dirname "$0")/.." || exit 2
objdir=${1:-build/obj/layout}
order=$(sed -n 's/^ \*  *order: //p' src/layout/layout_internal.h)
[ -n "$order" ] || { echo "src/layout/layout_internal.h: no 'order:' line" >&2; exit 2; }
for f in src/layout/*.c; do
  name=$(basename "$f" .c)
  case " $order " in *" $name "*) ;; *) echo "$f: not in the order line of src/layout/layout_internal.h"; bad=1 ;; esac
done
for o in "$objdir"/*.o; do
  [ -f "$o" ] || { echo "no object files in $objdir" >&2; exit 2; }
  nm --defined-only -g "$o" | awk -v f="$(basename "$o" .o)" '$2 ~ /^[TDBR]$/ { print $3, f }'
done >"${TMPDIR:-/tmp}/layout-order.$$"
status=0
for o in "$objdir"/*.o; do
  from=$(basename "$o" .o)
  nm -u "$o" | awk '{ print $2 }' | while read -r sym; do
    to=$(awk -v s="$sym" '$1 == s { print $2 }' "${TMPDIR:-/tmp}/layout-order.$$")
    [ -n "$to" ] || continue
    # position of each file in the order
    pf=0; pt=0; i=0
    for n in $order; do i=$((i + 1)); [ "$n" = "$from" ] && pf=$i; [ "$n" = "$to" ] && pt=$i; done
    if [ "$pt" -ge "$pf" ]; then
      echo "src/layout/$from.c calls $sym of $to.c, which comes after it in the dependency order"
      echo x >>"${TMPDIR:-/tmp}/layout-order-bad.$$"
    fi
  done
done
[ -f "${TMPDIR:-/tmp}/layout-order-bad.$$" ] && status=1
[ "${bad:-0}" = 1 ] && status=1
rm -f "${TMPDIR:-/tmp}/layout-order.$$" "${TMPDIR:-/tmp}/layout-order-bad.$$"
exit $status
