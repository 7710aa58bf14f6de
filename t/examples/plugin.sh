#!/bin/sh
# examples/plugin's own fixtures, with the plugin built in this tree.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$top_builddir/examples/plugin/.libs/eu-admin.so" "$dir/" && chmod 0644 "$dir/eu-admin.so"
cd "$top_srcdir/examples/plugin" || exit 1
$BCLINT --check-fixtures t/eu-admin -- --plugin="$dir/eu-admin.so"
