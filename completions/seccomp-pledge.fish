# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_seccomp_pledge_global_optspecs
    string join \n p/promises= e/exec-promises= v/unveil= V/no-unveil k/kill q/quiet report= landlock-reports= audit allow-loader-promises n/nice N/keep-fds D/keep-caps C/cpu= M/memory= O/open-files= P/processes= F/file-size= u/user= g/group= c/chroot= T/test= strict allow= deny= policy= filter= export= runtime= lossy check json no-check local remote api no-api version h/help
end

function __fish_seccomp_pledge_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_seccomp_pledge_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_seccomp_pledge_using_subcommand
    set -l cmd (__fish_seccomp_pledge_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s p -l promises -d 'Promises, space separated; repeatable, values add up [default: stdio rpath]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s e -l exec-promises -d 'Exec promises (OpenBSD\'s execpromises): the promises of every program the program executes, a subset of -p that needs `exec`; repeatable, values add up [default: the program\'s own]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s v -l unveil -d 'Unveil PATH with permissions from rwxc (no PERM: means r), or a TCP port: connect:PORT, bind:PORT (other ports of that kind are refused); repeatable' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l report -d 'Also write every denial to FILE, one JSON object per line' -r -F
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l landlock-reports -d 'How refusals by unveil (Landlock) are reported: `audit` from the kernel\'s audit records (exact; needs CAP_AUDIT_READ and audit enabled), `check` by checking file calls against the unveiled paths (unprivileged, report-only, slower), `auto` (audit when possible), `off`' -r -f -a "auto\t''
audit\t''
check\t''
off\t''"
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s C -l cpu -d 'CPU time limit in seconds (RLIMIT_CPU) [default: inherited]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s M -l memory -d 'Address-space limit, e.g. 4g (RLIMIT_AS) [default: this machine\'s total RAM]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s O -l open-files -d 'Open-file limit (RLIMIT_NOFILE) [default: 64]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s P -l processes -d 'Process limit for the user (RLIMIT_NPROC) [default: CPUs + processes running now]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s F -l file-size -d 'File-size limit, e.g. 100m (RLIMIT_FSIZE; hard limit 1.5x) [default: 256000000]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s u -l user -d 'Run the program as this user (a number or a name in /etc/passwd; root only), with its group unless -g says otherwise. With -u or -g the supplementary groups are cleared' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s g -l group -d 'Run the program with this group (a number or a name in /etc/group; root only)' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s c -l chroot -d 'Run the program chrooted in DIR (root only): the program, its loader and libraries and the unveiled paths are looked up inside DIR, whose / is the program\'s working directory' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s T -l test -d 'Exit 0 if this kernel supports FEATURE, 1 if not' -r -f -a "pledge\t'seccomp-bpf filters'
unveil\t'Landlock'"
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l allow -d 'Allow calls: \'SYSCALL… [if argN OP VALUE [and …]] [log|trace N]\'; repeatable' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l deny -d 'Deny calls: \'SYSCALL… [if …] [errno NAME|kill|kill_thread|trap]\'; repeatable' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l policy -d 'Start from a policy file (ours or seccompiler\'s filters.json, detected); flags add to it' -r -F
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l filter -d 'With a seccompiler --policy file: take only this filter (e.g. `vcpu`)' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l export -d 'Write the policy to stdout in FORMAT (oci, bpf, seccompiler, seccomp-pledge) instead of running a program; how it differs from a run is noted on stderr' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l runtime -d 'With --export: add this runtime\'s own calls (none, runc, crun, bwrap)' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s V -l no-unveil -d 'Disable unveiling: no Landlock file-system rules at all, not even implicit ones'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s k -l kill -d 'Kill the sandbox with SIGSYS on a denied call, instead of failing it with EPERM'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s q -l quiet -d 'Do not print violation reports (nor their summary)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l audit -d 'Audit mode, for rolling a policy out: enforce nothing but --deny rules and the guards, and report every call the policy would deny (unveils as `check` finds them)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l allow-loader-promises -d 'Run programs whose loader\'s promises (rpath prot_exec) cannot be dropped exactly (unknown loader, binfmt_misc), keeping them for the whole run'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s n -l nice -d 'Run at the lowest CPU and I/O priority (nice 19, SCHED_IDLE, idle I/O class)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s N -l keep-fds -d 'Keep inherited file descriptors above 2 [default: they are closed]'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s D -l keep-caps -d 'Keep the capability bounding set [default: it is dropped]'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l strict -d 'Fail instead of warning when Landlock enforces less than asked'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l lossy -d 'With --export: export even what the format cannot hold exactly, the losses noted'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l check -d 'Show what this kernel supports (same as the `check` subcommand)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l json -d 'With --check: print JSON'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l no-check -d 'Accepted for compatibility: the native engine checks what it needs on every run'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l local -d 'Accepted for compatibility: the engine is built in, nothing is fetched'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l remote -d 'Refused: seccomp-pledge never downloads an engine'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l api -d 'Serve the command API on a Unix socket'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l no-api -d 'Do not serve the API (the default)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -l version -d 'Print version'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -a "shell" -d 'Open the policy shell (`seccomp-pledge>`); with FILE or a pipe, run its commands'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -a "run" -d 'Run a program under a policy (the same flags as without a subcommand)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -a "serve" -d 'Serve the shell\'s commands over a Unix socket (`nc -U PATH`), one session per connection'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -a "script" -d 'Run a rhai script whose functions are the shell\'s commands'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -a "trace" -d 'Trace a program\'s system calls (like strace), following forks, threads and execs'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -a "check" -d 'Show what this kernel supports (seccomp actions and flags, Landlock ABI, …)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -a "man" -d 'Print the manual page (roff)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand shell" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s p -l promises -d 'Promises, space separated; repeatable, values add up [default: stdio rpath]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s e -l exec-promises -d 'Exec promises (OpenBSD\'s execpromises): the promises of every program the program executes, a subset of -p that needs `exec`; repeatable, values add up [default: the program\'s own]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s v -l unveil -d 'Unveil PATH with permissions from rwxc (no PERM: means r), or a TCP port: connect:PORT, bind:PORT (other ports of that kind are refused); repeatable' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l report -d 'Also write every denial to FILE, one JSON object per line' -r -F
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l landlock-reports -d 'How refusals by unveil (Landlock) are reported: `audit` from the kernel\'s audit records (exact; needs CAP_AUDIT_READ and audit enabled), `check` by checking file calls against the unveiled paths (unprivileged, report-only, slower), `auto` (audit when possible), `off`' -r -f -a "auto\t''
audit\t''
check\t''
off\t''"
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s C -l cpu -d 'CPU time limit in seconds (RLIMIT_CPU) [default: inherited]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s M -l memory -d 'Address-space limit, e.g. 4g (RLIMIT_AS) [default: this machine\'s total RAM]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s O -l open-files -d 'Open-file limit (RLIMIT_NOFILE) [default: 64]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s P -l processes -d 'Process limit for the user (RLIMIT_NPROC) [default: CPUs + processes running now]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s F -l file-size -d 'File-size limit, e.g. 100m (RLIMIT_FSIZE; hard limit 1.5x) [default: 256000000]' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s u -l user -d 'Run the program as this user (a number or a name in /etc/passwd; root only), with its group unless -g says otherwise. With -u or -g the supplementary groups are cleared' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s g -l group -d 'Run the program with this group (a number or a name in /etc/group; root only)' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s c -l chroot -d 'Run the program chrooted in DIR (root only): the program, its loader and libraries and the unveiled paths are looked up inside DIR, whose / is the program\'s working directory' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s T -l test -d 'Exit 0 if this kernel supports FEATURE, 1 if not' -r -f -a "pledge\t'seccomp-bpf filters'
unveil\t'Landlock'"
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l allow -d 'Allow calls: \'SYSCALL… [if argN OP VALUE [and …]] [log|trace N]\'; repeatable' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l deny -d 'Deny calls: \'SYSCALL… [if …] [errno NAME|kill|kill_thread|trap]\'; repeatable' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l policy -d 'Start from a policy file (ours or seccompiler\'s filters.json, detected); flags add to it' -r -F
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l filter -d 'With a seccompiler --policy file: take only this filter (e.g. `vcpu`)' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l export -d 'Write the policy to stdout in FORMAT (oci, bpf, seccompiler, seccomp-pledge) instead of running a program; how it differs from a run is noted on stderr' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l runtime -d 'With --export: add this runtime\'s own calls (none, runc, crun, bwrap)' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s V -l no-unveil -d 'Disable unveiling: no Landlock file-system rules at all, not even implicit ones'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s k -l kill -d 'Kill the sandbox with SIGSYS on a denied call, instead of failing it with EPERM'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s q -l quiet -d 'Do not print violation reports (nor their summary)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l audit -d 'Audit mode, for rolling a policy out: enforce nothing but --deny rules and the guards, and report every call the policy would deny (unveils as `check` finds them)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l allow-loader-promises -d 'Run programs whose loader\'s promises (rpath prot_exec) cannot be dropped exactly (unknown loader, binfmt_misc), keeping them for the whole run'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s n -l nice -d 'Run at the lowest CPU and I/O priority (nice 19, SCHED_IDLE, idle I/O class)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s N -l keep-fds -d 'Keep inherited file descriptors above 2 [default: they are closed]'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s D -l keep-caps -d 'Keep the capability bounding set [default: it is dropped]'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l strict -d 'Fail instead of warning when Landlock enforces less than asked'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l lossy -d 'With --export: export even what the format cannot hold exactly, the losses noted'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l check -d 'Show what this kernel supports (same as the `check` subcommand)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l json -d 'With --check: print JSON'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l no-check -d 'Accepted for compatibility: the native engine checks what it needs on every run'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l local -d 'Accepted for compatibility: the engine is built in, nothing is fetched'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l remote -d 'Refused: seccomp-pledge never downloads an engine'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l api -d 'Serve the command API on a Unix socket'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -l no-api -d 'Do not serve the API (the default)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand serve" -l socket -d 'The socket [default: $XDG_RUNTIME_DIR/seccomp-pledge.sock, else /tmp/seccomp-pledge-UID/seccomp-pledge.sock]' -r -F
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand serve" -l max-clients -d 'Most connections served at once' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand serve" -l idle-timeout -d 'Close a connection idle this long' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand serve" -l write-timeout -d 'Disconnect (and stop the jobs of) a client that does not read its responses for this long' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand serve" -l allow-confined-clients -d 'Also accept clients more confined than the server (for trusted clients inside other confinement); this lets sandboxes of your uid run commands unconfined'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand script" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand trace" -s o -l output -d 'Write the trace to FILE instead of stderr' -r -F
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand trace" -s e -l expr -d 'Which calls to stop at: trace=NAME,%CLASS,… (classes: %file %network %process %memory %signal %ipc %desc %creds %clock %stat; `!` negates)' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand trace" -s s -l string-limit -d 'Longest string shown' -r
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand trace" -s f -l follow-forks -d 'Show the calls of child processes and threads too (all are always traced)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand trace" -s j -l json -d 'JSON lines with lurk\'s fields (type, pid, num, syscall, args, success|error|result, duration)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand trace" -s c -l summary-only -d 'Only a summary table: calls, errors and time per syscall'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand trace" -s C -l summary -d 'The calls, then the summary table'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand trace" -s T -l syscall-times -d 'Show the time spent in each call'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand trace" -l no-pin -d 'Let the program run on any CPU (slower stops; the default keeps tracer and program on one CPU)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand trace" -l stdin -d 'Let the program read the shell\'s standard input (in a batch it gets /dev/null, so it cannot read the commands that follow)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand trace" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand check" -l json -d 'Print JSON for machines'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand check" -s h -l help -d 'Print help'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand completions" -s h -l help -d 'Print help'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand man" -s h -l help -d 'Print help'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand help; and not __fish_seen_subcommand_from shell run serve script trace check completions man help" -f -a "shell" -d 'Open the policy shell (`seccomp-pledge>`); with FILE or a pipe, run its commands'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand help; and not __fish_seen_subcommand_from shell run serve script trace check completions man help" -f -a "run" -d 'Run a program under a policy (the same flags as without a subcommand)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand help; and not __fish_seen_subcommand_from shell run serve script trace check completions man help" -f -a "serve" -d 'Serve the shell\'s commands over a Unix socket (`nc -U PATH`), one session per connection'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand help; and not __fish_seen_subcommand_from shell run serve script trace check completions man help" -f -a "script" -d 'Run a rhai script whose functions are the shell\'s commands'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand help; and not __fish_seen_subcommand_from shell run serve script trace check completions man help" -f -a "trace" -d 'Trace a program\'s system calls (like strace), following forks, threads and execs'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand help; and not __fish_seen_subcommand_from shell run serve script trace check completions man help" -f -a "check" -d 'Show what this kernel supports (seccomp actions and flags, Landlock ABI, …)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand help; and not __fish_seen_subcommand_from shell run serve script trace check completions man help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand help; and not __fish_seen_subcommand_from shell run serve script trace check completions man help" -f -a "man" -d 'Print the manual page (roff)'
complete -c seccomp-pledge -n "__fish_seccomp_pledge_using_subcommand help; and not __fish_seen_subcommand_from shell run serve script trace check completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
