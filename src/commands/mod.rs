//! The commands of the binary, one module each. They load rules, call the library, pick a
//! renderer and return an exit code; none of them matches text itself.

pub mod eval;
pub mod info;
pub mod rules;
pub mod scan;
