//! THE command table: every shell command's name, aliases, usage line, help, examples and
//! parse function (`parse`, defined in `command`: the words after the name to a `Command`).
//!
//! Parsing (`command::parse_words` dispatches to the row's `parse`), `help`, tab completion
//! and hints (`frontend::repl`), the
//! command reference (`docs/commands.md`) and the example tests all read this table; nothing
//! about a command is written anywhere else.

/// What to complete for an argument position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Complete {
    /// Promise names.
    Promise,
    /// Promises currently granted.
    Granted,
    /// A rule: syscall names, then `if`/`and`, `argN`, constants, actions.
    Rule,
    /// File-system paths.
    Path,
    /// `show` topics.
    Show,
    /// Limit names, then sizes.
    Limit,
    /// Penalty names.
    Penalty,
    /// Option names, then `on`/`off`.
    Option,
    /// Command names.
    Command,
    /// `save` flags, then paths.
    Save,
    /// `remove` topics.
    Remove,
    /// A program and its arguments (paths).
    Program,
    /// Nothing.
    Nothing,
}

/// One command.
#[derive(Debug)]
pub struct CommandSpec {
    /// The name.
    pub name: &'static str,
    /// Other names.
    pub aliases: &'static [&'static str],
    /// The usage line.
    pub usage: &'static str,
    /// One line of help.
    pub summary: &'static str,
    /// More help (may be empty).
    pub help: &'static str,
    /// Examples; each is executed by the test suite, in table order, in one session.
    pub examples: &'static [&'static str],
    /// What its arguments complete to.
    pub complete: Complete,
    /// Its parse function: the words after its name to a [`super::Command`].
    pub parse: super::Parser,
}

/// Every command, in the order `help` lists them.
pub static COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        name: "trace",
        aliases: &["strace"],
        usage: "trace [--add] [-f] [-o FILE] [-j] [-c|-C] [-e trace=SET] [-s N] [-T] [--] PROGRAM [ARGS…]",
        summary: "trace a program's system calls (like strace); the trace stays in the session for `suggest`",
        help: "--add adds this trace to the session's (counts add, calls and paths unite), so that `suggest` covers several runs, e.g. a test suite; without it the trace replaces the session's. The other flags are those of `seccomp-pledge trace`: -f shows children and threads (all are always traced), -o FILE writes the trace there, -j writes JSON lines, -c prints only a summary table and -C both, -e trace=%file,connect stops only at those calls, -s N sets the longest string shown, -T shows the time in each call. Ctrl-C stops the trace and kills the program. `show trace` shows the summary again; `suggest` proposes a policy from it; `allow traced` adds its calls as explicit rules.",
        examples: &[
            "trace -c -- /bin/true",
            "trace -e trace=openat,execve -- /bin/true",
            "trace --add -c -- /bin/true",
        ],
        parse: super::parse_trace,
        complete: Complete::Program,
    },
    CommandSpec {
        name: "suggest",
        aliases: &[],
        usage: "suggest [apply [--all]] | suggest --from-denials [apply] | suggest --from-profile FILE [--runtime NAME] [apply]",
        summary: "propose the smallest policy that lets the last traced program run; `suggest apply` adopts it",
        help: "The proposal has the fewest promises that cover every traced call (calls the dynamic loader alone makes are left to the launcher, which grants them until the program starts), the unveils the program needs beyond what `run` unveils by itself (collapsed to directories, least permission), and explicit allow rules for calls no promise covers. A promise needed only by calls that all failed anyway (isatty() on a pipe, getpeername on a file, opening /dev/tty without a terminal) is listed as optional. What the program created goes to the directory it was created in, which exists when the program starts again. `suggest apply` replaces the session's promises, unveils and rules with it, without the optional promises (`suggest apply --all` adopts those too; `undo` brings the old policy back). `suggest --from-denials` proposes instead what the last run's denial reports name (`denials`): a promise for each call the filter refused, an unveil for each access Landlock refused; `suggest --from-denials apply` adds them to the session's policy. --from-profile FILE reads a recorded, names-only OCI profile (the syscall names a container made, as a recording hook writes them, all allowed without args) and proposes the cheapest promises that allow those names whatever their arguments; --runtime runc|crun|bwrap leaves out the runtime's own calls (those `save --format oci --runtime` adds); names a chosen promise allows only for some arguments are named, names every promise allows only for some arguments are left out and named with their candidate promises (a trace tells which), and names no promise allows become explicit allow rules; `apply` adds the promises and rules to the policy.",
        examples: &[
            "suggest",
            "suggest apply",
            "suggest apply --all",
            "suggest --from-profile recorded.json --runtime runc",
        ],
        parse: super::parse_suggest,
        complete: Complete::Nothing,
    },
    CommandSpec {
        name: "promise",
        aliases: &["pledge"],
        usage: "promise [--exec] NAME…",
        summary: "grant pledge promises (stdio rpath wpath cpath inet dns proc exec …)",
        help: "Promises add up. `show syscalls NAME` lists what a promise allows; `unpromise` takes one back. With --exec, the exec promises (OpenBSD's execpromises, `-e`): what every program the program executes gets, a subset of the promises.",
        examples: &[
            "promise stdio rpath",
            "promise inet dns",
            "promise --exec stdio rpath",
        ],
        parse: super::parse_promise,
        complete: Complete::Promise,
    },
    CommandSpec {
        name: "unpromise",
        aliases: &[],
        usage: "unpromise [--exec] NAME…",
        summary: "take promises back",
        help: "Taking back a promise takes it from the exec promises too. `unpromise --exec` alone drops the exec promises: executed programs get the program's own again.",
        examples: &["unpromise dns", "unpromise --exec"],
        parse: super::parse_promise,
        complete: Complete::Granted,
    },
    CommandSpec {
        name: "unveil",
        aliases: &[],
        usage: "unveil PATH [PERMS]   |   unveil PERMS:PATH   |   unveil connect:PORT|bind:PORT",
        summary: "let the program see PATH with permissions from rwxc (default r), or use a TCP port",
        help: "r reads files and lists directories; w writes and truncates; x executes; c creates, removes, renames and links entries (directories only). Everything not unveiled is invisible. Paths must exist. connect:PORT and bind:PORT are network unveils (Landlock ABI 4): once one connect (bind) port is unveiled, TCP connect (bind) to any other port fails with EACCES; `remove unveil connect:PORT` takes one back.",
        examples: &[
            "unveil /usr r",
            "unveil rwc:/tmp",
            "unveil /etc",
            "unveil connect:443",
        ],
        parse: super::parse_unveil,
        complete: Complete::Path,
    },
    CommandSpec {
        name: "allow",
        aliases: &[],
        usage: "allow SYSCALL… [if argN OP VALUE [and …]] [log|trace N]   |   allow traced",
        summary: "allow system calls, optionally only for some argument values",
        help: "OP is == != < <= > >= or `argN & MASK == VALUE`. VALUE is a number or a constant (AF_INET, O_WRONLY|O_CREAT, TIOCGWINSZ …). `argN:32`/`argN:64` sets the compared width (default: what the kernel reads). A call runs when a promise or an allow rule allows it and no deny rule matches. `allow traced` adds one rule per distinct call of the last trace, with conditions on the arguments that matter (socket family and type, open flags, ioctl requests, clone flags, PROT bits …): an explicit allow-list.",
        examples: &[
            "allow traced",
            "allow ioctl if arg1 == TIOCGWINSZ",
            "allow openat if arg2 & O_ACCMODE == O_RDONLY",
            "allow fallocate",
        ],
        parse: super::parse_allow,
        complete: Complete::Rule,
    },
    CommandSpec {
        name: "deny",
        aliases: &[],
        usage: "deny SYSCALL… [if argN OP VALUE [and …]] [errno NAME|kill|kill_thread|trap]",
        summary: "deny system calls (with the penalty, or the action given)",
        help: "A deny rule wins over promises and allow rules; the most restrictive matching rule decides. Denials by deny rules are not reported: they are policy, not violations.",
        examples: &[
            "deny socket if arg0 == AF_INET errno EACCES",
            "deny ptrace kill",
        ],
        parse: super::parse_allow,
        complete: Complete::Rule,
    },
    CommandSpec {
        name: "remove",
        aliases: &["rm"],
        usage: "remove rule N   |   remove unveil PATH",
        summary: "remove an explicit rule (by its number in `show`) or an unveil",
        help: "",
        examples: &["remove rule 5", "remove unveil /etc"],
        parse: super::parse_remove,
        complete: Complete::Remove,
    },
    CommandSpec {
        name: "penalty",
        aliases: &[],
        usage: "penalty eperm|kill|errno NAME",
        summary: "what happens to a denied call: fail it (EPERM or another errno) or kill the sandbox",
        help: "",
        examples: &["penalty kill", "penalty eperm"],
        parse: super::parse_penalty,
        complete: Complete::Penalty,
    },
    CommandSpec {
        name: "limit",
        aliases: &[],
        usage: "limit [cpu|memory|open-files|processes|file-size [VALUE|default|unlimited|inherit]]",
        summary: "show or set a resource limit",
        help: "cpu is in seconds, memory and file-size in bytes with suffixes k m g t (4g), the others are counts. `default` restores pledge.com's default.",
        examples: &["limit open-files 128", "limit memory 4g", "limit"],
        parse: super::parse_limit,
        complete: Complete::Limit,
    },
    CommandSpec {
        name: "option",
        aliases: &["set"],
        usage: "option [unveil|strict|nice|keep-fds|keep-caps|allow-loader-promises [on|off]]",
        summary: "show or set a launch option",
        help: "unveil: apply Landlock file rules (off = -V); strict: fail when Landlock enforces less than asked; nice: lowest priority (-n); keep-fds: keep inherited descriptors (-N); keep-caps: keep the capability bounding set (-D); allow-loader-promises: run programs whose loader promises cannot be dropped exactly.",
        examples: &["option strict on", "option"],
        parse: super::parse_option,
        complete: Complete::Option,
    },
    CommandSpec {
        name: "show",
        aliases: &[],
        usage: "show [policy|bpf|syscalls PROMISE|promises|json|trace]",
        summary: "show the policy, the compiled filter, or what a promise allows",
        help: "",
        examples: &[
            "show",
            "show trace",
            "show syscalls tty",
            "show promises",
            "show bpf",
            "show json",
        ],
        parse: super::parse_show,
        complete: Complete::Show,
    },
    CommandSpec {
        name: "save",
        aliases: &[],
        usage: "save [--format seccomp-pledge|seccompiler|oci|k8s|systemd|bpf] [--runtime none|runc|crun|bwrap] [--lossy] [--force] [FILE]   |   save --trace [--force] [FILE]",
        summary: "write the policy to FILE (default policy.json, or filters.json for seccompiler), or the session's trace profile (default trace.json)",
        help: "Writes are atomic. Overwriting a file that was not loaded or saved in this session needs --force. The seccompiler format is what `seccompiler::compile_from_json` reads: several filters to stack. `oci` is an OCI runtime-spec seccomp profile (runc, crun, Docker, Podman, containerd), `k8s` the same profile as a Security Profiles Operator `SeccompProfile` resource, `systemd` a `[Service]` drop-in (SystemCallFilter= and the other sandboxing settings), and `bpf` our exact filter as raw `sock_filter` bytes (bwrap --seccomp, crun's annotation): both list how they differ from `run` (execve allowed throughout, the loader's promises, what the target drops), `--runtime` adds a runtime's own calls (kept apart and named), and a policy they cannot hold exactly (unveils, limits set) is refused unless `--lossy` accepts the listed losses. --trace writes the session's trace profile (every run traced or loaded into it) as versioned JSON, for `load --trace` in another session or on another machine of the same architecture.",
        examples: &[
            "save --force policy.json",
            "save --format seccompiler --force",
            "save --format oci --runtime runc --lossy --force seccomp.json",
            "save --trace --force trace.json",
        ],
        parse: super::parse_save,
        complete: Complete::Save,
    },
    CommandSpec {
        name: "verify-export",
        aliases: &[],
        usage: "verify-export runc|crun|crun-bpf|bwrap|systemd [--lossy]",
        summary: "export the policy for a target, run it there and compare every answer with `run`'s",
        help: "Exports the policy as the target takes it (an OCI profile for runc and crun, raw BPF for bwrap and for crun's run.oci.seccomp_bpf_data annotation (crun-bpf), with the runtime's own calls added), starts a program that makes no system call in the target, reads back the filters the kernel installed for it, and asks them and the policy the same probes: every syscall number, the argument values the policy decides (with the upper bits of 32-bit arguments set), x32 and i386 calls. Differences the export lists (execve, the runtime's calls, checks on the sandbox's own pid) are counted; any other is an error. Needs root and the target installed; runs nothing of the policy's program. systemd: the drop-in is added to a unit and checked offline by `systemd-analyze verify` (which must say nothing of it) and `security --offline` (which must rate NoNewPrivileges=, LockPersonality= and SystemCallArchitectures= safe); the filter is not run.",
        examples: &["verify-export runc --lossy", "verify-export bwrap --lossy"],
        parse: super::parse_verify_export,
        complete: Complete::Nothing,
    },
    CommandSpec {
        name: "load",
        aliases: &[],
        usage: "load [--filter NAME] FILE   |   load --trace FILE",
        summary: "replace the policy with FILE's (our JSON, seccompiler's, or an OCI seccomp profile, detected), or merge a saved trace profile into the session's trace",
        help: "An OCI profile (Docker's default.json, Podman's seccomp.json, a bundle's linux.seccomp, or a Kubernetes SeccompProfile resource) becomes explicit rules, resolved as a runtime would for a container here: x86_64, the running kernel for minKernel, no capabilities; other architectures' syscall names are skipped and counted, anything else that cannot be represented (an unknown name or action, entries with different actions that can match one call, another architecture) is refused naming the entry. A seccompiler file with several allow-list filters (one per thread kind, as Firecracker's) needs --filter NAME. --trace merges a profile saved by `save --trace` into the session's trace (or starts it), as `trace --add` does: `suggest` and `allow traced` then cover every run of both. A profile of another architecture or a newer format version is refused.",
        examples: &[
            "load policy.json",
            "load filters.json",
            "load seccomp.json",
            "load --trace trace.json",
        ],
        parse: super::parse_load,
        complete: Complete::Path,
    },
    CommandSpec {
        name: "run",
        aliases: &[],
        usage: "run [--stdin] [--quiet] [--report FILE] [-u USER] [-g GROUP] [-c DIR] [--landlock-reports MODE] [--audit] [--] PROGRAM [ARGS…]",
        summary: "run a program under the policy, with denials reported as they happen",
        help: "PROGRAM is looked up in PATH; ARGS reach it verbatim (quote them as in a shell). The program's exit status is shown as a note; a program that fails is not a failed command. In a batch (piped or from a file) the program gets /dev/null as stdin, so it cannot read the commands that follow; --stdin gives it the shell's stdin (in a piped batch: exactly the lines after this one). On a terminal it reads the terminal; over the socket, /dev/null. Refusals by unveil (Landlock) are reported like the filter's, with the unveil that fixes them: --landlock-reports audit reads them from the kernel's audit records (exact; root or CAP_AUDIT_READ, audit enabled), check predicts them by checking file calls against the unveiled paths (unprivileged, slower), auto (the default) uses audit where it can, off reports none. --quiet (-q) prints no denial reports while the program runs (`denials` still has them); --report FILE also writes each denial to FILE (relative to the session's directory), one JSON object per line, as the command line's --report does: a new file is created, an existing one appended to, a symbolic link refused. -u USER (--user) and -g GROUP (--group), numbers or names, run the program as that user and group, as the command line's do (root only; the supplementary groups are cleared; -u alone takes the user's own group). -c DIR (--chroot) runs it chrooted in DIR (root only): the program, its loader and libraries and the unveiled paths are looked up inside DIR, whose / is its working directory; a dynamic program narrowed after its loader needs /proc mounted in DIR. --audit, for rolling a policy out, enforces nothing but deny rules and the guards (TIOCSTI, seccomp notifications, x32 and i386 calls): every call the promises would deny is reported (`audit: would deny …`) and let through, Landlock is not applied and the file calls it would refuse are found as `--landlock-reports check` finds them; the run ends with what the policy lacks for them. `denials` shows the run's denials again; `suggest --from-denials` proposes what fixes them.",
        examples: &[
            "run -- /bin/true",
            "run --stdin -- /bin/true",
            "run --quiet -- /bin/true",
            "run --landlock-reports check -- /bin/true",
            "run --audit -- /bin/true",
        ],
        parse: super::parse_run,
        complete: Complete::Program,
    },
    CommandSpec {
        name: "denials",
        aliases: &[],
        usage: "denials",
        summary: "show the last run's denials (the filter's and Landlock's), each with its fix",
        help: "One line per denial kept from the last `run` (at most 1,000), as they were reported: the call, the process, and the promise or unveil that would allow it. Scripts and JSON clients get them as data: `by` (seccomp or landlock), `syscall`, `fix`, and `promises` or `path`, `access` and `unveil`. `suggest --from-denials` turns them into a policy.",
        examples: &["denials", "suggest --from-denials"],
        parse: super::parse_denials,
        complete: Complete::Nothing,
    },
    CommandSpec {
        name: "format",
        aliases: &[],
        usage: "format text|json",
        summary: "answer in text, or in one JSON object per response (for programs)",
        help: "In JSON, each response is one line: {\"ok\": true, \"text\": …, \"notes\": […], \"data\": …} or {\"ok\": false, \"error\": …, \"hint\": …}; `data` holds the structured result of run, trace, suggest, check and show json/trace. Over the socket API, program output in between comes as {\"output\": LINE}.",
        examples: &["format json", "format text"],
        parse: super::parse_output_format,
        complete: Complete::Nothing,
    },
    CommandSpec {
        name: "source",
        aliases: &[],
        usage: "source FILE.rhai [ARGS…]",
        summary: "run a rhai script whose functions are these commands (`seccomp-pledge script FILE` does the same)",
        help: "Every command is a function: promise(\"stdio rpath\"), unveil(\"/etc\", \"r\"), allow(\"ioctl\", \"arg1 == TIOCGWINSZ\"), deny(\"socket\"), trace([\"ls\", \"-l\"]), trace([\"ls\", \"/\"], \"--add\"), suggest(), save(\"policy.json\"), load(\"policy.json\"), save(\"trace.json\", \"--trace\"), load(\"trace.json\", \"--trace\"), run([\"ls\", \"-l\"]), show(). run, trace, suggest, check, policy() return maps; policy_from(map) sets the policy; ARGS holds the arguments; quiet(true) stops printing command results. The script works on this session's policy. Errors show FILE:LINE:COL.",
        examples: &[],
        parse: super::parse_source,
        complete: Complete::Path,
    },
    CommandSpec {
        name: "reset",
        aliases: &[],
        usage: "reset",
        summary: "start again from an empty policy",
        help: "",
        examples: &["reset"],
        parse: super::parse_reset,
        complete: Complete::Nothing,
    },
    CommandSpec {
        name: "undo",
        aliases: &[],
        usage: "undo",
        summary: "undo the last change to the policy",
        help: "",
        examples: &["undo"],
        parse: super::parse_undo,
        complete: Complete::Nothing,
    },
    CommandSpec {
        name: "check",
        aliases: &[],
        usage: "check",
        summary: "show what this kernel supports",
        help: "",
        examples: &["check"],
        parse: super::parse_check,
        complete: Complete::Nothing,
    },
    CommandSpec {
        name: "help",
        aliases: &["?"],
        usage: "help [COMMAND]",
        summary: "list the commands, or explain one",
        help: "",
        examples: &["help", "help allow"],
        parse: super::parse_help,
        complete: Complete::Command,
    },
    CommandSpec {
        name: "quit",
        aliases: &["exit"],
        usage: "quit",
        summary: "leave the shell (asks first when the policy has unsaved changes)",
        help: "",
        examples: &[],
        parse: super::parse_quit,
        complete: Complete::Nothing,
    },
];

/// Finds a command by name or alias.
pub(crate) fn lookup(name: &str) -> Option<&'static CommandSpec> {
    COMMANDS
        .iter()
        .find(|c| c.name == name || c.aliases.contains(&name))
}

/// The closest command name, for "did you mean".
pub(crate) fn suggest(name: &str) -> Option<&'static str> {
    crate::suggest::closest(
        name,
        COMMANDS
            .iter()
            .flat_map(|c| std::iter::once(c.name).chain(c.aliases.iter().copied())),
    )
}

/// The command reference (`docs/commands.md`), rendered from the table.
#[cfg(test)]
pub(crate) fn reference_markdown() -> String {
    let mut s = String::from(
        "# Shell commands\n\n<!-- Generated from src/command/spec.rs by `UPDATE_DOCS=1 cargo test --lib command_reference`; do not edit. -->\n\nThe same commands, parsed by the same grammar, work in the interactive `seccomp-pledge>` shell and in `seccomp-pledge shell < FILE` (no prompt, no echo; the first failing command stops the batch with exit status 1).\n\n",
    );
    for c in COMMANDS {
        s.push_str(&format!(
            "## `{}`\n\n`{}`\n\n{}.",
            c.name,
            c.usage,
            capitalise(c.summary)
        ));
        if !c.help.is_empty() {
            s.push_str(&format!(" {}", c.help));
        }
        s.push('\n');
        if !c.aliases.is_empty() {
            let a: Vec<String> = c.aliases.iter().map(|a| format!("`{a}`")).collect();
            s.push_str(&format!("\nAlso: {}.\n", a.join(", ")));
        }
        if !c.examples.is_empty() {
            s.push_str("\n```text\n");
            for e in c.examples {
                s.push_str(&format!("seccomp-pledge> {e}\n"));
            }
            s.push_str("```\n");
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `save`'s usage line names the formats of the format table, in its order.
    #[test]
    fn the_save_usage_names_every_format() {
        let save = COMMANDS.iter().find(|c| c.name == "save").unwrap();
        let listed = save
            .usage
            .split("--format ")
            .nth(1)
            .and_then(|rest| rest.split(']').next())
            .unwrap();
        let want: Vec<&str> = crate::format::names().collect();
        assert_eq!(listed.split('|').collect::<Vec<_>>(), want);
    }

    #[test]
    fn names_are_unique_and_found() {
        let mut seen = std::collections::HashSet::new();
        for c in COMMANDS {
            for n in std::iter::once(c.name).chain(c.aliases.iter().copied()) {
                assert!(seen.insert(n), "{n} twice");
                assert_eq!(lookup(n).unwrap().name, c.name);
            }
            assert!(
                c.usage.starts_with(c.name),
                "{}: usage starts with the name",
                c.name
            );
        }
        assert_eq!(suggest("promse"), Some("promise"));
        assert_eq!(suggest("qiut"), Some("quit"));
    }

    #[test]
    fn command_reference_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/commands.md");
        let want = reference_markdown();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/commands.md is stale: run `UPDATE_DOCS=1 cargo test --lib command_reference`"
        );
    }
}
