//! qualify: the lead-qualification agreement between marketing and sales,
//! as code. The library exposes each stage of the pipeline so other
//! programs can embed it; the `qualify` binary is a thin client of the
//! same calls (docs/architecture.md).
//!
//! A policy becomes a program with [`pipeline::program`]; a lead export
//! is evaluated through [`eval::stream::Stream`], which reads, types and
//! evaluates records in parallel and hands them back in input order:
//!
//! ```
//! use std::ops::ControlFlow;
//!
//! use qualify::diagnostic::SourceFile;
//! use qualify::eval::{StageOutcome, stream::Stream};
//! use qualify::records::{InputFormat, Schema};
//!
//! let policy = r#"
//! policy "Tiny" { version "1" party marketing "M" party sales "S" }
//! fields {
//!   id        text "CRM lead id" key
//!   employees number?
//! }
//! stage MQL "Marketing qualified lead" {
//!   requires employees >= 200
//! }
//! "#;
//! let program = qualify::pipeline::program(&SourceFile::new("tiny.qual", policy))
//!     .expect("the policy has no errors");
//! let schema = Schema::of(&program.policy);
//! let export = "id,employees\nL-1,250\nL-2,12\nL-3,many\n";
//! let now = "2026-06-01T12:00:00Z".parse().expect("an instant");
//! let mut stages = Vec::new();
//! Stream::new(&program, &schema, now, Some(2))?.run(
//!     export.as_bytes(),
//!     InputFormat::Csv,
//!     Vec::new,
//!     // On the stream's threads: each record, and its outcome if valid.
//!     |record, evaluator, part| {
//!         let stage = evaluator.outcome(record).map(|outcome| outcome.stage);
//!         part.push((record.key().to_string(), stage));
//!     },
//!     // One part at a time, in input order.
//!     |part| {
//!         stages.extend(part);
//!         Ok(ControlFlow::Continue(()))
//!     },
//! )?;
//! let mql = StageOutcome::Stage(qualify::ir::StageId(0));
//! assert_eq!(
//!     stages,
//!     [
//!         ("L-1".to_string(), Some(mql)),
//!         ("L-2".to_string(), Some(StageOutcome::None)),
//!         ("L-3".to_string(), None), // invalid: "many" is not a number
//!     ]
//! );
//! # Ok::<(), String>(())
//! ```

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
