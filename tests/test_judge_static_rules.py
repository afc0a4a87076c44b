"""Static analysis rules on code shapes the classic labelled set does not show.

Each fixture under tests/fixtures/judge_rules/<rule>/ is a small accepted solution written for
one rule, in several languages and in the forms that differ between them (a list sentinel, a
boxed `Integer[]`, `vector<int>(n, -1)`, `Array(n).fill(-1)`, a Go closure). The analyser must
give each its true time and auxiliary-space class, and the same class on every run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach_engine.judge.static import analyze, parse_big_o

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "judge_rules"
LANGUAGES = {".py": "python", ".js": "javascript", ".java": "java", ".cpp": "cpp", ".go": "go"}

# (fixture under tests/fixtures/judge_rules, true time class, true auxiliary space class)
CASES: list[tuple[str, str, str]] = [
    # memoisation in an array/table: states × work per state, not exponential
    ("memo/stairs_list_sentinel.py", "O(n)", "O(n)"),
    ("memo/rob_none_sentinel.py", "O(n)", "O(n)"),
    ("memo/paths_table.py", "O(m·n)", "O(m·n)"),
    ("memo/lcs_table.py", "O(m·n)", "O(m·n)"),
    ("memo/stairs_fill.js", "O(n)", "O(n)"),
    ("memo/rob_assign_in_return.js", "O(n)", "O(n)"),
    ("memo/lcs_array_from.js", "O(m·n)", "O(m·n)"),
    ("memo/StairsBoxed.java", "O(n)", "O(n)"),
    ("memo/RobFilled.java", "O(n)", "O(n)"),
    ("memo/LcsRows.java", "O(m·n)", "O(m·n)"),
    ("memo/DecodeMap.java", "O(n)", "O(n)"),
    ("memo/stairs_vector.cpp", "O(n)", "O(n)"),
    ("memo/rob_reference.cpp", "O(n)", "O(n)"),
    ("memo/lcs_nested_vector.cpp", "O(m·n)", "O(m·n)"),
    ("memo/stairs_closure.go", "O(n)", "O(n)"),
    ("memo/rob_helper.go", "O(n)", "O(n)"),
    ("memo/lcs_rows.go", "O(m·n)", "O(m·n)"),
    ("memo/decode_map.go", "O(n)", "O(n)"),
    # the compute-on-miss form: `if memo[i] is None: memo[i] = ...` then `return memo[i]`
    ("memo/tribonacci_fill_on_miss.py", "O(n)", "O(n)"),
    ("memo/stairs_cost_undefined.js", "O(n)", "O(n)"),
    ("memo/StairsCostNull.java", "O(n)", "O(n)"),
    ("memo/tribonacci_fill_on_miss.cpp", "O(n)", "O(n)"),
    ("memo/stairs_cost_ok_flag.go", "O(n)", "O(n)"),
    # ... and in one expression: `f[i] != -1 ? f[i] : f[i] = dfs(i - 1) + dfs(i - 2)` (which
    # tree-sitter-cpp parses as an assignment to the conditional), `memo.setdefault(i, ...)`
    ("memo/stairs_ternary_fill.cpp", "O(n)", "O(n)"),
    ("memo/stairs_ternary_array.cpp", "O(n)", "O(n)"),
    ("memo/rob_ternary_member.cpp", "O(n)", "O(n)"),
    ("memo/stairs_ternary.js", "O(n)", "O(n)"),
    ("memo/StairsTernary.java", "O(n)", "O(n)"),
    ("memo/stairs_setdefault.py", "O(n)", "O(n)"),
    # a memo of booleans: the entries are constants, but the lookup is what is returned;
    # states n × a loop up to a value nobody bounds (assumed n)
    ("memo/reach_bool_memo.py", "O(n^2)", "O(n)"),
    ("memo/reach_bool_memo.js", "O(n^2)", "O(n)"),
    ("memo/ReachBoolMemo.java", "O(n^2)", "O(n)"),
    ("memo/reach_bool_memo.cpp", "O(n^2)", "O(n)"),
    ("memo/reach_bool_memo.go", "O(n^2)", "O(n)"),
    # backtracking writes a table before the call and undoes it after: not a memo
    ("memo/sudoku_backtracking.py", "O(2^n)", "O(n)"),
    ("memo/queens_bitmask_backtracking.go", "O(2^n)", "O(n)"),
    # union-find's `find(parent[x])` follows the table it writes: not a memo either
    ("memo/islands_union_find.py", "O(m·n)", "O(m·n)"),
    # three-colour DFS: the second mark (done) is a new state, not an undo, so each node is
    # visited once; putting a saved cell back after the call is an undo (backtracking)
    ("three_colour/order_enum_states.py", "O(n)", "O(n)"),
    ("three_colour/order_colours.js", "O(n)", "O(n)"),
    ("three_colour/OrderStates.java", "O(n)", "O(n)"),
    ("three_colour/order_colours.cpp", "O(n)", "O(n)"),
    ("three_colour/order_states.go", "O(n)", "O(n)"),
    ("three_colour/WordPathRestore.java", "O(2^n)", "O(m·n)"),
    # ... and without a memo the same recursions stay exponential
    ("memo/subset_count_plain.py", "O(2^n)", "O(n)"),
    ("memo/stairs_plain.cpp", "O(2^n)", "O(n)"),
    # insertion at a position of an array-backed list moves the tail: O(n) each time in a loop
    ("insert/count_smaller_insort.py", "O(n^2)", "O(n)"),
    ("insert/queue_list_insert.py", "O(n^2)", "O(n)"),
    ("insert/queue_splice.js", "O(n^2)", "O(n)"),
    ("insert/QueueAddAt.java", "O(n^2)", "O(n)"),
    ("insert/queue_vector_insert.cpp", "O(n^2)", "O(log n)"),
    ("insert/queue_slices_insert.go", "O(n^2)", "O(log n)"),
    ("insert/queue_copy_shift.go", "O(n^2)", "O(log n)"),
    ("insert/append_at_end.cpp", "O(n)", "O(1)"),
    # a flood fill visits each cell once and can recurse m·n deep
    ("grid_dfs/area_pairwise.py", "O(m·n)", "O(m·n)"),
    ("grid_dfs/area_neighbours_helper.js", "O(m·n)", "O(m·n)"),
    ("grid_dfs/AreaSeenMatrix.java", "O(m·n)", "O(m·n)"),
    ("grid_dfs/area_self_lambda.cpp", "O(m·n)", "O(m·n)"),
    ("grid_dfs/area_closure.go", "O(m·n)", "O(m·n)"),
    # a counter whose square is bounded by n runs √n times: O(√n), and products keep the half
    # power (n·√n is O(n√n), √n·√n is n)
    ("sqrt/prime_trial_division.py", "O(√n)", "O(1)"),
    ("sqrt/primes_below.py", "O(n√n)", "O(1)"),
    ("sqrt/square_pairs.js", "O(n)", "O(1)"),  # √n·√n = n, not n^2
    ("sqrt/PrimeCast.java", "O(sqrt n)", "O(1)"),  # the plain-ASCII form reads the same
    ("sqrt/perfect_square_for.cpp", "O(sqrt(n))", "O(1)"),
    ("sqrt/bulbs_while.go", "O(n^(1/2))", "O(1)"),
    # fast exponentiation halves the exponent: log n steps, each O(1) (a 2×2 matrix product);
    # a helper's own `n` (the matrix side) is not the input size
    ("pow/pow_bits.py", "O(log n)", "O(1)"),
    ("pow/fib_matrix_local_n.py", "O(log n)", "O(1)"),
    ("pow/pow_floor_half.js", "O(log n)", "O(log n)"),
    ("pow/fib_matrix.js", "O(log n)", "O(1)"),
    ("pow/PowHalvingFor.java", "O(log n)", "O(1)"),
    ("pow/FibMatrix.java", "O(log n)", "O(1)"),
    ("pow/pow_helper_half.cpp", "O(log n)", "O(log n)"),
    ("pow/fib_matrix.cpp", "O(log n)", "O(1)"),
    ("pow/pow_divide.go", "O(log n)", "O(1)"),
    ("pow/fib_matrix.go", "O(log n)", "O(1)"),
    # a library power with a growing exponent squares its way up too
    ("pow/fib_closed_form.py", "O(log n)", "O(1)"),
    ("pow/fib_closed_form.js", "O(log n)", "O(1)"),
    ("pow/FibClosedForm.java", "O(log n)", "O(1)"),
    ("pow/fib_closed_form.cpp", "O(log n)", "O(1)"),
    ("pow/fib_closed_form.go", "O(log n)", "O(1)"),
    # recursion into one half (exclusive branches) is log n deep and log n long; into both, n
    ("one_half/search_early_return.py", "O(log n)", "O(log n)"),
    ("one_half/search_ternary.js", "O(log n)", "O(log n)"),
    ("one_half/SearchElse.java", "O(log n)", "O(log n)"),
    ("one_half/search_throw_guard.cpp", "O(log n)", "O(log n)"),
    ("one_half/search_rec.go", "O(log n)", "O(log n)"),
    ("one_half/max_both_halves.py", "O(n)", "O(log n)"),
    # binary search in a loop without a condition: both ends move to the mid
    ("one_half/peak_while_true.py", "O(log n)", "O(1)"),
    ("one_half/peak_while_true.js", "O(log n)", "O(1)"),
    ("one_half/PeakForever.java", "O(log n)", "O(1)"),
    ("one_half/peak_forever.cpp", "O(log n)", "O(1)"),
    ("one_half/peak_forever.go", "O(log n)", "O(1)"),
    ("one_half/sum_both_halves.go", "O(n)", "O(log n)"),
    # run grouping: the inner loop starts at the outer index and the outer loop resumes where
    # it stopped, so both walk the input once; restarting the outer index stays quadratic
    ("runs/compress_runs.py", "O(n)", "O(1)"),
    ("runs/equal_pairs_restart.py", "O(n^2)", "O(1)"),
    ("runs/count_runs_for.js", "O(n)", "O(1)"),
    ("runs/LongestRun.java", "O(n)", "O(1)"),
    ("runs/encode_for_update.cpp", "O(n)", "O(1)"),
    ("runs/count_groups.go", "O(n)", "O(1)"),
    # 3sum: duplicate-skipping loops move the same two pointers forward (a tuple step
    # `lo, hi = lo + 1, hi - 1` is a step, not a reset): n^2, not n^3
    ("three_sum/three_sum_skip.py", "O(n^2)", "O(n)"),
    ("three_sum/three_sum_tuple_step.py", "O(n^2)", "O(n)"),
    ("three_sum/three_sum_destructure.js", "O(n^2)", "O(n)"),
    ("three_sum/ThreeSumComma.java", "O(n^2)", "O(log n)"),
    ("three_sum/three_sum_skip.cpp", "O(n^2)", "O(log n)"),
    ("three_sum/three_sum_skip.go", "O(n^2)", "O(log n)"),
    # recursion on the two sides of a split point found in the range (a pivot, a minimum)
    # partitions it: quickselect n, quicksort and min-split divide and conquer n log n
    # (balanced splits, as for halving); shrinking both ends by one is still exponential
    ("split/kth_lomuto.py", "O(n)", "O(log n)"),
    ("split/ends_game_plain.py", "O(2^n)", "O(n)"),
    ("split/histogram_min_split.js", "O(n log n)", "O(log n)"),
    ("split/QuickSortHoare.java", "O(n log n)", "O(log n)"),
    ("split/kth_hoare.cpp", "O(n)", "O(log n)"),
    ("split/quick_sort_lomuto.go", "O(n log n)", "O(log n)"),
    # iterative quickselect whose partition is a helper taking both ends and the array: the
    # loop keeps one side of what the helper returned (kth-largest kamyu104-1.cpp), O(n)
    ("partition_loop/kth_partition_helper.py", "O(n)", "O(1)"),
    ("partition_loop/kth_partition_helper.js", "O(n)", "O(1)"),
    ("partition_loop/KthPartitionHelper.java", "O(n)", "O(1)"),
    ("partition_loop/kth_tri_partition.cpp", "O(n)", "O(1)"),
    ("partition_loop/kth_partition_helper.go", "O(n)", "O(1)"),
    # sliding window: the inner loop tests counts, not the left pointer, but moves it forward
    # (`seen[s.charAt(lo++)]--`); amortised. The counts are keyed by characters: bounded by the
    # alphabet like the `int[128]` of the Java and C++ forms
    ("window/longest_unique_counts.py", "O(n)", "O(1)"),
    ("window/longest_unique_at.js", "O(n)", "O(1)"),
    ("window/LongestUniqueCharAt.java", "O(n)", "O(1)"),
    ("window/longest_unique_index_step.cpp", "O(n)", "O(1)"),
    ("window/longest_unique_counts.go", "O(n)", "O(1)"),
    # a hash container keyed by single characters (a Counter of a string, `map.put(c, ...)`,
    # `set.insert(s[i])`, Go `map[rune]int`) holds at most the alphabet: O(1) extra space, as
    # authors state it; keys that are not characters (indices, words) and a stack of characters
    # still grow with the input
    ("alphabet/first_unique_counter.py", "O(n)", "O(1)"),
    ("alphabet/anagram_map.js", "O(n)", "O(1)"),
    ("alphabet/WindowCharMap.java", "O(n)", "O(1)"),
    ("alphabet/distinct_chars_set.cpp", "O(n)", "O(1)"),
    ("alphabet/rune_counts.go", "O(n)", "O(1)"),
    ("alphabet/IndexKeys.java", "O(n)", "O(n)"),
    ("alphabet/stack_of_chars.py", "O(n)", "O(n)"),
    ("alphabet/word_counts.py", "O(n)", "O(n)"),
    # a list that grows by its own length in every round of a loop over the input doubles
    # each round: 2^n (the subsets built iteratively); growing by a fixed amount does not
    ("doubling/subsets_extend.py", "O(2^n)", "O(1)"),
    ("doubling/pairs_fixed_rounds.py", "O(n^2)", "O(n^2)"),
    ("doubling/subsets_len_loop.js", "O(2^n)", "O(1)"),
    ("doubling/SubsetsCopyRows.java", "O(2^n)", "O(1)"),
    ("doubling/subsets_size_loop.cpp", "O(2^n)", "O(1)"),
    ("doubling/subsets_range_copy.go", "O(2^n)", "O(1)"),
    ("doubling/levels_reslice.go", "O(m·n)", "O(m·n)"),  # a queue: consumed as it grows
    # counting into a map with `+=` / `++` inserts keys: n entries, O(n) space
    ("counting/majority_defaultdict.py", "O(n)", "O(n)"),
    ("counting/majority_object.js", "O(n)", "O(n)"),
    ("counting/MajorityMerge.java", "O(n)", "O(n)"),
    ("counting/majority_increment.cpp", "O(n)", "O(n)"),
    ("counting/majority_increment.go", "O(n)", "O(n)"),
    # a heap of k kept while scanning n items: n log k (k grows with the input here)
    ("heap_k/kth_nlargest.py", "O(n log n)", "O(n)"),
    ("heap_k/top_most_common.py", "O(n log n)", "O(n)"),
    ("heap_k/kth_min_priority_queue.js", "O(n log n)", "O(n)"),
    ("heap_k/KthPriorityQueue.java", "O(n log n)", "O(n)"),
    ("heap_k/kth_priority_queue.cpp", "O(n log n)", "O(n)"),
    ("heap_k/kth_container_heap.go", "O(n log n)", "O(n)"),
    # folds over the input with a named function (`reduce(xor, nums)`, `accumulate(cbegin, ...)`)
    ("folds/xor_reduce.py", "O(n)", "O(1)"),
    ("folds/sum_reduce_named.js", "O(n)", "O(1)"),
    ("folds/SumStream.java", "O(n)", "O(1)"),
    ("folds/xor_accumulate.cpp", "O(n)", "O(1)"),
    ("folds/xor_loop.go", "O(n)", "O(1)"),
    # walking the lists of a bucket table by index (`j < buckets[c].size()`) visits each
    # stored item once overall, like iterating them
    ("buckets/top_buckets.py", "O(n)", "O(n)"),
    ("buckets/top_buckets.js", "O(n)", "O(n)"),
    ("buckets/TopBucketsIndex.java", "O(n)", "O(n)"),
    ("buckets/top_buckets_index.cpp", "O(n)", "O(n)"),
    ("buckets/top_buckets_index.go", "O(n)", "O(n)"),
    # a loop with no condition runs until it returns: as far as the sequence its counter
    # indexes, not "constant" because the counter starts at 0
    ("open_loop/pair_while_true.py", "O(n)", "O(n)"),
    ("open_loop/pair_open_for.js", "O(n)", "O(n)"),
    ("open_loop/PairOpenFor.java", "O(n)", "O(n)"),
    ("open_loop/pair_open_for.cpp", "O(n)", "O(n)"),
    ("open_loop/pair_open_for.go", "O(n)", "O(n)"),
    # a container built inside an expression takes its size in memory while it runs; what a
    # statement returns (the output, its rows included) or a string walked as characters does not
    ("temporaries/set_length.py", "O(n)", "O(n)"),
    ("temporaries/palindrome_reversed_copy.py", "O(n)", "O(n)"),
    ("temporaries/squares_output.py", "O(n)", "O(1)"),
    ("temporaries/set_size.js", "O(n)", "O(n)"),
    ("temporaries/StreamToSet.java", "O(n)", "O(n)"),
    ("temporaries/CountChars.java", "O(n)", "O(1)"),
    ("temporaries/EvensToArray.java", "O(n)", "O(1)"),  # `toArray(new T[n])` is the output
    ("temporaries/range_constructed_set.cpp", "O(n)", "O(n)"),
    ("temporaries/fields_count.go", "O(n)", "O(n)"),
    # m×n tables, whichever way the rows are made
    ("tables/paths_rows.py", "O(m·n)", "O(m·n)"),
    ("tables/paths_fill_map.js", "O(m·n)", "O(m·n)"),
    ("tables/paths_array_from.js", "O(m·n)", "O(m·n)"),
    ("tables/paths_spread_map.js", "O(m·n)", "O(m·n)"),
    ("tables/PathsNewArray.java", "O(m·n)", "O(m·n)"),
    ("tables/paths_vector_rows.cpp", "O(m·n)", "O(m·n)"),
    ("tables/paths_auto_vector.cpp", "O(m·n)", "O(m·n)"),
    ("tables/paths_make_rows.go", "O(m·n)", "O(m·n)"),
    ("tables/edit_range_index.go", "O(m·n)", "O(m·n)"),  # `for r := range rows` is an index
    # mutual recursion through a tail call (`gain` → `return through(node)` → `gain(node.left)`)
    # is the self-recursion it stands for: a tree walk, or still exponential when it branches
    ("mutual/path_sum_pair.py", "O(n)", "O(n)"),
    ("mutual/path_sum_pair.js", "O(n)", "O(n)"),
    ("mutual/DepthPair.java", "O(n)", "O(n)"),
    ("mutual/depth_pair.cpp", "O(n)", "O(n)"),
    ("mutual/depth_pair.go", "O(n)", "O(n)"),
    ("mutual/stairs_pair_plain.py", "O(2^n)", "O(n)"),
    # a map written under a loop bounded by its own size (`while (matched == need.size())`)
    # overwrites entries: no doubling, and its size does not feed back into itself (it grew to
    # 2^n or n^4 over the rounds of the fixed point); keyed by characters it is the alphabet
    ("keyed_window/shortest_cover_map.py", "O(n)", "O(n)"),
    ("keyed_window/shortest_cover_map.js", "O(n)", "O(n)"),
    ("keyed_window/ShortestCoverMap.java", "O(n)", "O(n)"),
    ("keyed_window/shortest_cover_map.cpp", "O(n)", "O(n)"),
    ("keyed_window/shortest_cover_map.go", "O(n)", "O(n)"),
    ("keyed_window/MinWindowChars.java", "O(n)", "O(1)"),
    # a helper's declared parameter type says nothing about its size: a 2×2 matrix passed to
    # `times(a, b)` keeps `b[0].size()` constant (matrix power: log n time, O(1) space)
    ("fixed_matrix/fib_matrix_power.py", "O(log n)", "O(1)"),
    ("fixed_matrix/fib_matrix_power.js", "O(log n)", "O(1)"),
    ("fixed_matrix/FibMatrixPower.java", "O(log n)", "O(1)"),
    ("fixed_matrix/fib_matrix_power.cpp", "O(log n)", "O(1)"),
    ("fixed_matrix/fib_matrix_power.go", "O(log n)", "O(1)"),
    # a stack of callbacks (`todo.emplace_back(bind(visit, node->left))` inside the callback
    # the loop pops and runs): the pushes happen inside the loop, the stack holds O(n)
    ("callback_stack/depth_closures.py", "O(n)", "O(n)"),
    ("callback_stack/depth_closures.js", "O(n)", "O(n)"),
    ("callback_stack/DepthClosures.java", "O(n)", "O(n)"),
    ("callback_stack/depth_closures.cpp", "O(n)", "O(n)"),
    ("callback_stack/depth_closures.go", "O(n)", "O(n)"),
    # a stack with a sentinel at the bottom, popped while its top is not the sentinel
    # (`while (stk.back() != -1 && ...)`): a monotonic stack, every index pops once
    ("sentinel_stack/histogram_sentinel.py", "O(n)", "O(n)"),
    ("sentinel_stack/histogram_sentinel.js", "O(n)", "O(n)"),
    ("sentinel_stack/HistogramSentinel.java", "O(n)", "O(n)"),
    ("sentinel_stack/histogram_sentinel.cpp", "O(n)", "O(n)"),
    ("sentinel_stack/histogram_sentinel.go", "O(n)", "O(n)"),
    # a user class constructed with the input's size runs its constructor (`new UF(m * n)`,
    # C++ `DisjointSets sets(rows * cols)` with a member initializer list, Python `self.parent
    # = list(range(size))`); `vector<int> parent(m * n)` is m·n, not a declaration of `*n`
    ("union_find/islands_class.py", "O(m·n)", "O(m·n)"),
    ("union_find/islands_class.js", "O(m·n)", "O(m·n)"),
    ("union_find/IslandsClass.java", "O(m·n)", "O(m·n)"),
    ("union_find/islands_member_init.cpp", "O(m·n)", "O(m·n)"),
    ("union_find/islands_flat_parent.cpp", "O(m·n)", "O(m·n)"),
    ("union_find/islands_struct.go", "O(m·n)", "O(m·n)"),
]


# the entry function, where the first function nobody calls is not it (Go heap methods)
FUNCTIONS = {
    "heap_k/kth_container_heap.go": "findKthLargest",
    "union_find/islands_class.js": "numIslands",
    "union_find/islands_struct.go": "numIslands",
}


def _analyse(path: str) -> tuple[str | None, str | None]:
    file = FIXTURES / path
    report = analyze(file.read_text(), LANGUAGES[file.suffix], FUNCTIONS.get(path))
    assert report.parse_errors == [], (path, report.parse_errors)
    time = report.time.big_o
    space = report.space.big_o
    return (time.value if time else None, space.value if space else None)


def test_every_rule_has_fixtures_in_all_five_languages() -> None:
    by_rule: dict[str, set[str]] = {}
    for path, time, space in CASES:
        assert (FIXTURES / path).is_file(), path
        assert parse_big_o(time) is not None and parse_big_o(space) is not None
        by_rule.setdefault(path.split("/")[0], set()).add(LANGUAGES[Path(path).suffix])
    for rule, languages in by_rule.items():
        assert languages == set(LANGUAGES.values()), (rule, languages)


@pytest.mark.parametrize(("path", "time", "space"), CASES, ids=[c[0] for c in CASES])
def test_time_and_space_class(path: str, time: str, space: str) -> None:
    got_time, got_space = _analyse(path)
    assert (got_time, got_space) == (parse_big_o(time), parse_big_o(space))


@pytest.mark.parametrize("path", [p for p, _, _ in CASES if p.startswith("sqrt/")])
def test_square_root_loops_say_so(path: str) -> None:
    file = FIXTURES / path
    report = analyze(file.read_text(), LANGUAGES[file.suffix])
    assert any("√" in e.text and "square root" in e.text for e in report.time.evidence)


_RERUN = """
import json, sys
sys.path.insert(0, {root!r})
from tests.test_judge_static_rules import _everything
print(json.dumps(_everything()))
"""


def _everything() -> dict[str, list[object]]:
    """Class and evidence for every fixture here, the classic labelled set and the bank."""
    files = [
        *sorted(FIXTURES.rglob("*")),
        *sorted((ROOT / "tests" / "fixtures" / "judge").rglob("*")),
        *sorted((ROOT / "coach_engine" / "bank" / "problems").glob("*/solutions/reference.*")),
    ]
    out: dict[str, list[object]] = {}
    for file in files:
        if file.suffix in LANGUAGES:
            r = analyze(file.read_text(), LANGUAGES[file.suffix])
            out[str(file.relative_to(ROOT))] = [
                r.time.big_o,
                r.space.big_o,
                [(e.line, e.text) for e in r.time.evidence],
                [(e.line, e.text) for e in r.space.evidence],
            ]
    return out


@pytest.mark.slow
def test_the_same_code_gets_the_same_analysis_under_any_hash_seed() -> None:
    """No dependence on set/dict iteration order or hashing: classes and evidence agree between
    two runs in one process and runs under other hash seeds."""
    here = json.loads(json.dumps(_everything()))
    assert json.loads(json.dumps(_everything())) == here
    seed = "7" if os.environ.get("PYTHONHASHSEED") == "4242" else "4242"
    for env in [{**os.environ, "PYTHONHASHSEED": seed}]:
        out = subprocess.run(
            [sys.executable, "-c", _RERUN.format(root=str(ROOT))],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        theirs = json.loads(out.stdout)
        assert theirs == here, [k for k in here if theirs.get(k) != here[k]][:5]
