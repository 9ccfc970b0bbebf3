#!/bin/sh
# basic.sh — busybox ash on Proteus: pipelines, loops, subshells, sh -c,
# command substitution, redirection through /tmp, here-documents, $?,
# functions and background jobs.  Every check compares output; the last
# line is "sh-test: all passed" (exit 0) only if all of them held, else
# the first mismatch prints "sh-test: FAILED: ..." and exits 1.
# Also runs on the host: busybox sh tests/sh/basic.sh

fail() {
	echo "sh-test: FAILED: $1"
	rm -rf "${dir:-/nonexistent}"
	exit 1
}

# expect NAME GOT WANT
expect() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

dir=/tmp/sh-test.$$
rm -rf "$dir"
mkdir "$dir" || fail "mkdir $dir"

# pipelines
expect pipeline "$(echo 'b a c' | tr ' ' '\n' | sort | tr '\n' ' ')" "a b c "
expect pipeline-wc "$(printf 'x\ny\nz\n' | wc -l | tr -d ' ')" "3"
expect pipeline-grep "$(printf 'one\ntwo\nthree\n' | grep t | head -1)" "two"
expect pipeline-sed "$(echo hello | sed 's/l/L/g')" "heLLo"

# for and while loops, arithmetic
s=""
for i in 1 2 3; do s="$s$i"; done
expect for "$s" "123"
n=0 sum=0
while [ "$n" -lt 5 ]; do n=$((n + 1)); sum=$((sum + n)); done
expect while "$sum" "15"
expect seq "$(seq 1 4 | tr '\n' ,)" "1,2,3,4,"
expect expr "$(expr 6 \* 7)" "42"

# subshells keep their changes to themselves
v=outer
(v=inner; cd /; expect subshell-inside "$v" inner)
expect subshell-outside "$v" outer
expect subshell-exit "$( (exit 3); echo $?)" "3"

# sh -c, with positional arguments
expect sh-c "$(sh -c 'echo "$0:$1:$#"' zero one)" "zero:one:1"
sh -c 'exit 7'
expect sh-c-status "$?" "7"

# command substitution, nested
expect cmdsubst "$(echo "$(echo inner)")" "inner"
expect backquote "`echo back`" "back"

# redirection to and from a file in /tmp
echo first >"$dir/f"
echo second >>"$dir/f"
expect redirect-lines "$(wc -l <"$dir/f" | tr -d ' ')" "2"
expect redirect-read "$(cat <"$dir/f" | tail -1)" "second"
read -r line <"$dir/f"
expect read "$line" "first"
ls /nonexistent-dir 2>"$dir/err" >/dev/null
[ -s "$dir/err" ] || fail "stderr redirection: $dir/err is empty"
{ echo a; echo b; } >"$dir/g" 2>&1
expect group-redirect "$(cat "$dir/g" | tr '\n' ' ')" "a b "
exec 3>"$dir/fd3"
echo via-fd3 >&3
exec 3>&-
expect fd3 "$(cat "$dir/fd3")" "via-fd3"
cp "$dir/f" "$dir/h" && mv "$dir/h" "$dir/i" && [ ! -e "$dir/h" ] || fail "cp/mv"
expect cp-mv "$(cat "$dir/i" | head -1)" "first"

# here-documents, with and without expansion
name=world
got=$(cat <<END
hello $name
END
)
expect heredoc "$got" "hello world"
got=$(cat <<'END'
hello $name
END
)
expect heredoc-quoted "$got" 'hello $name'

# $? of builtins, programs and pipelines
true
expect status-true "$?" "0"
false
expect status-false "$?" "1"
echo x | false
expect status-pipeline "$?" "1"
! false || fail "negation"

# functions: arguments, local status, recursion
add() { echo $(($1 + $2)); }
expect function "$(add 2 3)" "5"
fact() { if [ "$1" -le 1 ]; then echo 1; else echo $(($1 * $(fact $(($1 - 1))))); fi; }
expect function-recursive "$(fact 5)" "120"
ret() { return "$1"; }
ret 4
expect function-return "$?" "4"

# case, test, string operations
case "hello.sh" in *.sh) k=script ;; *) k=other ;; esac
expect case "$k" "script"
expect cut "$(echo a:b:c | cut -d: -f2)" "b"
expect uniq "$(printf 'a\na\nb\n' | uniq | tr '\n' ' ')" "a b "
expect param "${name#w}:${#name}" "orld:5"

# a background job and wait, its status kept
(echo bg >"$dir/bg"; exit 5) &
pid=$!
wait "$pid"
expect wait-status "$?" "5"
expect background "$(cat "$dir/bg")" "bg"
sleep 0 &
sleep 0 &
wait
expect wait-all "$?" "0"
# a killed job's status is 128 + the signal
sleep 10 &
pid=$!
kill -TERM "$pid"
# ash reports the killed job on stderr; keep the console clean
wait "$pid" 2>/dev/null
expect wait-killed "$?" "143"

# the environment reaches programs
expect env "$(FOO=bar env | grep '^FOO=')" "FOO=bar"

rm -rf "$dir"
[ ! -e "$dir" ] || fail "rm -rf $dir"
echo "sh-test: all passed"
exit 0
