# What the CLI tests share: a scratch folder ($work, removed on exit), pass/fail counters and
# expect_error. Sourced after `cli` is set; each test prints its counts and exits with them.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passed=0

pass() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_error NAME REGEX ARGS...: non-zero exit, exactly one line on stderr matching REGEX.
expect_error() {
  local name=$1 regex=$2
  shift 2
  "$cli" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  local lines
  lines=$(wc -l <"$work/err")
  if [ "$code" -eq 0 ]; then fail "$name: exit code 0"; return; fi
  if [ "$lines" -ne 1 ]; then fail "$name: $lines lines on stderr: $(cat "$work/err")"; return; fi
  if ! grep -qE -e "$regex" "$work/err"; then fail "$name: '$(cat "$work/err")' does not match /$regex/"; return; fi
  pass
}
