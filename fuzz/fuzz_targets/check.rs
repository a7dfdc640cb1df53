//! `qualify check` on any text: parse, check, lints, sign-offs and the
//! policy's examples. Oracle: no panic, and every diagnostic points into
//! the text and renders (`qualify_fuzz::check_text`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    qualify_fuzz::check_text(text, false);
});
