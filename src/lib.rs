//! qualify: the lead-qualification agreement between marketing and sales,
//! as code. The library exposes each stage of the pipeline so other
//! programs can embed it; the `qualify` binary is a thin client.

// pest without `std` (see Cargo.toml) names `alloc` from the crate root.
extern crate alloc;

pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod eval;
pub mod formatter;
pub mod ir;
pub mod lint;
pub mod moment;
pub mod number;
pub mod pipeline;
pub mod records;
pub mod render;
pub mod signoff;
pub mod span;
pub mod syntax;
pub mod timezones;
pub mod vocabulary;

pub use pipeline::{check, diagnose};
pub use syntax::parse;
