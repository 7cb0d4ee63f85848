//! The command line (clap): pledge.com-compatible one-shot flags, the `run` and `check`
//! subcommands, and the seed's compatibility flags.
//!
//! Owns parsing only: [`RunArgs::policy`] lowers the flags to a typed [`Policy`] with the
//! same parsers the shell grammar uses; `lib.rs` dispatches.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::command::Command;
use crate::command::rule::{Verb, parse_rules};
use crate::error::Error;
use crate::policy::promise::{Promise, PromiseSet};
use crate::policy::{LimitValue, Penalty, Policy, Unveil};
use crate::sandbox::launch::LandlockReports;

const EXAMPLES: &str = "\
Examples:
  seccomp-pledge -p 'stdio rpath tty' -v r:/usr -v r:/etc -- ls /usr
  seccomp-pledge -p 'stdio rpath inet dns' -- curl -sI http://127.0.0.1:8080/
  seccomp-pledge -k -p 'stdio rpath' -- ./untrusted-tool
  seccomp-pledge -p stdio --allow 'ioctl if arg1 == TIOCGWINSZ' -- ./tool
  seccomp-pledge check
  seccomp-pledge            (no arguments: the policy shell; `seccomp-pledge shell < cmds` reads commands)";

const EXIT_STATUS: &str = "\
Exit status: the program's own; 128+N when it is killed by signal N (159 = SIGSYS,
a denied call under -k); 125 when seccomp-pledge itself fails (usage, policy, cannot
enforce); 126 when the program cannot be executed; 127 when it is not found.";

/// `--help`'s closing text: examples, the promises (the promise table's names, in its order,
/// wrapped at 85 columns) and the exit statuses.
fn after_help() -> String {
    let mut promises = String::from("Promises:");
    let mut width = promises.len();
    for (i, p) in crate::policy::promise::ALL.iter().enumerate() {
        let word = p.name();
        let end = usize::from(i + 1 == crate::policy::promise::ALL.len());
        if width + 1 + word.len() + end > 85 {
            promises.push('\n');
            width = 0;
        } else {
            promises.push(' ');
            width += 1;
        }
        promises.push_str(word);
        width += word.len();
    }
    format!("{EXAMPLES}\n\n{promises}.\n\n{EXIT_STATUS}")
}

/// Confine a program with pledge promises, unveil (Landlock) and seccomp rules.
#[derive(Parser, Debug)]
#[command(
    name = "seccomp-pledge",
    version,
    disable_version_flag = true,
    after_help = after_help(),
    args_conflicts_with_subcommands = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Subcommand; without one, the flags and PROG run a program as pledge.com does.
    #[command(subcommand)]
    pub command: Option<Sub>,
    /// One-shot run flags.
    #[command(flatten)]
    pub run: RunArgs,
    /// Print version.
    #[arg(long, action = clap::ArgAction::Version)]
    version: Option<bool>,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Sub {
    /// Open the policy shell (`seccomp-pledge>`); with FILE or a pipe, run its commands
    ///
    /// Commands from FILE or a pipe run line by line with no prompt and no echo; the first
    /// failing command stops the batch with exit status 1, so a later `run` or `save` never
    /// acts on a policy that lacks a rule that failed.
    Shell {
        /// Read commands from FILE instead of the terminal.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Run a program under a policy (the same flags as without a subcommand)
    Run(Box<RunArgs>),
    /// Serve the shell's commands over a Unix socket (`nc -U PATH`), one session per connection
    ///
    /// Every response ends with `ok` or `error: MESSAGE`; `format json` switches a connection
    /// to one JSON object per response. Only the server's own uid may connect, never a program
    /// the server sandboxed, and never a program more confined than the server (any
    /// seccomp-pledge sandbox, wherever it was started: more seccomp filters than the server,
    /// or no_new_privs that the server lacks); refusals are logged on stderr. The socket is
    /// 0600, in $XDG_RUNTIME_DIR or a private /tmp/seccomp-pledge-UID; it is removed on
    /// SIGINT/SIGTERM.
    Serve {
        /// The socket [default: $XDG_RUNTIME_DIR/seccomp-pledge.sock, else /tmp/seccomp-pledge-UID/seccomp-pledge.sock]
        #[arg(long = "socket", value_name = "PATH")]
        socket: Option<PathBuf>,
        /// Most connections served at once
        #[arg(long = "max-clients", value_name = "N", default_value_t = 64)]
        max_clients: usize,
        /// Close a connection idle this long
        #[arg(long = "idle-timeout", value_name = "SECONDS", default_value_t = 600)]
        idle_timeout: u64,
        /// Disconnect (and stop the jobs of) a client that does not read its responses for this long
        #[arg(long = "write-timeout", value_name = "SECONDS", default_value_t = 30)]
        write_timeout: u64,
        /// Also accept clients more confined than the server (for trusted clients inside other
        /// confinement); this lets sandboxes of your uid run commands unconfined
        #[arg(long = "allow-confined-clients")]
        allow_confined_clients: bool,
    },
    /// Run a rhai script whose functions are the shell's commands
    ///
    /// promise("stdio rpath"), unveil("/etc", "r"), allow("ioctl", "arg1 == TIOCGWINSZ"),
    /// trace(["ls", "-l"]), suggest(), run(["ls"]), save("policy.json") … ARGS holds the
    /// arguments after FILE. Exits 1 when the script fails (the error names FILE:LINE:COL).
    Script {
        /// The script.
        #[arg(value_name = "FILE.rhai")]
        file: PathBuf,
        /// Arguments for the script (its ARGS array).
        #[arg(
            value_name = "ARGS",
            trailing_var_arg = true,
            allow_hyphen_values = true
        )]
        args: Vec<String>,
    },
    /// Trace a program's system calls (like strace), following forks, threads and execs
    ///
    /// Prints each call as it completes (`openat(AT_FDCWD, "/etc/hosts", O_RDONLY) = 3`),
    /// or JSON lines with -j, or a summary with -c. Exits with the program's status.
    Trace(Box<crate::trace::args::TraceArgs>),
    /// Show what this kernel supports (seccomp actions and flags, Landlock ABI, …)
    Check {
        /// Print JSON for machines.
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    Man,
}

/// What `-T` tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Feature {
    /// seccomp-bpf filters.
    Pledge,
    /// Landlock.
    Unveil,
}

/// Flags of a one-shot run.
#[derive(Args, Debug, Default)]
pub struct RunArgs {
    /// Promises, space separated; repeatable, values add up [default: stdio rpath]
    #[arg(short = 'p', long = "promises", value_name = "PROMISES")]
    pub promises: Vec<String>,
    /// Exec promises (OpenBSD's execpromises): the promises of every program the program
    /// executes, a subset of -p that needs `exec`; repeatable, values add up [default: the
    /// program's own]
    #[arg(short = 'e', long = "exec-promises", value_name = "PROMISES")]
    pub exec_promises: Vec<String>,
    /// Unveil PATH with permissions from rwxc (no PERM: means r), or a TCP port:
    /// connect:PORT, bind:PORT (other ports of that kind are refused); repeatable
    #[arg(short = 'v', long = "unveil", value_name = "[PERM:]PATH")]
    pub unveil: Vec<String>,
    /// Disable unveiling: no Landlock file-system rules at all, not even implicit ones
    #[arg(short = 'V', long = "no-unveil")]
    pub no_unveil: bool,
    /// Kill the sandbox with SIGSYS on a denied call, instead of failing it with EPERM
    #[arg(short = 'k', long = "kill")]
    pub kill: bool,
    /// Do not print violation reports (nor their summary)
    #[arg(short = 'q', long = "quiet")]
    pub quiet: bool,
    /// Also write every denial to FILE, one JSON object per line
    #[arg(long = "report", value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// How refusals by unveil (Landlock) are reported: `audit` from the kernel's audit
    /// records (exact; needs CAP_AUDIT_READ and audit enabled), `check` by checking file
    /// calls against the unveiled paths (unprivileged, report-only, slower), `auto` (audit
    /// when possible), `off`
    #[arg(long = "landlock-reports", value_name = "MODE", value_parser = clap::builder::PossibleValuesParser::new(crate::sandbox::launch::LandlockReports::ALL.iter().map(|(n, _)| *n)), default_value = "auto")]
    pub landlock_reports: String,
    /// Audit mode, for rolling a policy out: enforce nothing but --deny rules and the
    /// guards, and report every call the policy would deny (unveils as `check` finds them)
    #[arg(long = "audit")]
    pub audit: bool,
    /// Run programs whose loader's promises (rpath prot_exec) cannot be dropped exactly
    /// (unknown loader, binfmt_misc), keeping them for the whole run
    #[arg(long = "allow-loader-promises")]
    pub allow_loader_promises: bool,
    /// Run at the lowest CPU and I/O priority (nice 19, SCHED_IDLE, idle I/O class)
    #[arg(short = 'n', long = "nice")]
    pub nice: bool,
    /// Keep inherited file descriptors above 2 [default: they are closed]
    #[arg(short = 'N', long = "keep-fds")]
    pub keep_fds: bool,
    /// Keep the capability bounding set [default: it is dropped]
    #[arg(short = 'D', long = "keep-caps")]
    pub keep_caps: bool,
    /// CPU time limit in seconds (RLIMIT_CPU) [default: inherited]
    #[arg(short = 'C', long = "cpu", value_name = "SECS")]
    pub cpu: Option<String>,
    /// Address-space limit, e.g. 4g (RLIMIT_AS) [default: this machine's total RAM]
    #[arg(short = 'M', long = "memory", value_name = "BYTES")]
    pub memory: Option<String>,
    /// Open-file limit (RLIMIT_NOFILE) [default: 64]
    #[arg(short = 'O', long = "open-files", value_name = "N")]
    pub open_files: Option<String>,
    /// Process limit for the user (RLIMIT_NPROC) [default: CPUs + processes running now]
    #[arg(short = 'P', long = "processes", value_name = "N")]
    pub processes: Option<String>,
    /// File-size limit, e.g. 100m (RLIMIT_FSIZE; hard limit 1.5x) [default: 256000000]
    #[arg(short = 'F', long = "file-size", value_name = "BYTES")]
    pub file_size: Option<String>,
    /// Run the program as this user (a number or a name in /etc/passwd; root only), with its
    /// group unless -g says otherwise. With -u or -g the supplementary groups are cleared
    #[arg(short = 'u', long = "user", value_name = "UID")]
    pub user: Option<String>,
    /// Run the program with this group (a number or a name in /etc/group; root only)
    #[arg(short = 'g', long = "group", value_name = "GID")]
    pub group: Option<String>,
    /// Run the program chrooted in DIR (root only): the program, its loader and libraries and
    /// the unveiled paths are looked up inside DIR, whose / is the program's working directory
    #[arg(short = 'c', long = "chroot", value_name = "DIR")]
    pub chroot: Option<String>,
    /// Exit 0 if this kernel supports FEATURE, 1 if not
    #[arg(short = 'T', long = "test", value_name = "FEATURE", value_enum)]
    pub test: Option<Feature>,
    /// Fail instead of warning when Landlock enforces less than asked
    #[arg(long)]
    pub strict: bool,
    /// Allow calls: 'SYSCALL… [if argN OP VALUE [and …]] [log|trace N]'; repeatable
    #[arg(long = "allow", value_name = "RULE")]
    pub allow: Vec<String>,
    /// Deny calls: 'SYSCALL… [if …] [errno NAME|kill|kill_thread|trap]'; repeatable
    #[arg(long = "deny", value_name = "RULE")]
    pub deny: Vec<String>,
    /// Start from a policy file (ours or seccompiler's filters.json, detected); flags add to it
    #[arg(long = "policy", value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// With a seccompiler --policy file: take only this filter (e.g. `vcpu`)
    #[arg(long = "filter", value_name = "NAME", requires = "policy")]
    pub filter: Option<String>,
    /// Write the policy to stdout in FORMAT (oci, bpf, seccompiler, seccomp-pledge) instead of
    /// running a program; how it differs from a run is noted on stderr
    #[arg(long = "export", value_name = "FORMAT")]
    pub export: Option<String>,
    /// With --export: add this runtime's own calls (none, runc, crun, bwrap)
    #[arg(long = "runtime", value_name = "RUNTIME", requires = "export")]
    pub runtime: Option<String>,
    /// With --export: export even what the format cannot hold exactly, the losses noted
    #[arg(long = "lossy", requires = "export")]
    pub lossy: bool,
    /// Show what this kernel supports (same as the `check` subcommand)
    #[arg(long = "check")]
    pub check: bool,
    /// With --check: print JSON
    #[arg(long = "json", requires = "check")]
    pub json: bool,
    /// Accepted for compatibility: the native engine checks what it needs on every run
    #[arg(long = "no-check", hide_short_help = true)]
    pub no_check: bool,
    /// Accepted for compatibility: the engine is built in, nothing is fetched
    #[arg(long = "local", hide_short_help = true)]
    pub local: bool,
    /// Refused: seccomp-pledge never downloads an engine
    #[arg(long = "remote", hide_short_help = true)]
    pub remote: bool,
    /// Serve the command API on a Unix socket
    #[arg(long = "api", hide_short_help = true, conflicts_with = "no_api")]
    pub api: bool,
    /// Do not serve the API (the default)
    #[arg(long = "no-api", hide_short_help = true)]
    pub no_api: bool,
    /// The program to run and its arguments, passed to execve verbatim
    #[arg(value_name = "PROG", trailing_var_arg = true)]
    pub command: Vec<OsString>,
}

fn parse_limit(
    flag: &'static str,
    text: &Option<String>,
    parse: fn(&str) -> Result<LimitValue, crate::policy::limits::LimitError>,
) -> Result<Option<LimitValue>, Error> {
    text.as_deref()
        .map(|t| {
            parse(t).map_err(|e| Error::Flag {
                flag,
                value: t.to_string(),
                source: e.into(),
            })
        })
        .transpose()
}

impl RunArgs {
    /// The run flags given, by name (for refusing them with `--check`, `-T` or `--api`,
    /// which run nothing).
    pub fn run_flags(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut given = |on: bool, name: &'static str| {
            if on {
                out.push(name);
            }
        };
        given(!self.promises.is_empty(), "-p");
        given(!self.exec_promises.is_empty(), "-e");
        given(!self.unveil.is_empty(), "-v");
        given(self.no_unveil, "-V");
        given(self.kill, "-k");
        given(self.quiet, "-q");
        given(self.report.is_some(), "--report");
        given(self.landlock_reports != "auto", "--landlock-reports");
        given(self.audit, "--audit");
        given(self.allow_loader_promises, "--allow-loader-promises");
        given(self.nice, "-n");
        given(self.keep_fds, "-N");
        given(self.keep_caps, "-D");
        given(self.cpu.is_some(), "-C");
        given(self.memory.is_some(), "-M");
        given(self.open_files.is_some(), "-O");
        given(self.processes.is_some(), "-P");
        given(self.file_size.is_some(), "-F");
        given(self.strict, "--strict");
        given(self.user.is_some(), "-u");
        given(self.chroot.is_some(), "-c");
        given(self.group.is_some(), "-g");
        given(!self.allow.is_empty(), "--allow");
        given(!self.deny.is_empty(), "--deny");
        given(self.policy.is_some(), "--policy");
        out
    }

    /// These flags lowered to the shell's terms: the policy they build, and the `run` command
    /// that runs the program under it (through [`crate::session::Session::execute`], as the
    /// shell's `run` does).
    ///
    /// # Errors
    /// A bad flag, an unreadable `--policy`, or no program.
    pub fn lower(&self) -> Result<(Policy, Command), Error> {
        let policy = self.policy()?;
        if self.command.is_empty() {
            return Err(Error::usage(
                "no command to run",
                Some(
                    "give a program and its arguments, e.g. `seccomp-pledge -p 'stdio rpath' -- ls`"
                        .into(),
                ),
            ));
        }
        let run = Command::Run {
            argv: self.command.clone(),
            // The program has the terminal's stdin, as any program run from a shell.
            stdin: true,
            landlock_reports: LandlockReports::from_name(&self.landlock_reports)
                .unwrap_or_default(),
            quiet: self.quiet,
            report: self.report.clone(),
            // `-p ''` is pledge(""): the program may only exit.
            empty_ok: true,
            ids: crate::command::IdNames {
                user: self.user.clone(),
                group: self.group.clone(),
                root: self.chroot.clone(),
            },
            audit: self.audit,
        };
        Ok((policy, run))
    }

    /// Lowers the flags to a policy: the `--policy` file (or an empty policy with pledge.com's
    /// default promises `stdio rpath` when no `-p` is given), plus every flag.
    ///
    /// # Errors
    /// The first bad value, naming its flag.
    pub fn policy(&self) -> Result<Policy, Error> {
        let mut policy = match &self.policy {
            Some(path) => crate::format::policy::load(path, self.filter.as_deref())?.0,
            None => Policy::default(),
        };
        if self.promises.is_empty() {
            if self.policy.is_none() {
                policy.promises = PromiseSet::of(&[Promise::Stdio, Promise::Rpath]);
            }
        } else {
            for text in &self.promises {
                let set = PromiseSet::parse(text).map_err(|e| Error::Flag {
                    flag: "-p",
                    value: text.clone(),
                    source: e.into(),
                })?;
                policy.promises = policy.promises.union(set);
            }
        }
        for text in &self.exec_promises {
            let set = PromiseSet::parse(text).map_err(|e| Error::Flag {
                flag: "-e",
                value: text.clone(),
                source: e.into(),
            })?;
            policy.exec_promises = Some(policy.exec_promises.unwrap_or_default().union(set));
        }
        for v in &self.unveil {
            let flag_err = |e: crate::policy::unveil::UnveilError| Error::Flag {
                flag: "-v",
                value: v.clone(),
                source: e.into(),
            };
            if let Some(p) = crate::policy::Port::parse_flag(v).map_err(flag_err)? {
                if !policy.ports.contains(&p) {
                    policy.ports.push(p);
                }
                continue;
            }
            let u = Unveil::parse_flag(v).map_err(flag_err)?;
            policy.unveils.push(u);
        }
        if self.kill {
            policy.penalty = Penalty::Kill;
        }
        for (flag, verb, texts) in [
            ("--allow", Verb::Allow, &self.allow),
            ("--deny", Verb::Deny, &self.deny),
        ] {
            for text in texts {
                let rules = parse_rules(verb, text, policy.penalty.action()).map_err(|source| {
                    Error::Rule {
                        flag,
                        text: text.clone(),
                        source,
                    }
                })?;
                policy.rules.extend(rules);
            }
        }
        if let Some(v) = parse_limit("-C", &self.cpu, LimitValue::parse_seconds)? {
            policy.limits.cpu = Some(v);
        }
        if let Some(v) = parse_limit("-M", &self.memory, LimitValue::parse_size)? {
            policy.limits.address_space = Some(v);
        }
        if let Some(v) = parse_limit("-O", &self.open_files, LimitValue::parse_count)? {
            policy.limits.open_files = Some(v);
        }
        if let Some(v) = parse_limit("-P", &self.processes, LimitValue::parse_count)? {
            policy.limits.processes = Some(v);
        }
        if let Some(v) = parse_limit("-F", &self.file_size, LimitValue::parse_size)? {
            policy.limits.file_size = Some(v);
        }
        if self.no_unveil {
            policy.options.unveil = false;
        }
        policy.options.strict |= self.strict;
        policy.options.nice |= self.nice;
        policy.options.keep_fds |= self.keep_fds;
        policy.options.keep_caps |= self.keep_caps;
        policy.options.allow_loader_promises |= self.allow_loader_promises;
        Ok(policy)
    }
}

/// Parses the command line; `Err` carries clap's error for help/version/usage handling.
///
/// # Errors
/// clap's error, including the help and version "errors".
pub fn parse<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // The one-shot form (`seccomp-pledge -p … -- PROG`) is parsed without building the
    // subcommands' flags, which would be most of the cost of parsing it. It is the same
    // parse: once the first argument is a flag, no word is taken as a subcommand
    // (`args_conflicts_with_subcommands`), and `Cli`'s only flag of its own is `--version`,
    // which `OneShot` refuses. Anything `OneShot` refuses (help, version, every usage
    // error) is parsed again by `Cli`, so that messages stay the full parser's.
    if args
        .get(1)
        .is_some_and(|a| a.as_encoded_bytes().starts_with(b"-"))
    {
        if let Ok(one) = OneShot::try_parse_from(&args) {
            return Ok(Cli {
                command: None,
                run: one.run,
                version: None,
            });
        }
    }
    Cli::try_parse_from(args)
}

/// The answer to `seccomp-pledge --version` and nothing else, made without building the
/// parser, which costs more than the rest of that answer; clap's own line (unit test).
pub(crate) fn version_only(args: &[OsString]) -> Option<String> {
    (args.len() == 2 && args[1] == "--version")
        .then(|| format!("seccomp-pledge {}\n", env!("CARGO_PKG_VERSION")))
}

/// The one-shot run's flags alone: [`parse`]'s fast path.
#[derive(Parser, Debug)]
#[command(
    name = "seccomp-pledge",
    disable_help_flag = true,
    disable_version_flag = true
)]
struct OneShot {
    #[command(flatten)]
    run: RunArgs,
}

/// Turns a clap usage error into our one-line error with a hint.
pub fn usage_error(e: &clap::Error) -> Error {
    let (message, tip) = crate::clap_text::clap_message(e);
    Error::usage(
        message,
        tip.or_else(|| Some("see `seccomp-pledge --help`".to_string())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The promise lists in `--help` (generated) and in the README (typed) are the promise
    /// table's, in its order: a new promise fails this test until the README says it.
    #[test]
    fn the_help_and_readme_list_every_promise() {
        use crate::policy::promise::ALL;
        let want: Vec<&str> = ALL.iter().map(|p| p.name()).collect();
        let text = after_help();
        let help = text
            .split("Promises: ")
            .nth(1)
            .and_then(|rest| rest.split(".\n").next())
            .unwrap();
        assert_eq!(help.split_whitespace().collect::<Vec<_>>(), want, "--help");
        let readme = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"),
        )
        .unwrap();
        let list = readme
            .split("### Promises\n\n`")
            .nth(1)
            .and_then(|rest| rest.split('`').next())
            .unwrap();
        assert_eq!(list.split_whitespace().collect::<Vec<_>>(), want, "README");
    }

    /// The one-shot fast path parses exactly as the full parser, and leaves to it what it
    /// refuses.
    #[test]
    fn the_one_shot_parse_is_the_full_parse() {
        let cases: &[&[&str]] = &[
            &["-p", "stdio", "--", "ls", "-l"],
            &[
                "-p",
                "stdio rpath",
                "-v",
                "r:/usr",
                "-k",
                "/bin/echo",
                "--help",
                "-h",
                "--version",
            ],
            &["-q", "-V", "-p", "stdio", "/bin/echo", "a", "--", "b"],
            &["-p", "stdio", "check"],
            &["-p", "stdio", "shell"],
            &[
                "--allow",
                "ioctl if arg1 == TIOCGWINSZ",
                "-p",
                "stdio",
                "--",
                "x",
            ],
            &["-p", "stdio", "--", "--", "-p"],
            &["-p", "stdio"],
        ];
        for case in cases {
            let argv: Vec<&str> = std::iter::once("seccomp-pledge")
                .chain(case.iter().copied())
                .collect();
            let fast = parse(&argv).unwrap();
            let full = Cli::try_parse_from(&argv).unwrap();
            assert!(fast.command.is_none() && full.command.is_none(), "{case:?}");
            assert_eq!(
                format!("{:?}", fast.run),
                format!("{:?}", full.run),
                "{case:?}"
            );
        }
        // Refused by the fast path, answered by the full one.
        for case in [
            &["-p", "stdio", "--version"][..],
            &["-p", "stdio", "-h"],
            &["-x"],
        ] {
            let argv: Vec<&str> = std::iter::once("seccomp-pledge")
                .chain(case.iter().copied())
                .collect();
            assert!(OneShot::try_parse_from(&argv).is_err(), "{case:?}");
            assert_eq!(
                parse(&argv).unwrap_err().kind(),
                Cli::try_parse_from(&argv).unwrap_err().kind(),
                "{case:?}"
            );
        }
    }

    #[test]
    fn the_version_answer_is_clap_s() {
        let argv: Vec<OsString> = ["seccomp-pledge", "--version"].map(OsString::from).to_vec();
        let e = Cli::try_parse_from(&argv).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::DisplayVersion);
        assert_eq!(version_only(&argv).as_deref(), Some(e.to_string().as_str()));
        for other in [
            &["seccomp-pledge", "--version", "x"][..],
            &["seccomp-pledge", "-p"],
        ] {
            let argv: Vec<OsString> = other.iter().map(OsString::from).collect();
            assert_eq!(version_only(&argv), None, "{other:?}");
        }
    }

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn usage_errors_are_one_line_naming_what_is_missing() {
        let e = parse(["seccomp-pledge", "--filter", "vcpu", "--", "true"]).unwrap_err();
        let e = usage_error(&e).to_string();
        assert!(e.contains("not provided: --policy <FILE>"), "{e}");
        assert!(!e.contains('\n'), "{e}");
    }

    #[test]
    fn pledge_com_style() {
        let cli = parse([
            "seccomp-pledge",
            "-p",
            "stdio rpath",
            "-v",
            "r:/usr",
            "-k",
            "ls",
            "-l",
            "/usr",
        ])
        .unwrap();
        assert!(cli.command.is_none());
        assert_eq!(
            cli.run.command,
            ["ls", "-l", "/usr"].map(OsString::from).to_vec()
        );
        assert!(cli.run.kill);
        let cli = parse(["seccomp-pledge", "--", "check", "-x"]).unwrap();
        assert!(cli.command.is_none(), "`--` makes `check` a program");
        assert_eq!(
            cli.run.command,
            ["check", "-x"].map(OsString::from).to_vec()
        );
        let cli = parse(["seccomp-pledge", "check", "--json"]).unwrap();
        assert!(matches!(cli.command, Some(Sub::Check { json: true })));
        let cli = parse(["seccomp-pledge", "run", "-p", "stdio", "--", "true"]).unwrap();
        assert!(
            matches!(cli.command, Some(Sub::Run(ref r)) if r.command == ["true"].map(OsString::from).to_vec())
        );
        assert!(
            parse(["seccomp-pledge", "-x", "true"]).is_err(),
            "unknown flags are errors"
        );
        assert!(parse(["seccomp-pledge", "-T", "nonsense"]).is_err());
    }

    #[test]
    fn flags_become_a_policy() {
        let cli = parse([
            "seccomp-pledge",
            "-p",
            "stdio",
            "-p",
            "inet",
            "-M",
            "4g",
            "-O",
            "128",
            "--deny",
            "socket if arg0 == AF_INET6 errno EAFNOSUPPORT",
            "-V",
            "true",
        ])
        .unwrap();
        let p = cli.run.policy().unwrap();
        assert_eq!(p.promises.to_string(), "stdio inet");
        assert_eq!(p.limits.address_space, Some(LimitValue::Value(4 << 30)));
        assert_eq!(p.limits.open_files, Some(LimitValue::Value(128)));
        assert_eq!(p.rules.len(), 1);
        assert!(!p.options.unveil);
        let p = parse(["seccomp-pledge", "true"])
            .unwrap()
            .run
            .policy()
            .unwrap();
        assert_eq!(
            p.promises.to_string(),
            "stdio rpath",
            "pledge.com's default"
        );
        let e = parse(["seccomp-pledge", "-p", "stdoi", "true"])
            .unwrap()
            .run
            .policy()
            .unwrap_err();
        assert_eq!(e.hint().as_deref(), Some("did you mean `stdio`?"));
        let e = parse(["seccomp-pledge", "-M", "4x", "true"])
            .unwrap()
            .run
            .policy()
            .unwrap_err();
        assert!(e.to_string().starts_with("invalid value for -M"), "{e}");
        let e = parse(["seccomp-pledge", "-v", "rwz:/tmp", "true"])
            .unwrap()
            .run
            .policy()
            .unwrap_err();
        assert!(e.to_string().contains("bad permission letter `z`"), "{e}");
    }
}

/// The completion script for `shell`.
pub(crate) fn completions(shell: clap_complete::Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(
        shell,
        &mut <Cli as clap::CommandFactory>::command(),
        "seccomp-pledge",
        &mut buf,
    );
    String::from_utf8_lossy(&buf).into_owned()
}

/// The manual page.
///
/// # Errors
/// Only if writing to memory fails.
pub(crate) fn man_page() -> std::io::Result<String> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

#[cfg(test)]
mod generated_tests {
    use super::*;

    fn check(path: &str, want: &str) {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, want).unwrap();
        }
        let have = std::fs::read_to_string(&p).unwrap_or_default();
        assert!(
            have == want,
            "{path} is stale: run `UPDATE_DOCS=1 cargo test --lib generated_tests`"
        );
    }

    #[test]
    fn completions_and_man_page_are_current() {
        use clap_complete::Shell;
        check("completions/seccomp-pledge.bash", &completions(Shell::Bash));
        check("completions/_seccomp-pledge", &completions(Shell::Zsh));
        check("completions/seccomp-pledge.fish", &completions(Shell::Fish));
        check("man/seccomp-pledge.1", &man_page().unwrap());
    }
}
