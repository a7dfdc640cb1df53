//! Policies and outcomes rendered for people.

mod condition;
pub mod explain;
pub mod results;

pub use condition::condition;
