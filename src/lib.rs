//! redflag screens a migrant worker's account, or a job offer, for indicators of human
//! trafficking and forced labour, using rules written as YAML data.
//!
//! The pipeline: [`ruleset::RuleSet`] loads and compiles the rules, [`matcher::scan`] finds
//! hits in one text, [`report::screen`] turns them into a [`report::Report`], and the modules
//! in [`render`] print reports. The engine never formats output.

/// The allocator: mimalloc serves the many small allocations of loading the rules and of
/// screening faster than the system's (on this project's benchmark machine a short story's
/// start-up about 10 % and a 100 MB batch 10-20 % faster, reports byte-identical: README
/// "Performance"). Declared in the library rather than in the binary so that benchmarks,
/// examples and tests run on the allocator the binary uses. The binary also keeps its memory
/// out of transparent huge pages (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod alternatives;
pub mod anchor_trie;
pub mod assess;
pub mod assessment_cues;
pub mod assessment_rules;
pub mod batch;
pub mod candidates;
pub mod catalog;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod cue_index;
pub mod delphi;
pub mod eval;
pub mod exchange;
pub mod figures;
pub mod fold;
pub mod input;
pub mod kind;
pub mod language;
pub mod matcher;
pub mod offer;
pub mod phase;
pub mod policy;
pub mod prefilter;
pub mod progress;
pub mod promised;
pub mod redact;
pub mod render;
pub mod report;
pub mod rulefile;
pub mod ruleset;
pub mod scope;
pub mod selfcheck;
pub mod shared_text;
pub mod spelling;
pub mod term;
pub mod term_cache;
pub mod term_chars;
pub mod term_program;
pub mod term_regex;
pub mod term_syntax;
pub mod term_variants;
pub mod text;
pub mod translated;
pub mod word_meanings;
pub mod word_table;
