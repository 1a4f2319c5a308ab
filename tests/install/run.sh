#!/bin/sh
# make install (issue 4): installs into a staging DESTDIR and checks what
# landed there (every data pack of the tree included), the soname and the
# exported symbols; runs the installed program on the sample, then moved
# elsewhere, where it must still find its own data; installs into a second
# prefix and builds tests/install/example.c against the library there with
# pkg-config, shared and static, and runs both; make uninstall leaves
# nothing behind.  The sub-makes inherit this make's variables (SANITIZE,
# CC, DEVELOPER...) through the environment, so nothing is rebuilt with
# other flags.  Skipped under valgrind.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
if [ -n "${VALGRIND:-}" ]; then
  echo "install: skipped under valgrind"
  exit 0
fi
. "$top/tests/lib.sh"

mk() { # make with this tree's Makefile, quietly; output in make.log
  make -C "$top" --no-print-directory "$@" >>make.log 2>&1
}

# the program and the library are used without the tree's data
unset UNSPIN_DATADIR
CC=${CC:-cc}
SAN=
[ -n "${SANITIZE:-}" ] && SAN="-fsanitize=$SANITIZE"
version=$(sed -n 's/^#define UNSPIN_VERSION "\(.*\)"/\1/p' "$top/src/unspin.h")
major=${version%%.*}

cat >mine.txt <<'EOF'
The mayor stated on Monday that the new bridge would open in the spring.
The harbour had been closed for weeks, the place fishing boats waited for calmer seas.
Rescuers helped push again the flood water with sandbags before dawn.
The library opened a new reading room for children last week.
EOF
cp "$top/samples/taliban-qala-i-naw-spun.txt" sample.txt
UNSPIN_DATADIR=$top "$BIN" sample.txt >want-sample.diff
UNSPIN_DATADIR=$top "$BIN" -f lines - <mine.txt >want-mine.lines

# --- staged install: DESTDIR=stage PREFIX=/usr/local -------------------------
st=$tmp/stage/usr/local
expect_code 0 "make install DESTDIR" mk install DESTDIR="$tmp/stage" PREFIX=/usr/local
[ "$got" -eq 0 ] || { tail -n 20 make.log; summary install; exit 1; }
expect_eq "nothing outside DESTDIR/PREFIX" "$(ls "$tmp/stage")/$(ls "$tmp/stage/usr")" "usr/local"
for f in bin/unspin include/unspin.h lib/libunspin.a lib/libunspin.so.$version \
  lib/pkgconfig/unspin.pc share/man/man1/unspin.1; do
  if [ -f "$st/$f" ]; then ok; else not_ok "installed $f"; fi
done
if [ -x "$st/bin/unspin" ]; then ok; else not_ok "bin/unspin is executable"; fi
expect_eq "soname link" "$(readlink "$st/lib/libunspin.so.$major")" "libunspin.so.$version"
expect_eq "development link" "$(readlink "$st/lib/libunspin.so")" "libunspin.so.$version"
(cd "$top" && find dicts rules -type f | sort) >want-data
(cd "$st/share/unspin" && find . -type f | sed 's|^\./||' | sort) >got-data
same_file "every file of dicts/ and rules/ (all packs) installed" got-data want-data
if command -v readelf >/dev/null 2>&1; then
  expect_eq "soname" \
    "$(readelf -d "$st/lib/libunspin.so.$version" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')" \
    "libunspin.so.$major"
else
  skipped "soname (readelf not installed)"
fi
# exactly the functions src/unspin.h marks UNSPIN_API are exported (a
# sanitizer build adds its own __asan/__ubsan hooks; those are not ours)
sed -n 's/^UNSPIN_API.*[ *]\(unspin_[a-z0-9_]*\)(.*/\1/p' "$top/src/unspin.h" | sort >want-syms
nm -D --defined-only "$st/lib/libunspin.so.$version" | awk '{ print $NF }' |
  grep -v -e '^__asan' -e '^__ubsan' -e '^__odr_asan' -e '^__sancov' |
  grep -v -x -e _init -e _fini -e '_edata' -e '_end' -e '__bss_start' | sort >got-syms
same_file "exported symbols are the UNSPIN_API functions" got-syms want-syms
if [ "$(wc -l <want-syms)" -gt 10 ]; then ok; else not_ok "UNSPIN_API functions found in unspin.h"; fi

# the installed program, run from elsewhere, finds DESTDIR's data
expect_code 1 "staged program on the sample" "$st/bin/unspin" sample.txt
same_file "staged program: same diff as the tree's" out want-sample.diff
expect_code 0 "staged program --version" "$st/bin/unspin" --version

# moved somewhere else, it still finds its own data (../share/unspin), not a
# compiled-in path: a broken table there is reported with its new path
mv "$st" "$tmp/moved"
expect_code 1 "moved program on the sample" "$tmp/moved/bin/unspin" sample.txt
same_file "moved program: same diff as the tree's" out want-sample.diff
printf 'broken\n' >"$tmp/moved/share/unspin/dicts/en/subst.tsv"
expect_code 2 "moved program with a broken table" "$tmp/moved/bin/unspin" sample.txt
case $(head -n 1 err) in
  "unspin: $tmp/moved/share/unspin/dicts/en/subst.tsv:1:"*) ok ;;
  *) not_ok "the moved program reads the moved data: $(head -n 1 err)" ;;
esac

# --- a prefix of our own: build against it with pkg-config --------------------
pre=$tmp/prefix
expect_code 0 "make install PREFIX" mk install PREFIX="$pre"
PKG_CONFIG_PATH=$pre/lib/pkgconfig
export PKG_CONFIG_PATH
expect_eq "pkg-config --modversion" "$(pkg-config --modversion unspin)" "$version"
case " $(pkg-config --cflags unspin) " in
  *" -I$pre/include "*) ok ;;
  *) not_ok "pkg-config --cflags names $pre/include: $(pkg-config --cflags unspin)" ;;
esac
expect_eq "pkgdatadir" "$(pkg-config --variable=pkgdatadir unspin)" "$pre/share/unspin"
datadir=$(pkg-config --variable=pkgdatadir unspin)

# shared: what a user types
# shellcheck disable=SC2046
expect_code 0 "build example.c against libunspin.so" \
  $CC $SAN -o ex-shared "$top/tests/install/example.c" \
  $(pkg-config --cflags --libs unspin)
if command -v readelf >/dev/null 2>&1; then
  case $(readelf -d ex-shared) in
    *"[libunspin.so.$major]"*) ok ;;
    *) not_ok "ex-shared needs libunspin.so.$major" ;;
  esac
fi
expect_code 1 "example (shared) on my sentences" \
  env LD_LIBRARY_PATH="$pre/lib" ./ex-shared "$datadir" <mine.txt
same_file "example (shared): the findings unspin -f lines gives" out want-mine.lines
expect_eq "example (shared): library version" "$(cat err)" "libunspin $version"
expect_code 1 "example (shared) on the sample" \
  env LD_LIBRARY_PATH="$pre/lib" ./ex-shared "$datadir" <sample.txt
mv out ex-sample.lines
UNSPIN_DATADIR=$top "$BIN" -f lines - <sample.txt >want-sample.lines
same_file "example (shared): sample findings" ex-sample.lines want-sample.lines
printf 'Nothing to see in this plain sentence.\n' >plain.txt
expect_code 0 "example (shared) on a plain sentence" \
  env LD_LIBRARY_PATH="$pre/lib" ./ex-shared "$datadir" <plain.txt
expect_code 2 "example (shared) with a missing data dir" \
  env LD_LIBRARY_PATH="$pre/lib" ./ex-shared "$tmp/nowhere" <plain.txt

# static: libunspin.a itself (-l:libunspin.a: the .so sits next to it), with
# what --static adds from Requires.private/Libs.private (ICU, hunspell, -lm)
libs=$(pkg-config --static --libs unspin | sed 's/-lunspin\b/-l:libunspin.a/')
case $libs in
  *-licuuc*-lhunspell*|*-lhunspell*-licuuc*) ok ;;
  *) not_ok "pkg-config --static --libs names ICU and hunspell: $libs" ;;
esac
# shellcheck disable=SC2086
expect_code 0 "build example.c against libunspin.a" \
  $CC $SAN -o ex-static "$top/tests/install/example.c" \
  $(pkg-config --cflags unspin) $libs
if [ -f ex-static ] && command -v readelf >/dev/null 2>&1; then
  case $(readelf -d ex-static) in
    *libunspin*) not_ok "ex-static does not need libunspin.so" ;;
    *) ok ;;
  esac
fi
expect_code 1 "example (static) on my sentences" ./ex-static "$datadir" <mine.txt
same_file "example (static): the findings unspin -f lines gives" out want-mine.lines

# --- uninstall ------------------------------------------------------------------
expect_code 0 "make uninstall" mk uninstall PREFIX="$pre"
expect_eq "make uninstall leaves no file" "$(find "$pre" ! -type d)" ""

summary install
