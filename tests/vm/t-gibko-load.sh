#!/usr/bin/env bash
# ctest vm-gibko-load: insmod gib.ko, /dev/gib (a 0600 character device), the API
# version and extensions, every gib:* tracepoint of the vocabulary with the fields of
# struct gib_event, rmmod, a clean dmesg.
set -euo pipefail
GIBKO_TEST=vm-gibko-load
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/gibko-lib.sh"
gibko_prepare "${1:?usage: t-gibko-load.sh WORK_DIR}"
gibko_vm "$gibko_here/gibko-load-guest.sh" --timeout 120
out=$GIBKO_WORK/out
grep -q '^crw-------' "$out/dev.txt" || gibko_fail "/dev/gib is not a 0600 char device: $(cat "$out/dev.txt")"
grep -q '^api 1 cap0=0 cap1=1 cap2=1 cap3=1 cap4=1 cap5=1 cap6=0 cap7=0 cap8=0$' "$out/api.txt" ||
	gibko_fail "API version or extensions: $(cat "$out/api.txt")"
want="airq_deliver airq_post gal_irq gal_process gisa_alert gisa_unlink gisc_register
gisc_unregister guest_timer guest_work iam_restore iam_set kick_timer sie_enter sie_exit
vcpu_create vcpu_destroy vcpu_kick vcpu_wait vcpu_wakeup vm_create vm_destroy"
have=$(tr '\n' ' ' <"$out/events.txt" | xargs)
[[ $have == "$(echo $want)" ]] || gibko_fail "gib:* events: have '$have', want '$(echo $want)'"
for f in 'u16 vm' 'u16 vcpu' 'u8 isc' 'u8 mask' 'u8 old' 'u8 new' 'u32 arg' 'u32 val'; do
	grep -q "field:$f;" "$out/format.txt" || gibko_fail "no field $f in gib:airq_post"
done
grep -q 'gib: loaded: /dev/gib, API version 1' "$out/dmesg.txt" || gibko_fail "no load message"
grep -q 'gib: unloaded' "$out/dmesg.txt" || gibko_fail "no unload message"
echo "vm-gibko-load: PASS: /dev/gib 0600, API 1, 22 gib:* events, unloaded, dmesg clean"
