//! How a sandboxed run ended, and the exit code seccomp-pledge passes on.
//!
//! Exit codes (documented in `--help` and the README): the program's own code; 128 + signal
//! when it was killed; 125 when seccomp-pledge itself failed (usage, policy, cannot
//! enforce); 126 when the program cannot be executed; 127 when it is not found.

/// seccomp-pledge's own failure: usage, bad policy, cannot enforce.
pub(crate) const EXIT_TOOL: i32 = 125;
/// The program exists but cannot be executed.
pub(crate) const EXIT_NOT_EXECUTABLE: i32 = 126;
/// The program was not found.
pub(crate) const EXIT_NOT_FOUND: i32 = 127;

/// The end of a sandboxed program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// It exited with this code.
    Code(i32),
    /// It was killed by this signal.
    Signal(i32),
}

impl Exit {
    /// Decodes a `waitpid` status.
    pub fn from_wait_status(status: i32) -> Exit {
        if libc::WIFSIGNALED(status) {
            Exit::Signal(libc::WTERMSIG(status))
        } else {
            Exit::Code(libc::WEXITSTATUS(status))
        }
    }

    /// The code to exit with: the program's own, or 128 + signal.
    pub fn code(self) -> i32 {
        match self {
            Exit::Code(c) => c,
            Exit::Signal(s) => 128 + s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(Exit::Code(3).code(), 3);
        assert_eq!(Exit::Signal(libc::SIGSYS).code(), 159);
        assert_eq!(Exit::from_wait_status(9), Exit::Signal(9));
        assert_eq!(Exit::from_wait_status(42 << 8), Exit::Code(42));
    }
}
