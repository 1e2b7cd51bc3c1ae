#!/bin/sh
# potfiles.sh: every source file with translatable strings is listed in po/POTFILES.in (TAP).
echo "1..1"
missing=""
for f in "$top_srcdir"/src/*.c "$top_srcdir"/src/*.h; do
	rel=src/$(basename "$f")
	[ "$rel" = src/i18n.h ] && continue
	if grep -Eq '(^|[^A-Za-z0-9_])N?_\(' "$f" && ! grep -qx "$rel" "$top_srcdir/po/POTFILES.in"; then
		missing="$missing $rel"
	fi
done
if [ -z "$missing" ]; then
	echo "ok 1 - po/POTFILES.in lists every file with _() or N_()"
else
	echo "not ok 1 - po/POTFILES.in lists every file with _() or N_()"
	echo "# missing:$missing"
fi
