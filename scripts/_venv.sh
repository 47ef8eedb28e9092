# Sourced by scripts/start and scripts/test (not run on its own).
#
# ensure_venv EXTRAS: make sure .venv exists with Python 3.11 and holds the dependencies that
# pyproject.toml lists (plus the comma-separated optional EXTRAS, e.g. "test"). The project
# itself is not installed (pyproject has no packages: it runs from the work tree), so only the
# requirements are handed to pip. pip runs again only when that list changed.

ensure_venv() {
    local extras="${1:-}"
    local python
    if [[ -x .venv/bin/python ]] && ! .venv/bin/python -c \
        'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
        echo "==> .venv is not Python 3.11; recreating it"
        rm -rf .venv
    fi
    if [[ ! -x .venv/bin/python ]]; then
        python="$(command -v python3.11 || true)"
        if [[ -z "$python" ]]; then
            echo "Nucleus needs Python 3.11, and python3.11 is not on PATH." >&2
            echo "Install it (Debian/Ubuntu: apt-get install python3.11 python3.11-venv)." >&2
            exit 1
        fi
        echo "==> Creating .venv with $python"
        "$python" -m venv .venv
    fi
    local wanted=.venv/nucleus-requirements.txt.new
    local stamp=.venv/nucleus-requirements.txt
    .venv/bin/python - "$extras" >"$wanted" <<'PY'
import sys
import tomllib

with open("pyproject.toml", "rb") as handle:
    project = tomllib.load(handle)["project"]
requirements = list(project["dependencies"])
for extra in filter(None, sys.argv[1].split(",")):
    requirements += project["optional-dependencies"][extra]
print("\n".join(requirements))
PY
    if [[ -f "$stamp" ]] && cmp -s "$wanted" "$stamp"; then
        rm -f "$wanted"
        return 0
    fi
    echo "==> Installing dependencies into .venv${extras:+ (with: $extras)}"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$wanted"
    mv "$wanted" "$stamp"
}
