//! Policies and outcomes rendered for people.

mod condition;
pub mod diagnostics;
pub mod explain;
pub mod report;
pub mod report_html;
pub mod results;

pub use condition::condition;
