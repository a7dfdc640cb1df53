//! Policies and outcomes rendered for people.

mod condition;
pub mod explain;
pub mod report_html;
pub mod results;

pub use condition::condition;
