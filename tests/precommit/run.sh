#!/bin/sh
# The pre-commit hooks (issue 4): a temporary git repository with a spun and
# a clean article, hooked up with the definitions of .pre-commit-hooks.yaml
# (as repo: local, so no network and no clone are needed).  The check hook
# fails on the spun file only; the fix hook rewrites it, fails, then passes;
# the clean file is never touched.  The README's snippet is a valid config.
# Skipped when pre-commit or git is not installed (make deps-test installs
# pre-commit).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v pre-commit >/dev/null 2>&1 || ! command -v git >/dev/null 2>&1; then
  echo "precommit: skipped (pre-commit or git not installed)"
  exit 0
fi
. "$top/tests/lib.sh"

has() { # DESCRIPTION FILE STRING
  if grep -qF -- "$3" "$2"; then ok; else
    not_ok "$1: '$3' not in output"
    sed 's/^/    /' "$2" | head -n 20
  fi
}

lacks() { # DESCRIPTION FILE STRING
  if grep -qF -- "$3" "$2"; then
    not_ok "$1: '$3' in output"
    sed 's/^/    /' "$2" | head -n 20
  else ok; fi
}

# the hooks run `unspin` from PATH: this tree's program (under valgrind when
# make valgrind runs), with this tree's data
mkdir bin
cat >bin/unspin <<EOF
#!/bin/sh
exec ${VALGRIND:-} "$BIN" "\$@"
EOF
chmod +x bin/unspin
PATH=$tmp/bin:$PATH
UNSPIN_DATADIR=${UNSPIN_DATADIR:-$top}
PRE_COMMIT_HOME=$tmp/cache
export PATH UNSPIN_DATADIR PRE_COMMIT_HOME

expect_code 0 "pre-commit validate-manifest .pre-commit-hooks.yaml" \
  pre-commit validate-manifest "$top/.pre-commit-hooks.yaml"

write_config() { # the hooks of this tree as repo: local
  echo "repos:"
  echo "  - repo: local"
  echo "    hooks:"
  grep -v '^#' "$top/.pre-commit-hooks.yaml" | sed 's/^/      /'
}

git init -q corpus
cd corpus || exit 2
write_config >.pre-commit-config.yaml
expect_code 0 "pre-commit validate-config" pre-commit validate-config

spun='The mayor stated on Monday that the new bridge would open in the spring.
Rescuers helped push again the flood water with sandbags before dawn.'
fixed='The mayor said on Monday that the new bridge would open in the spring.
Rescuers helped push back the flood water with sandbags before dawn.'
clean='The library opened a new reading room for children last week.'
printf '%s\n' "$spun" >spun.txt
printf '%s\n' "$clean" >clean.txt
cp clean.txt ../clean.orig
git add .pre-commit-config.yaml spun.txt clean.txt

# check: fails, and names the spun file only
expect_code 1 "hook unspin on a spun and a clean file" \
  pre-commit run unspin --files spun.txt clean.txt
has "hook unspin output" out "spun.txt:1:11: EN-SPIN-CTX: 'stated' -> 'said'"
has "hook unspin output" out "spun.txt:2:22: EN-SPIN-BACK: 'again' -> 'back'"
has "hook unspin output" out "Failed"
lacks "hook unspin output" out "clean.txt:"
expect_eq "hook unspin leaves the spun file alone" "$(cat spun.txt)" "$spun"
expect_code 0 "hook unspin on the clean file alone" \
  pre-commit run unspin --files clean.txt
has "hook unspin on the clean file" out "Passed"

# fix: rewrites the spun file and fails; a second run passes
expect_code 1 "hook unspin-fix on a spun and a clean file" \
  pre-commit run unspin-fix --files spun.txt clean.txt
has "hook unspin-fix output" out "files were modified by this hook"
expect_eq "hook unspin-fix repairs the spun file" "$(cat spun.txt)" "$fixed"
if cmp -s clean.txt ../clean.orig; then ok; else not_ok "the clean file changed"; fi
expect_code 0 "hook unspin-fix, second run" \
  pre-commit run unspin-fix --files spun.txt clean.txt
expect_eq "second run leaves the file as it is" "$(cat spun.txt)" "$fixed"
expect_code 0 "hook unspin after the fix" \
  pre-commit run unspin --files spun.txt clean.txt

# as a commit hook: the staged spun file stops the commit
cd .. && rm -rf corpus && git init -q corpus && cd corpus || exit 2
write_config >.pre-commit-config.yaml
printf '%s\n' "$spun" >spun.txt
git add .pre-commit-config.yaml spun.txt
expect_code 0 "pre-commit install" pre-commit install
expect_code 1 "git commit with a spun file" \
  git -c user.name=t -c user.email=t@example.org commit -q -m add
has "git commit output (hooks write to stderr)" err "spun.txt:1:11"
expect_eq "nothing was committed" "$(git rev-list --all | wc -l | tr -d ' ')" "0"

# the README's snippet for a corpus repository is a valid config
cd "$tmp" || exit 2
sed -n '/^<!-- pre-commit-config -->$/,/^<!-- end -->$/p' "$top/README.md" |
  sed -n 's/^    //p' >readme-config.yaml
has "README snippet" readme-config.yaml "rev: "
expect_code 0 "README snippet: pre-commit validate-config" \
  pre-commit validate-config readme-config.yaml

summary precommit
