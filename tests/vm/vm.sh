#!/usr/bin/env bash
# Runs a shell script as root in a QEMU guest (TCG) booted with Debian's cloud kernel and a
# busybox initramfs, brings back what it wrote under /out and checks the guest's dmesg.
# With GT_VM_ARCH=s390x (or --arch s390x) the guest is an emulated s390x machine booting
# Debian's s390x kernel (scripts/s390x-kernel.sh fetches it).
#
#   vm.sh run --out DIR [--files SRC:DST ...] [--timeout S] [--mem M] [--smp N]
#             [--build DIR] [--disk SIZE] [--append ARGS] [--no-panic-on-warn]
#             [--arch x86_64|s390x] [-v] -- SCRIPT
#   vm.sh check-dmesg FILE...   the dmesg checker alone (exit 1 and the lines if it finds any)
#   vm.sh prereqs [headers]     says what is missing to boot a guest (exit 77 then)
#   vm.sh kernel                the guest kernel's release
#   vm.sh headers               the guest kernel's headers (KDIR for out-of-tree modules)
#
# Or source it and call the vm_* functions (vm_run sets EXIT/TERM/INT/HUP traps while it
# runs, to stop QEMU). README.md beside it tells more.
set -euo pipefail

VM_DIR=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
VM_ROOT=$(readlink -f "$VM_DIR/../..")
# The guest's architecture: x86_64 (the host's) or s390x (emulated, big-endian).
VM_ARCH=${GT_VM_ARCH:-x86_64}

# What the dmesg checker reports (extended regular expressions, matched case-sensitively).
VM_DMESG_BAD=(
	'\<BUG\>'			# BUG:, kernel BUG at, BUG kmalloc-64 (slub), BUG: KASAN
	'WARNING:'
	'Oops'
	'general protection'
	'Kernel panic'
	'Call Trace:'
	'possible recursive locking'
	'possible circular locking'
	'inconsistent lock state'
	'INFO: lockdep'
	'Redzone'
	'Poison overwritten'
	'Object padding'
	'={40,}'			# the rulers around slub_debug and KASAN reports
	'KASAN'
	'UBSAN'
	'RCU stall'
	'self-detected stall'
	'detected stalls'
	'soft lockup'
	'hard LOCKUP'
	'hung_task'
	'blocked for more than'
)
# What it lets through although a pattern above matched (none match today; kept explicit).
VM_DMESG_ALLOW=(
	'loading out-of-tree module taints kernel'
	'module verification failed'
)

vm_log()
{
	echo "vm: $*" >&2
}

# vm_arch_ok: VM_ARCH is one we can boot.
vm_arch_ok()
{
	case $VM_ARCH in
	x86_64 | s390x) return 0 ;;
	esac
	vm_log "GT_VM_ARCH/--arch '$VM_ARCH': want x86_64 or s390x"
	return 2
}

# vm_s390x_dir: sets VM_S390X_DIR to the folder of scripts/s390x-kernel.sh (fetching the
# kernel the first time) and exports it, so that scripts started from here reuse it.
# Returns 77 when the s390x kernel cannot be had.
vm_s390x_dir()
{
	if [[ -z ${VM_S390X_DIR-} || ! -f ${VM_S390X_DIR-}/.complete ]]; then
		VM_S390X_DIR=$("$VM_ROOT/scripts/s390x-kernel.sh") || return $?
		export VM_S390X_DIR
	fi
}

# vm_kernel_release: the guest's kernel release; prints it or fails. On x86_64 the newest
# cloud kernel with an image in /boot and modules in /usr/lib/modules.
vm_kernel_release()
{
	local img rel best=

	if [[ $VM_ARCH == s390x ]]; then
		vm_s390x_dir || return $?
		cat "$VM_S390X_DIR/release"
		return 0
	fi
	for img in /boot/vmlinuz-*-cloud-amd64; do
		[[ -e $img ]] || continue
		rel=${img#/boot/vmlinuz-}
		[[ -d /usr/lib/modules/$rel ]] || continue
		best+="$rel"$'\n'
	done
	best=$(printf '%s' "$best" | sort -V | tail -n 1)
	if [[ -z $best ]]; then
		echo "no /boot/vmlinuz-*-cloud-amd64 with /usr/lib/modules/<release>/" \
			"(install linux-image-cloud-amd64: scripts/deps.sh)" >&2
		return 1
	fi
	echo "$best"
}

# vm_kernel_file KIND REL: the guest kernel's image (vmlinuz), config, modules folder
# (modules) or headers (headers: KDIR).
vm_kernel_file()
{
	local root=

	if [[ $VM_ARCH == s390x ]]; then
		vm_s390x_dir || return $?
		root=$VM_S390X_DIR
	fi
	case $1 in
	vmlinuz | config) echo "$root/boot/$1-$2" ;;
	modules)
		if [[ $VM_ARCH == s390x ]]; then
			echo "$root/lib/modules/$2"
		else
			echo "/usr/lib/modules/$2"
		fi
		;;
	headers)
		if [[ $VM_ARCH == s390x ]]; then
			echo "$root/usr/src/linux-headers-$2"
		else
			echo "/usr/lib/modules/$2/build"
		fi
		;;
	esac
}

# vm_busybox: the static busybox that goes into the initramfs.
vm_busybox()
{
	if [[ $VM_ARCH == s390x ]]; then
		vm_s390x_dir || return $?
		echo "$VM_S390X_DIR/bin/busybox"
	else
		echo /bin/busybox
	fi
}

# vm_make_vars: the make variables that build a module for the guest's kernel.
vm_make_vars()
{
	if [[ $VM_ARCH == s390x ]]; then
		echo ARCH=s390 CROSS_COMPILE=s390x-linux-gnu-
	fi
}

# vm_cc: the C compiler of the static programs run in the guest.
vm_cc()
{
	if [[ $VM_ARCH == s390x ]]; then
		echo s390x-linux-gnu-gcc
	else
		echo "${CC:-cc}"
	fi
}

# vm_prereqs_s390x [headers]: vm_prereqs for an s390x guest.
vm_prereqs_s390x()
{
	local why=() cmd rel rc=0

	for cmd in qemu-system-s390x cpio sha256sum timeout; do
		command -v "$cmd" >/dev/null 2>&1 || why+=("$cmd not found")
	done
	if [[ ${1-} == headers ]]; then
		command -v s390x-linux-gnu-gcc >/dev/null 2>&1 &&
			[[ -f /usr/s390x-linux-gnu/include/stdio.h ]] ||
			why+=("no s390x cross compiler (gcc-s390x-linux-gnu, libc6-dev-s390x-cross)")
	fi
	vm_s390x_dir >&2 || rc=$?
	if [[ $rc -ne 0 ]]; then
		why+=("no s390x kernel: scripts/s390x-kernel.sh failed (status $rc)")
	fi
	if [[ ${#why[@]} -gt 0 ]]; then
		printf 'vm: cannot run the s390x VM tests: %s\n' "${why[@]}"
		echo "vm: scripts/deps.sh installs qemu-system-misc, gcc-s390x-linux-gnu," \
			"libc6-dev-s390x-cross and cpio; scripts/s390x-kernel.sh fetches the kernel"
		return 77
	fi
	return 0
}

# vm_prereqs [headers]: prints why a guest cannot be booted (or a module built, with
# 'headers') and returns 77, or returns 0.
vm_prereqs()
{
	local why=() rel cmd

	vm_arch_ok || return $?
	if [[ $VM_ARCH == s390x ]]; then
		vm_prereqs_s390x "$@"
		return $?
	fi
	for cmd in qemu-system-x86_64 cpio sha256sum timeout; do
		command -v "$cmd" >/dev/null 2>&1 || why+=("$cmd not found")
	done
	if [[ ! -x /bin/busybox ]]; then
		why+=("/bin/busybox not found (install busybox-static)")
	elif command -v readelf >/dev/null 2>&1 &&
	     readelf -l /bin/busybox 2>/dev/null | grep -q INTERP; then
		why+=("/bin/busybox is dynamically linked (install busybox-static)")
	fi
	if rel=$(vm_kernel_release 2>/dev/null); then
		[[ -r /boot/vmlinuz-$rel ]] || why+=("/boot/vmlinuz-$rel is not readable")
		if [[ ${1-} == headers && ! -f /usr/lib/modules/$rel/build/Makefile ]]; then
			why+=("no kernel headers in /usr/lib/modules/$rel/build" \
			      "(install linux-headers-cloud-amd64)")
		fi
	else
		why+=("no cloud kernel: no /boot/vmlinuz-*-cloud-amd64 with its /usr/lib/modules" \
		      "(install linux-image-cloud-amd64)")
	fi
	if [[ ${#why[@]} -gt 0 ]]; then
		printf 'vm: cannot run the VM tests: %s\n' "${why[@]}"
		echo "vm: scripts/deps.sh installs qemu-system-x86, linux-image-cloud-amd64," \
			"linux-headers-cloud-amd64, busybox-static and cpio"
		return 77
	fi
	return 0
}

# The guest's /init, a template: vm_init_script fills it in.
vm_init_text()
{
	cat <<'EOF'
#!/bin/sh
# gibtrace VM harness /init: runs /vm/script, writes /out as a tar to the disk @DISK@.
@SETUP@
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
export HOME=/root GT_VM_OUT=/out
mount -t devtmpfs devtmpfs /dev 2>/dev/null
# Without a /dev/console in the archive the kernel gave us no stdio: take it now.
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t tracefs tracefs /sys/kernel/tracing
mount -t debugfs debugfs /sys/kernel/debug
mount -t bpf bpf /sys/fs/bpf
mkdir -p /dev/pts /dev/shm /tmp /out /root
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
@DISK_MODULES@
echo "gt-vm: running /vm/script at $(cut -d" " -f1 /proc/uptime)s"
cd /
(
	set +e
	/bin/sh /vm/script
	echo $? >/out/rc
) 2>&1 | tee /out/script.log
rc=$(cat /out/rc 2>/dev/null || echo missing)
echo "gt-vm: script exit status $rc at $(cut -d" " -f1 /proc/uptime)s"
dmesg >/out/dmesg.txt
i=0
while [ ! -b @DISK@ ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
if [ ! -b @DISK@ ]; then
	echo "gt-vm: ERROR: no @DISK@: cannot bring /out back"
elif ! tar -cf @DISK@ -C /out .; then
	echo "gt-vm: ERROR: writing /out to @DISK@ failed (larger than --disk?)"
fi
sync
echo "gt-vm: done at $(cut -d" " -f1 /proc/uptime)s"
@HALT@
poweroff -f
EOF
}

# How each guest ends (the disk was synced before). On x86, an immediate reset (QEMU
# -no-reboot exits 0): poweroff -f would shut the devices down, and the NVMe shutdown
# alone takes seconds under TCG. On s390x the reset (a re-IPL) once left QEMU running
# after "done" until the timeout (vm-s390x-gibko-destroy; not reproduced in 12 more
# runs) and takes 1 to 3 s longer; poweroff -f stops every CPU, and QEMU exits when the
# last one stops.
vm_halt_lines()
{
	if [[ $VM_ARCH == x86_64 ]]; then
		echo 'echo b >/proc/sysrq-trigger'
	fi
}

# vm_wait_boot CONSOLE PID LIMIT: waits until the kernel starts /init (its "Run /init"
# line on CONSOLE) or QEMU (PID) ends, then returns 0; returns 1 when neither happened in
# LIMIT seconds. The kernel reaches /init in about 5 s (guest and wall time alike under
# TCG), but about once in a few hundred boots it stops early, in device set-up, and never
# gets there (seen in CI: the last line "clocksource: Switched to clocksource hpet" at
# 1.3 s, then nothing for 130 s). Such a hang is the emulator's, before any test code ran:
# vm_run boots again rather than wait out the test's whole timeout and fail it.
vm_wait_boot()
{
	local console=$1 pid=$2 limit=$3 i

	for ((i = 0; ; i++)); do
		grep -q -a 'Run /init as init process' "$console" 2>/dev/null && return 0
		kill -0 "$pid" 2>/dev/null || return 0
		((i < limit * 5)) || return 1
		sleep 0.2
	done
}

# vm_init_script DISK MODULE_LINES SETUP_LINES: /init for a guest whose /out disk is DISK,
# loading the disk's driver with MODULE_LINES and starting with SETUP_LINES (each
# placeholder line is replaced whole; @DISK@ wherever it is).
vm_init_script()
{
	local halt

	halt=$(vm_halt_lines)
	[[ -z $halt ]] || halt+=$'\n'
	vm_init_text | awk -v d="$1" -v m="$2" -v s="$3" -v h="$halt" '
		$0 == "@DISK_MODULES@" { printf "%s", m; next }
		$0 == "@SETUP@" { printf "%s", s; next }
		$0 == "@HALT@" { printf "%s", h; next }
		{ gsub(/@DISK@/, d); print }'
}

# vm_hash_path PATH: a content hash of a file or a directory tree (names, modes, contents).
vm_hash_path()
{
	local p=$1

	if [[ -d $p ]]; then
		(cd "$p" && find . -print0 | LC_ALL=C sort -z |
			while IFS= read -r -d '' f; do
				printf '%s %s\n' "$f" "$(stat -c %a "$f")"
				[[ -f $f && ! -L $f ]] && sha256sum <"$f"
				[[ -L $f ]] && readlink "$f"
			done) | sha256sum | cut -d' ' -f1
	else
		{ stat -L -c %a "$p"; sha256sum <"$p"; } | sha256sum | cut -d' ' -f1
	fi
}

# vm_build_initramfs BUILD_DIR REL SCRIPT [SRC:DST ...]: prints the path of an initramfs
# (uncompressed newc cpio) with busybox, /init, SCRIPT as /vm/script and the files; it
# is cached in BUILD_DIR/initramfs/ under the release and a hash of everything added.
vm_build_initramfs()
{
	local build=$1 rel=$2 script=$3
	shift 3
	local spec src dst key mod_lines='' mod modpath cache out stage part f
	local disk=/dev/nvme0n1 setup='' opt=CONFIG_BLK_DEV_NVME mods=(nvme-core nvme)
	local busybox config moddir init

	busybox=$(vm_busybox) || return $?
	config=$(vm_kernel_file config "$rel") || return $?
	moddir=$(vm_kernel_file modules "$rel") || return $?
	if [[ $VM_ARCH == s390x ]]; then
		# virtio-blk on the channel subsystem: the s390x QEMU machine has no NVMe
		disk=/dev/vda opt=CONFIG_VIRTIO_BLK mods=(virtio_blk)
		# the s390x busybox cannot run here to make its links: the guest makes them
		setup='/bin/busybox --install -s /bin'$'\n'
	fi
	if grep -q "^$opt=m" "$config" 2>/dev/null; then
		for mod in "${mods[@]}"; do
			modpath=$(find "$moddir/kernel/drivers" -name "$mod.ko" 2>/dev/null | head -n 1)
			if [[ -z $modpath ]]; then
				vm_log "$opt is a module in $rel but $mod.ko (uncompressed) is missing"
				return 1
			fi
			set -- "$@" "$modpath:/lib/vm-modules/$mod.ko"
			mod_lines+="insmod /lib/vm-modules/$mod.ko"$'\n'
		done
	fi
	init=$(vm_init_script "$disk" "$mod_lines" "$setup")

	key=$({
		echo "release $rel"
		echo "$init"
		echo "busybox $(sha256sum <"$busybox")"
		echo "script $(vm_hash_path "$script")"
		for spec in "$@"; do
			src=${spec%%:*}
			dst=${spec#*:}
			echo "file $dst $(vm_hash_path "$src")"
		done
	} | sha256sum | cut -c1-16)
	cache=$build/initramfs
	out=$cache/$rel-$key.cpio
	if [[ -s $out ]]; then
		touch "$out"
		echo "$out"
		return 0
	fi

	mkdir -p "$cache"
	stage=$(mktemp -d "$cache/stage.XXXXXX")
	part=$stage.cpio
	# Built in a subshell so that its trap removes the staging tree whatever happens.
	(
		trap 'rm -rf "$stage"' EXIT
		cd "$stage"
		mkdir -p bin sbin usr/bin usr/sbin dev proc sys tmp out root vm lib etc
		cp "$busybox" bin/busybox
		if [[ -n $setup ]]; then
			# /init's shell; /init makes the other links
			ln -s /bin/busybox bin/sh
		else
			bin/busybox --install -s "$stage/bin"
			# --install wrote absolute links into the staging tree: point them at
			# /bin/busybox.
			for f in bin/*; do
				[[ -L $f ]] && ln -sf /bin/busybox "$f"
			done
		fi
		printf '%s\n' "$init" >init
		chmod 755 init
		install -m 755 "$script" vm/script || exit 1
		for spec in "$@"; do
			src=${spec%%:*}
			dst=${spec#*:}
			if [[ $dst != /* || $dst == *..* ]]; then
				vm_log "--files $spec: the destination must be an absolute path without '..'"
				exit 1
			fi
			mkdir -p "$stage$(dirname "$dst")" || exit 1
			cp -a -L "$src" "$stage$dst" || exit 1
		done
		# /dev/console needs root; /init copes without it (it opens it after devtmpfs).
		mknod -m 600 dev/console c 5 1 2>/dev/null || true
		find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 >"$part"
		mv "$part" "$out"
	) || { rm -f "$part"; return 1; }
	# Keep the ten newest archives.
	find "$cache" -maxdepth 1 -name "*.cpio" -printf "%T@ %p\n" | sort -rn | tail -n +11 |
		cut -d" " -f2- | xargs -r -d "\n" rm -f
	echo "$out"
}

# vm_check_dmesg FILE...: prints the offending lines and returns 1, or returns 0.
vm_check_dmesg()
{
	local bad allow hits

	bad=$(IFS='|'; echo "${VM_DMESG_BAD[*]}")
	allow=$(IFS='|'; echo "${VM_DMESG_ALLOW[*]}")
	hits=$(cat "$@" | tr -d '\r' | grep -E -- "$bad" | grep -v -E -- "$allow" |
		awk '!seen[$0]++') || true
	if [[ -n $hits ]]; then
		echo "vm: dmesg problems found:"
		printf '%s\n' "$hits" | sed 's/^/vm:   | /'
		return 1
	fi
	return 0
}

vm_usage()
{
	sed -n '2,/^set -euo/p' "$VM_DIR/vm.sh" | sed '$d' | sed 's/^# \{0,1\}//' >&2
}

# vm_run ARGS...: see the usage above. Returns the script's exit status, or non-zero
# when the guest did not finish or its dmesg has problems.
vm_run()
{
	local out='' timeout=120 mem=1G smp=2 build=${GT_VM_BUILD:-$VM_ROOT/build/vm}
	local disk=512M append='' pow=1 verbose=0 script files=() rel initrd tmp
	local qrc=0 t0 t1 rc='' status=0 tailpid=''

	while [[ $# -gt 0 ]]; do
		case $1 in
		--out) out=$2; shift 2 ;;
		--files) shift
			while [[ $# -gt 0 && $1 != --* ]]; do files+=("$1"); shift; done ;;
		--timeout) timeout=$2; shift 2 ;;
		--mem) mem=$2; shift 2 ;;
		--smp) smp=$2; shift 2 ;;
		--build) build=$2; shift 2 ;;
		--disk) disk=$2; shift 2 ;;
		--append) append+=" $2"; shift 2 ;;
		--no-panic-on-warn) pow=0; shift ;;
		--arch) VM_ARCH=$2; shift 2 ;;
		-v|--verbose) verbose=1; shift ;;
		--) shift; break ;;
		*) vm_log "unknown argument '$1'"; vm_usage; return 2 ;;
		esac
	done
	if [[ $# -ne 1 || -z $out ]]; then
		vm_usage
		return 2
	fi
	script=$1
	if [[ ! -f $script ]]; then
		vm_log "no script $script"
		return 2
	fi
	local spec i
	for spec in "${files[@]}"; do
		if [[ $spec != *:* || ! -e ${spec%%:*} ]]; then
			vm_log "--files $spec: want SRC:DST with an existing SRC"
			return 2
		fi
	done
	# absolute paths: the initramfs is built from its staging directory, and cached by them
	script=$(readlink -f "$script")
	for i in "${!files[@]}"; do
		files[i]="$(readlink -f "${files[i]%%:*}"):${files[i]#*:}"
	done
	vm_prereqs >&2 || return $?
	rel=$(vm_kernel_release)
	mkdir -p "$build" "$out"
	build=$(readlink -f "$build")
	initrd=$(vm_build_initramfs "$build" "$rel" "$script" "${files[@]}")

	tmp=$(mktemp -d "${TMPDIR:-/tmp}/gt-vm.XXXXXX")
	VM_QEMU_PID=
	# On any exit or signal: stop QEMU (and the console follower) and remove the scratch.
	# shellcheck disable=SC2064
	trap "vm_cleanup '$tmp'" EXIT
	trap 'exit 143' TERM
	trap 'exit 130' INT
	trap 'exit 129' HUP

	# the console, the machine and the /out disk of each architecture
	local console=ttyS0 qemu=(qemu-system-x86_64) dev=(-serial stdio -device "nvme,drive=d0,serial=gtvm")
	if [[ $VM_ARCH == s390x ]]; then
		console=ttysclp0
		qemu=(qemu-system-s390x -M s390-ccw-virtio)
		dev=(-chardev "stdio,id=con0" -device "sclpconsole,chardev=con0"
			-device "virtio-blk-ccw,drive=d0")
	fi
	local cmdline="console=$console panic=-1 oops=panic slub_debug=FZPU"
	[[ $pow -eq 1 ]] && cmdline+=" panic_on_warn=1"
	cmdline+="$append"
	vm_log "$VM_ARCH kernel $rel, initramfs $initrd ($(du -k "$initrd" | cut -f1) KiB)"
	vm_log "append: $cmdline"

	# GT_VM_BOOT_LIMIT: seconds to reach /init, one number, or one per boot (the last
	# repeats; vm-detects-warning gives "1 60" to see a hung first boot and a second).
	local tries=${GT_VM_BOOT_TRIES:-2} attempt=1 boot_limit limits
	read -r -a limits <<<"${GT_VM_BOOT_LIMIT:-60}"
	t0=$(date +%s.%N)
	while :; do
		boot_limit=${limits[attempt - 1]:-${limits[-1]}}
		rm -f "$tmp/disk.img"
		truncate -s "$disk" "$tmp/disk.img"
		timeout --kill-after=5 "$timeout" \
			"${qemu[@]}" -accel tcg -cpu max -m "$mem" -smp "$smp" \
				-nodefaults -no-user-config -display none -no-reboot -monitor none \
				-kernel "$(vm_kernel_file vmlinuz "$rel")" -initrd "$initrd" -append "$cmdline" \
				-drive "file=$tmp/disk.img,if=none,id=d0,format=raw,cache=unsafe" "${dev[@]}" \
				</dev/null >"$tmp/console.log" 2>"$tmp/qemu.err" &
		VM_QEMU_PID=$!
		if [[ $verbose -eq 1 ]]; then
			tail -n +1 -f --pid="$VM_QEMU_PID" "$tmp/console.log" >&2 &
			tailpid=$!
		fi
		if vm_wait_boot "$tmp/console.log" "$VM_QEMU_PID" "$boot_limit"; then
			wait "$VM_QEMU_PID" || qrc=$?
			VM_QEMU_PID=
			break
		fi
		vm_log "BOOT HANG: the kernel did not reach /init in ${boot_limit}s" \
			"(attempt $attempt of $tries; no test code had run). Console tail:"
		tail -n 8 "$tmp/console.log" | tr -d '\r' | sed 's/^/vm:   | /' >&2
		kill -TERM "$VM_QEMU_PID" 2>/dev/null || true
		wait "$VM_QEMU_PID" 2>/dev/null || true
		VM_QEMU_PID=
		if [[ -n $tailpid ]]; then wait "$tailpid" 2>/dev/null || true; tailpid=''; fi
		if ((attempt >= tries)); then
			vm_log "giving up: $tries boots hung"
			qrc=-1
			break
		fi
		attempt=$((attempt + 1))
		vm_log "booting again"
	done
	if [[ -n $tailpid ]]; then wait "$tailpid" 2>/dev/null || true; fi
	t1=$(date +%s.%N)
	vm_log "VM part took $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s"

	rm -f "$out/rc" "$out/dmesg.txt" "$out/console.log" "$out/script.log"
	cp "$tmp/console.log" "$out/console.log"
	mkdir -p "$tmp/out"
	if ! tar -xf "$tmp/disk.img" -C "$tmp/out" 2>"$tmp/tar.err"; then
		vm_log "could not read /out back from the disk: $(head -n 3 "$tmp/tar.err")"
	fi
	cp -a "$tmp/out/." "$out/"
	# The kernel's lines of the console log: what dmesg had, when the guest did not
	# get to write it (panic, timeout), and what came after it (tar, poweroff).
	grep -a -E '^\[ *[0-9]+\.[0-9]+\] ' "$tmp/console.log" | tr -d '\r' \
		>"$tmp/console-kernel.txt" || true
	[[ -f $out/dmesg.txt ]] || cp "$tmp/console-kernel.txt" "$out/dmesg.txt"

	if [[ $qrc -eq -1 ]]; then
		status=1
	elif [[ $qrc -eq 124 || $qrc -eq 137 ]]; then
		vm_log "TIMEOUT: the guest did not finish in ${timeout}s; QEMU killed. Console tail:"
		tail -n 30 "$tmp/console.log" | tr -d '\r' | sed 's/^/vm:   | /' >&2
		status=1
	elif [[ $qrc -ne 0 ]]; then
		vm_log "QEMU failed with exit status $qrc:"
		sed 's/^/vm:   | /' "$tmp/qemu.err" >&2
		tail -n 30 "$tmp/console.log" | tr -d '\r' | sed 's/^/vm:   | /' >&2
		status=1
	fi
	if [[ -f $tmp/out/rc ]]; then
		rc=$(tr -dc '0-9' <"$tmp/out/rc")
	fi
	if [[ -z $rc ]]; then
		if [[ $status -eq 0 ]]; then
			vm_log "the guest did not finish: no /out/rc came back. Console tail:"
			tail -n 30 "$tmp/console.log" | tr -d '\r' | sed 's/^/vm:   | /' >&2
		fi
		status=1
	elif [[ $rc -ne 0 ]]; then
		vm_log "the script exited with status $rc"
		status=$rc
	fi
	if ! vm_check_dmesg "$out/dmesg.txt" "$tmp/console-kernel.txt" >&2; then
		[[ $status -ne 0 ]] || status=1
	fi
	[[ $status -eq 0 ]] && vm_log "OK: script exit status 0, dmesg clean; output in $out"
	trap - EXIT TERM INT HUP
	vm_cleanup "$tmp"
	return "$status"
}

vm_cleanup()
{
	local tmp=$1

	if [[ -n ${VM_QEMU_PID-} ]]; then
		kill -TERM "$VM_QEMU_PID" 2>/dev/null || true
		wait "$VM_QEMU_PID" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}

vm_main()
{
	local cmd=${1-}

	[[ $# -gt 0 ]] && shift
	case $cmd in
	run) vm_run "$@" ;;
	check-dmesg) vm_check_dmesg "$@" ;;
	prereqs) vm_prereqs "${1-}" ;;
	kernel) vm_arch_ok && vm_kernel_release ;;
	headers) vm_arch_ok && vm_kernel_file headers "$(vm_kernel_release)" ;;
	*) vm_usage; return 2 ;;
	esac
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
	vm_main "$@"
fi
