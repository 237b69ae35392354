# Shared by the scripts: the repository root, and installing what concord needs from Debian, idempotently.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Packages every build and run needs.
CORE_PACKAGES=(libxapian-dev xapian-tools poppler-utils pkg-config)

_apt_updated=0
# ensure_packages PKG...: installs those not yet installed (as root, or through sudo), quietly.
ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
            echo "concord: missing packages ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
            return 1
        fi
    fi
    echo "Installing ${missing[*]} (apt)…" >&2
    if [ $_apt_updated -eq 0 ]; then
        "${sudo[@]}" apt-get update -qq >/dev/null
        _apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_python PKG...: pip-installs the PyPI packages not importable yet (names as pip knows them).
ensure_python() {
    local pkg module missing=()
    for pkg in "$@"; do
        module="${pkg%%=*}"
        module="${module//-/_}"
        case "$module" in
            citeproc_py) module=citeproc ;;
            openapi_spec_validator) module=openapi_spec_validator ;;
        esac
        python3 -c "import $module" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing ${missing[*]} (pip)…" >&2
    python3 -m pip install -q --disable-pip-version-check "${missing[@]}" >/dev/null
}
