#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| navdesk_fuzz::conversation(data));
