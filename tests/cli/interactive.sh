#!/bin/sh
# --interactive (issue 4): the review, answer by answer, first through a
# pipe (every answer's effect), then on a real pseudo-terminal in tmux
# (what a person sees and types).  Runs in a temporary directory.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/tests/lib.sh"
sock="$tmp/tmux.sock"
cleanup() { tmux -S "$sock" kill-server 2>/dev/null; }

# two findings: stated -> said, course of -> process
spun='Police stated on Friday that the course of was nearly full.'
printf '%s\n' "$spun" >orig.txt

review() { # ANSWERS EXPECTED-TEXT EXPECTED-EXIT DESCRIPTION
  cp orig.txt a.txt
  printf "$1" | $UNSPIN --interactive a.txt >out 2>err
  got=$?
  expect_eq "$4: exit" "$got" "$3"
  expect_eq "$4: text" "$(cat a.txt)" "$2"
}

review 'y\ny\n' 'Police said on Friday that the process was nearly full.' 1 "accept both"
review 'n\ny\n' 'Police stated on Friday that the process was nearly full.' 1 "reject, accept"
review 'n\nn\n' "$spun" 0 "reject both"
review 'a\n' 'Police said on Friday that the process was nearly full.' 1 "accept all"
review 'd\n' "$spun" 0 "reject the rest"
review 'y\nq\n' 'Police said on Friday that the course of was nearly full.' 1 "quit keeps what was accepted"
review 'y\n' 'Police said on Friday that the course of was nearly full.' 1 "the end of the answers is quit"
review 'e\n\ne\nreported\ny\n' 'Police reported on Friday that the process was nearly full.' 1 "edit (an empty edit asks again)"
review '?\nwhat\ny\nn\n' 'Police said on Friday that the course of was nearly full.' 1 "help, and an unknown answer asks again"
expect_eq "help is shown" "$(grep -c '^q - quit' out)" "2"
expect_eq "the finding is shown in context" "$(sed -n 2p out)" \
  'Police [-stated-]{+said+} on Friday that the course of was nearly full.'

# -o takes the reviewed text; the input stays as it is
printf 'y\nn\n' | $UNSPIN --interactive -i orig.txt -o fixed.txt >out 2>err
expect_eq "--interactive -o" "$(cat fixed.txt)" \
  'Police said on Friday that the course of was nearly full.'
expect_eq "--interactive -o leaves the input" "$(cat orig.txt)" "$spun"

# q in the first file skips the second
cp orig.txt one.txt
cp orig.txt two.txt
printf 'y\nq\n' | $UNSPIN --interactive one.txt two.txt >out 2>err
expect_eq "q ends the whole review" "$(cat two.txt)" "$spun"
expect_eq "q: the first file keeps its accepted fix" "$(cat one.txt)" \
  'Police said on Friday that the course of was nearly full.'

printf 'y\n' | $UNSPIN --interactive - <orig.txt >out 2>err
expect_eq "--interactive needs files" "$?" "2"
$UNSPIN --interactive --check orig.txt >out 2>err </dev/null
expect_eq "--interactive and --check" "$?" "2"

# a real terminal: tmux runs the review, we read the screen and type
if command -v tmux >/dev/null 2>&1 && [ -z "${VALGRIND:-}" ]; then
  cp orig.txt t.txt
  printf '#!/bin/sh\n"%s" --interactive --color=never t.txt\necho "exit=$?"\nsleep 30\n' \
    "$BIN" >run.sh
  tmux -S "$sock" new-session -d -x 120 -y 30 "sh run.sh"
  wait_for() { # TEXT: until the screen shows it (10 s at most)
    n=0
    while [ $n -lt 100 ]; do
      tmux -S "$sock" capture-pane -p >screen 2>/dev/null
      grep -qF -- "$1" screen && return 0
      sleep 0.1
      n=$((n + 1))
    done
    return 1
  }
  if wait_for "(1/2) Apply this fix"; then ok; else not_ok "tmux: no first prompt"; cat screen; fi
  if grep -q "^Police .*stated.*said.*on Friday" screen; then ok; else
    not_ok "tmux: the first finding is not shown"
  fi
  tmux -S "$sock" send-keys y Enter
  if wait_for "(2/2) Apply this fix"; then ok; else not_ok "tmux: no second prompt"; cat screen; fi
  tmux -S "$sock" send-keys e Enter
  wait_for "Replace 'course of' with" || not_ok "tmux: no edit prompt"
  tmux -S "$sock" send-keys "procedure" Enter
  if wait_for "exit=1"; then ok; else not_ok "tmux: the review did not end"; cat screen; fi
  expect_eq "tmux: the reviewed file" "$(cat t.txt)" \
    'Police said on Friday that the procedure was nearly full.'
  tmux -S "$sock" kill-server 2>/dev/null
else
  skipped "the review on a terminal (tmux not installed, or under valgrind)"
fi

summary interactive
