//! Fuzz target: `parse_str` on arbitrary UTF-8 must never panic, and any file
//! it accepts must survive export and parsing unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;
use question_bank::{parse_str, to_markdown};

fuzz_target!(|text: &str| {
    if let Ok(competency) = parse_str("fuzz.md", text) {
        let exported = to_markdown(&competency);
        assert_eq!(
            parse_str("fuzz.md", &exported),
            Ok(competency),
            "export did not round-trip:\n{exported}"
        );
    }
});
