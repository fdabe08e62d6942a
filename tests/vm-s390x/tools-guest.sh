#!/bin/sh
# In the s390x guest, for t-tools.sh: the s390x gibtrace-static's selftest, and the replay
# of each shipped recording in /traces under every policy.
set -eu
uname -m >/out/uname.txt
/gibtrace selftest >/out/selftest.txt
cd /traces
for t in *.gtr; do
	/gibtrace replay "$t" --policy all --json -j 1 --quiet >"/out/${t%.gtr}.json"
done
tail -n 1 /out/selftest.txt
