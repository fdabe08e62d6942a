#!/usr/bin/env bash
# Sourced by scripts/s390x-*.sh: Debian's s390x packages, fetched with apt-get download
# and unpacked with dpkg -x into a cache (never installed: `apt-get install X:s390x`
# fails on version skew with the amd64 packages, machine-facts.md).
#
#   gt_s390x_cache          the cache folder: $GT_S390X_CACHE, or ~/.cache/gibtrace/s390x
#   gt_s390x_lock           the cache's lock, held until the script exits
#   gt_s390x_apt_ready      s390x known to dpkg and its package lists present (root adds
#                           them once; returns 77 and says why when it cannot)
#   gt_s390x_fetch ROOT PKG[=VER]...   downloads the packages and unpacks them into ROOT
#   gt_s390x_download PKG[=VER]...     downloads them into a new folder, printed (the
#                           caller removes it)
#   gt_s390x_depends PKG    the packages PKG depends on (one a line)
#   gt_s390x_kernel_dir DIR NAME       DIR/NAME-<release>: a folder made for Debian's s390x
#                           kernel of today, or offline the newest complete one there

gt_s390x_log()
{
	echo "s390x: $*" >&2
}

gt_s390x_cache()
{
	local c=${GT_S390X_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gibtrace/s390x}

	mkdir -p "$c"
	readlink -f "$c"
}

# gt_s390x_lock: holds the cache's lock until the calling script exits, so that two
# scripts (two test trees at once) do not fill the same folder together.
gt_s390x_lock()
{
	exec {gt_s390x_lock_fd}>"$(gt_s390x_cache)/.lock"
	flock "$gt_s390x_lock_fd"
}

gt_s390x_have_lists()
{
	compgen -G '/var/lib/apt/lists/*_binary-s390x_Packages*' >/dev/null
}

gt_s390x_apt_ready()
{
	local sudo=()

	if dpkg --print-foreign-architectures | grep -qx s390x && gt_s390x_have_lists; then
		return 0
	fi
	if [[ $(id -u) -ne 0 ]]; then
		if ! sudo -n true 2>/dev/null; then
			gt_s390x_log "dpkg does not know s390x yet and this is not root: run" \
				"'dpkg --add-architecture s390x && apt-get update' as root once"
			return 77
		fi
		sudo=(sudo -n)
	fi
	if ! dpkg --print-foreign-architectures | grep -qx s390x; then
		gt_s390x_log "dpkg --add-architecture s390x"
		"${sudo[@]}" dpkg --add-architecture s390x
	fi
	gt_s390x_log "apt-get update (the s390x package lists)"
	"${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
	if ! gt_s390x_have_lists; then
		gt_s390x_log "apt-get update gave no s390x package lists"
		return 1
	fi
}

# gt_s390x_fetch ROOT PKG[=VER]...: a package without an architecture is taken for s390x.
gt_s390x_fetch()
{
	local root=$1 dl p deb
	shift

	mkdir -p "$root"
	local want=()
	for p in "$@"; do
		if [[ ${p%%=*} == *:* ]]; then
			want+=("$p")
		else
			want+=("${p%%=*}:s390x${p#"${p%%=*}"}")
		fi
	done
	dl=$(gt_s390x_download "${want[@]}") || return 1
	for deb in "$dl"/*.deb; do
		dpkg -x "$deb" "$root"
	done
	rm -rf "$dl"
}

# gt_s390x_depends PKG: what the package depends on, alternatives and versions dropped.
gt_s390x_depends()
{
	apt-cache show --no-all-versions "$1" 2>/dev/null | sed -n 's/^Depends: //p' |
		head -n 1 | tr ',' '\n' | sed -E 's/^ *//; s/[ (|].*//' | grep -v '^$'
}

# gt_s390x_download PKG[=VER]...: apt-get download into a new folder, printed.
gt_s390x_download()
{
	local dl

	dl=$(mktemp -d "${TMPDIR:-/tmp}/gt-s390x-dl.XXXXXX") || return 1
	# apt's download user (_apt) must be able to write there, or apt warns
	chmod 755 "$dl"
	gt_s390x_log "apt-get download $*"
	if ! (cd "$dl" && apt-get download -qq "$@" >&2); then
		rm -rf "$dl"
		gt_s390x_log "apt-get download failed: $*"
		return 1
	fi
	echo "$dl"
}

# gt_s390x_kernel_dir DIR NAME: DIR/NAME-<release>, <release> that of the kernel Debian's
# linux-image-s390x:s390x depends on today; whether the folder is made yet (its .complete)
# is the caller's to check. Without the package lists (offline): the newest DIR/NAME-*
# that is complete. Returns 77 (and says why) when there is neither.
gt_s390x_kernel_dir()
{
	local dir=$1 name=$2 img='' cached

	if gt_s390x_apt_ready; then
		img=$(gt_s390x_depends linux-image-s390x:s390x | grep '^linux-image-' | head -n 1)
	fi
	if [[ -n $img ]]; then
		echo "$dir/$name-${img#linux-image-}"
		return 0
	fi
	cached=$(find "$dir" -maxdepth 2 -path "$dir/$name-*/.complete" -printf '%h\n' 2>/dev/null |
		sort -V | tail -n 1)
	if [[ -n $cached ]]; then
		gt_s390x_log "no s390x package lists: using the cached $cached"
		echo "$cached"
		return 0
	fi
	gt_s390x_log "cannot find Debian's s390x kernel (linux-image-s390x:s390x)"
	return 77
}
