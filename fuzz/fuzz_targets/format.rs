//! `qualify fmt` on any text that parses. Oracle: the formatted text means
//! the same, keeps every comment, and formats to itself
//! (`qualify_fuzz::format_round_trip`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    qualify_fuzz::format_round_trip(text);
});
