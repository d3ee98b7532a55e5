"""Fuzzing the input boundaries (targets in benchmarks/reliability_kit/fuzz.py): message cleaning,
the feedback split, the summary merge/rewrite/prompt block, and memory import validation."""

from benchmarks.reliability_kit import fuzz

test_clean_message = fuzz.fuzz_clean_message
test_feedback_split_many = fuzz.fuzz_feedback_split_many
test_summary_merge_rewrite_and_prompt_block = fuzz.fuzz_summary_merge_rewrite_and_prompt_block
test_memory_import_validation = fuzz.fuzz_memory_import_validation
