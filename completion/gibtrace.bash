# bash completion for gibtrace: the commands, each command's options, policy names and
# NAME:param= parameters. Every list comes from the gibtrace being completed (gibtrace help
# --list, --options COMMAND, --policies, --params POLICY), so it completes what that
# binary takes. Installed as share/bash-completion/completions/gibtrace; to try it from
# the source tree: source completion/gibtrace.bash.

# _gibtrace_bin WORD: the gibtrace of the command line (a path to it, or gibtrace on PATH)
_gibtrace_bin()
{
	local g=$1

	# shellcheck disable=SC2088 # a literal ~/, as typed
	[[ $g == "~/"* ]] && g=$HOME/${g#"~/"}
	if [[ $g == */* && -x $g ]]; then
		printf '%s\n' "$g"
	else
		printf 'gibtrace\n'
	fi
}

# _gibtrace_policy: a policy spec from $cur into reply: a name (after the last comma, for
# compare's lists), or after NAME: a parameter name of that policy, with its =
_gibtrace_policy()
{
	local head pol tail lead="" names p

	if [[ $cur != *:* ]]; then
		[[ $cur == *,* ]] && lead=${cur%,*},
		names=$("$g" help --policies 2>/dev/null)
		[[ $cmd == replay || $cmd == compare ]] && names+=$'\nall'
		for p in $(compgen -W "$names" -- "${cur##*,}"); do
			reply+=("$lead$p")
		done
	else
		head=${cur%:*}
		pol=${head##*,}
		tail=${cur##*:}
		[[ $tail == *,* ]] && lead=${tail%,*},
		for p in $(compgen -W "$("$g" help --params "$pol" 2>/dev/null)" -- "${tail##*,}"); do
			reply+=("$head:$lead$p=")
		done
	fi
}

_gibtrace()
{
	local line words=() cur prev="" cmd="" g i p word reply=()

	# The words up to the cursor split at blanks only: bash's COMP_WORDS also splits at
	# : and =, which policy specs hold. Without COMP_LINE (a caller setting COMP_WORDS
	# and COMP_CWORD only), COMP_WORDS as given.
	if [[ -n ${COMP_LINE-} ]]; then
		line=${COMP_LINE:0:${COMP_POINT:-${#COMP_LINE}}}
		read -ra words <<<"$line"
		[[ -z $line || $line =~ [[:space:]]$ ]] && words+=("")
	else
		words=("${COMP_WORDS[@]:0:COMP_CWORD+1}")
	fi
	[[ ${#words[@]} -ge 2 ]] || return 0
	cur=${words[-1]}
	prev=${words[-2]}
	g=$(_gibtrace_bin "${words[0]}")

	for ((i = 1; i < ${#words[@]} - 1; i++)); do
		if [[ ${words[i]} != -* ]]; then
			cmd=${words[i]}
			break
		fi
	done
	for ((i++; i < ${#words[@]} - 1; i++)); do
		[[ ${words[i]} == -- ]] && return 0 # record -- COMMAND...: files and so on
	done

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			mapfile -t reply < <(compgen -W "--help --version" -- "$cur")
		else
			mapfile -t reply < <(compgen -W "$("$g" help --list 2>/dev/null)" -- "$cur")
		fi
	else
		case $prev in
		--policy)
			_gibtrace_policy
			;;
		--param)
			for ((i = 1; i < ${#words[@]} - 2; i++)); do
				[[ ${words[i]} == --policy ]] && p=${words[i + 1]%%:*}
			done
			if [[ -n ${p-} ]]; then
				for word in $(compgen -W "$("$g" help --params "$p" 2>/dev/null)" -- "$cur"); do
					reply+=("$word=")
				done
			fi
			;;
		--backend)
			mapfile -t reply < <(compgen -W "bpf tracefs" -- "$cur")
			;;
		--target)
			mapfile -t reply < <(compgen -W "gib.ko s390-kvm" -- "$cur")
			;;
		--probes)
			mapfile -t reply < <(compgen -W "auto kprobe fentry" -- "$cur")
			;;
		--options)
			[[ $cmd == help ]] && mapfile -t reply < <(compgen -W "$("$g" help --list 2>/dev/null)" -- "$cur")
			;;
		--params)
			[[ $cmd == help ]] && mapfile -t reply < <(compgen -W "$("$g" help --policies 2>/dev/null)" -- "$cur")
			;;
		*)
			if [[ $cur == -* ]]; then
				mapfile -t reply < <(compgen -W "$("$g" help --options "$cmd" 2>/dev/null) --help" -- "$cur")
			elif [[ $cmd == help && $prev == help ]]; then
				mapfile -t reply < <(compgen -W "$("$g" help --list 2>/dev/null)" -- "$cur")
			fi
			;;
		esac
	fi

	# bash replaces its own current word, which starts after the last : or =: drop what
	# comes before it from each reply
	word=${COMP_WORDS[COMP_CWORD]-$cur}
	if [[ $word != "$cur" && $cur == *"$word" ]]; then
		for i in "${!reply[@]}"; do
			reply[i]=${reply[i]#"${cur%"$word"}"}
		done
	fi
	COMPREPLY=("${reply[@]}")
	if [[ ${#reply[@]} -gt 0 && ${reply[0]} == *[=:] ]]; then
		compopt -o nospace 2>/dev/null || true
	fi
	return 0
}

complete -o default -F _gibtrace gibtrace
