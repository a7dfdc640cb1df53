//! Policies and outcomes rendered for people.

mod condition;
pub mod coverage;
pub mod diagnostics;
pub mod diff;
pub mod doc;
pub mod doc_html;
pub mod escape;
pub mod examples;
pub mod explain;
pub mod formatted;
pub mod plain;
pub mod report;
pub mod report_html;
pub mod results;

pub use condition::condition;
