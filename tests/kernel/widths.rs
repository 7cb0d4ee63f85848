//! 32-bit arguments are compared on 32 bits: the kernel reads an `int` argument as the low
//! half of its register, so a deny rule on it must hold when a hostile program sets upper
//! bits. Each attack is first shown to reach the kernel (outside the sandbox, and inside
//! under a policy that allows the call), then to be denied by the rule.

use crate::util::*;

struct Attack {
    /// What the call is.
    what: &'static str,
    /// A policy that allows the call.
    allow: &'static [&'static str],
    /// The deny rule, on the 32-bit argument.
    deny: &'static str,
    /// The call with upper bits set in that argument (a probe `raw` step).
    attack: &'static str,
    /// The same call with the plain value.
    plain: &'static str,
    /// What the kernel answers the attack (a result word: `ok` or an errno name).
    kernel: &'static str,
}

const ATTACKS: &[Attack] = &[
    Attack {
        what: "landlock_add_rule(-1, LANDLOCK_RULE_NET_PORT | 1 << 32, NULL, 0)",
        allow: &["-p", "stdio", "--allow", "landlock_add_rule"],
        deny: "landlock_add_rule if arg1 == 2 errno EACCES",
        attack: "raw 445 -1 0x100000002 0 0",
        plain: "raw 445 -1 2 0 0",
        kernel: "EBADF",
    },
    Attack {
        what: "socket(AF_INET | 1 << 32, SOCK_STREAM, 0)",
        allow: &["-p", "stdio inet"],
        deny: "socket if arg0 == AF_INET errno EACCES",
        attack: "raw 41 0x100000002 1 0",
        plain: "raw 41 2 1 0",
        kernel: "ok",
    },
    Attack {
        what: "ioctl(0, TIOCGWINSZ | 1 << 32, buf) on /dev/null",
        allow: &["-p", "stdio tty"],
        deny: "ioctl if arg1 == TIOCGWINSZ errno EACCES",
        attack: "raw 16 0 0x100005413 buf",
        plain: "raw 16 0 0x5413 buf",
        kernel: "ENOTTY",
    },
    Attack {
        what: "kill(0, 0 | 1 << 32)",
        allow: &["-p", "stdio", "--allow", "kill"],
        deny: "kill if arg1 == 0 errno EACCES",
        attack: "raw 62 0 0x100000000",
        plain: "raw 62 0 0",
        kernel: "ok",
    },
];

#[test]
fn deny_rules_on_int_arguments_hold_against_upper_bits() {
    if !require_kernel() {
        return;
    }
    for a in ATTACKS {
        // The kernel reads the low half: the attack is the plain call.
        let r = probe_unconfined(a.attack);
        assert_eq!(r.result("raw"), a.kernel, "{}: unconfined\n{r}", a.what);
        let r = probe_run(a.allow, a.attack);
        assert_eq!(r.result("raw"), a.kernel, "{}: allowed\n{r}", a.what);
        // Under the deny rule, both forms are denied.
        let mut flags = a.allow.to_vec();
        flags.extend(["--deny", a.deny]);
        let r = probe_run(&flags, &format!("{} :: {}", a.plain, a.attack));
        let got: Vec<&str> = r.results("raw").collect();
        assert_eq!(got, ["EACCES", "EACCES"], "{}: denied\n{r}", a.what);
    }
}
