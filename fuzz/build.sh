#!/bin/sh
# Build the libFuzzer targets with clang, ASan and UBSan.  Run from a
# configured build directory (it needs config.h); `make fuzz` does that.
# Everything lands in fuzz/out/ of the build directory: the targets
# (fuzz-snapshot, fuzz-json, fuzz-option, fuzz-config), the core rules built the same
# way (fuzz/out/rules/), and seed corpora (fuzz/out/seeds-TARGET/).
set -eu
srcdir=$(cd "$(dirname "$0")/.." && pwd)
CLANG=${CLANG:-clang}
out=fuzz/out
[ -f config.h ] || { echo "fuzz/build.sh: run from a configured build directory" >&2; exit 2; }
mkdir -p "$out/obj" "$out/rules"

pkgs="libcjson libpcre2-8 libsodium"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cflags="-g -O1 $san -I. -I$srcdir/include -I$srcdir/src $(pkg-config --cflags $pkgs)"
cflags="$cflags -DBCLINT_RULESDIR=\"/nonexistent\""

objs=
# The library: src/ and src/import/ (the roster reads CSV with its reader).
for c in "$srcdir"/src/*.c "$srcdir"/src/import/*.c; do
	case $c in */main.c) continue ;; esac
	o="$out/obj/$(basename "$(dirname "$c")")-$(basename "$c" .c).o"
	$CLANG $cflags -fsanitize=fuzzer-no-link -c "$c" -o "$o"
	objs="$objs $o"
done
for c in "$srcdir"/rules/*.c; do
	$CLANG $cflags -fsanitize=fuzzer-no-link -fPIC -shared "$c" \
		-o "$out/rules/$(basename "$c" .c).so"
done
for t in snapshot json option config; do
	$CLANG $cflags -fsanitize=fuzzer "$srcdir/fuzz/$t.c" $objs \
		$(pkg-config --libs $pkgs) -ldl -o "$out/fuzz-$t"
done

# Seeds: every JSON file of the test data and examples for the two JSON
# targets; the command-line option cases for the option target.
for t in snapshot json; do
	mkdir -p "$out/seeds-$t"
	find "$srcdir/t/data" "$srcdir/t/rules" "$srcdir/examples" -name '*.json' -size -64k \
		-exec cp {} "$out/seeds-$t/" \;
done
mkdir -p "$out/seeds-option" "$out/seeds-config"
cp "$srcdir"/fuzz/seeds-option/* "$out/seeds-option/"
find "$srcdir/t/data/config" -name '*.json' -exec cp {} "$out/seeds-config/" \;
cp "$srcdir/t/data/config/implicit/.bclint.json" "$out/seeds-config/implicit.json"
cp "$srcdir/examples/bclint-config.json" "$out/seeds-config/"
echo "fuzz/build.sh: built $out/fuzz-snapshot $out/fuzz-json $out/fuzz-option $out/fuzz-config"
