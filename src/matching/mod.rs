//! Matching requests to navigators and to the programs they may qualify for.

pub mod navigators;
