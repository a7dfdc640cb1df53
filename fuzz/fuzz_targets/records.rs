//! Lead exports (CSV and JSON Lines) read, evaluated and explained against
//! a fixed policy. The first byte picks the format and the policy, the
//! second the size of the small batches; the rest is the file. Oracles
//! (`qualify_fuzz::records`): one record out for each record in, on the
//! line it starts on, whatever the batch size; explain agrees with eval;
//! nothing panics.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use qualify::eval::Program;
use qualify::records::InputFormat;

/// A policy written for this target (every type, mostly optional fields),
/// and the repository's example policy, whose many required fields refuse
/// most headers.
static POLICIES: LazyLock<[Program; 2]> = LazyLock::new(|| {
    [
        include_str!("records.qual"),
        include_str!("../../policies/acme.qual"),
    ]
    .map(|text| qualify_fuzz::compile(text).expect("the target's policies check"))
});

fuzz_target!(|data: &[u8]| {
    let [selector, size, input @ ..] = data else {
        return;
    };
    let format = if selector & 1 == 0 {
        InputFormat::Csv
    } else {
        InputFormat::Jsonl
    };
    let program = &POLICIES[usize::from(selector >> 1 & 1)];
    qualify_fuzz::records(program, format, input, usize::from(*size) + 1);
});
