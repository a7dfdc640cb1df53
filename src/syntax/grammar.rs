//! The pest parser generated from `grammar/qualify.pest`.

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/qualify.pest"]
pub(crate) struct QualifyParser;
