#!/bin/sh
# In the guest: load gibsmoke with warn=1 (WARN_ON(1) on load) and exit 0. The harness
# must still fail the run: t-detects-warning.sh checks that it does.
insmod /gibsmoke.ko warn=1
echo "warn: insmod returned $?"
rmmod gibsmoke
exit 0
