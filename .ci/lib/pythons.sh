# Helpers for CI jobs (sourced, not run): other interpreters, fresh venvs, running pytest.
#
# find_python X.Y   prints the path of a Python X.Y (PATH first, then pyenv's versions),
#                   or fails loudly: a job that claims a Python must not pass without it.
# fresh_venv X.Y    makes an empty virtualenv of Python X.Y in a temporary folder (outside
#                   the repository) and prints its path; pip's download/wheel cache
#                   (~/.cache/pip) is shared, so a second run installs from it.
# pip_install VENV ARGS…  pip install -q ARGS into VENV; its chatter (index warnings,
#                   setuptools deprecations) is shown only when the install fails.
# run_suite VENV    runs the README's test command with that venv's python, from the repo
#                   root; pytest's exit 5 (no tests collected) is a failure.

find_python() {
  local version=$1 candidate
  for candidate in "python$version" "${PYENV_ROOT:-$HOME/.pyenv}"/versions/"$version".*/bin/"python$version"; do
    if command -v "$candidate" > /dev/null 2>&1 \
        && "$candidate" -c "import sys; assert sys.version_info[:2] == tuple(map(int, '$version'.split('.')))" 2> /dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  echo "CI: no Python $version on this machine (looked on PATH and in pyenv's versions)" >&2
  return 1
}

fresh_venv() {
  local python venv
  python=$(find_python "$1") || return 1
  venv=$(mktemp -d "${TMPDIR:-/tmp}/kv-mock-ci-py$1.XXXXXX")
  "$python" -m venv "$venv"
  echo "$venv"
}

pip_install() {
  local venv=$1 log
  log=$(mktemp)
  if ! "$venv/bin/python" -m pip install -q "${@:2}" > "$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

run_suite() {
  local venv=$1 status
  set +e
  "$venv/bin/python" -m pytest -q "${@:2}"
  status=$?
  set -e
  if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests ($venv)" >&2
    return 1
  fi
  return "$status"
}
