//! The command grammar: text → typed values, in one place. For now the rule grammar shared
//! by `--allow`/`--deny` (and the shell's `allow`/`deny` commands to come).

pub mod rule;
