"""The benchmark's arithmetic (bench/stats.py) and choices of pages: what `make bench` prints is
only as honest as these."""

import argparse
import random
from collections import Counter

import pytest

from bench.__main__ import arguments, parse_sizes
from bench.pages import BASELINE, SPEED_TARGETS, pages_for, select
from bench.stats import growth, median, percentile, shuffled_rounds, speed_ratio, verdict

PAGES = ["baseline", "dashboard", "pipeline", "editor", "plan"]
IDS = {
    "mission_opportunity": 1,
    "plan_opportunity": 2,
    "pdf_opportunity": 3,
    "council": 1,
    "thread_share": 1,
    "editor_comments": 105,
    "thread_comments": 100,
}


class TestShuffledRounds:
    def test_gives_every_page_exactly_as_many_samples_as_rounds(self):
        order = shuffled_rounds(PAGES, 200, random.Random(1))
        assert Counter(order) == dict.fromkeys(PAGES, 200)

    def test_each_round_holds_every_page_once(self):
        order = shuffled_rounds(PAGES, 50, random.Random(2))
        rounds = [order[i : i + len(PAGES)] for i in range(0, len(order), len(PAGES))]
        assert all(sorted(one) == sorted(PAGES) for one in rounds)

    def test_interleaves_pages_instead_of_running_them_one_after_another(self):
        order = shuffled_rounds(PAGES, 50, random.Random(3))
        rounds = {tuple(order[i : i + len(PAGES)]) for i in range(0, len(order), len(PAGES))}
        assert len(rounds) > 10  # the order changes from round to round
        assert order[: 50 * 2] != sorted(order[: 50 * 2])

    def test_is_the_same_order_for_the_same_seed(self):
        assert shuffled_rounds(PAGES, 5, random.Random(11)) == shuffled_rounds(
            PAGES, 5, random.Random(11)
        )


class TestPercentiles:
    def test_median_of_an_even_count_is_the_mean_of_the_middle_two(self):
        assert median([4.0, 1.0, 3.0, 2.0]) == 2.5

    def test_p90_interpolates_between_the_nearest_ranks(self):
        samples = [float(n) for n in range(1, 11)]  # 1 … 10
        assert percentile(samples, 0.9) == pytest.approx(9.1)
        assert percentile(samples, 0.5) == pytest.approx(median(samples))

    def test_extremes_are_the_smallest_and_largest_sample(self):
        assert percentile([3.0, 1.0, 2.0], 0) == 1.0
        assert percentile([3.0, 1.0, 2.0], 1) == 3.0

    def test_refuses_no_samples_and_fractions_outside_zero_to_one(self):
        with pytest.raises(ValueError):
            percentile([], 0.9)
        with pytest.raises(ValueError):
            percentile([1.0], 90)


class TestRatios:
    def test_a_page_twice_as_slow_as_the_baseline_is_half_its_speed(self):
        assert speed_ratio(baseline_ms=5.0, page_ms=10.0) == 0.5

    def test_a_page_faster_than_the_baseline_is_above_one(self):
        assert speed_ratio(baseline_ms=5.0, page_ms=4.0) == 1.25
        assert verdict(1.25, at_least=SPEED_TARGETS["mission editor"]) == "met"

    def test_growth_is_the_time_at_a_size_over_the_time_at_the_smallest(self):
        assert growth(at_size_ms=15.0, at_smallest_ms=10.0) == 1.5
        assert verdict(1.5, at_most=1.25) == "missed"
        assert verdict(1.25, at_most=1.25) == "met"

    def test_a_speed_below_its_target_is_missed(self):
        assert verdict(0.59, at_least=0.6) == "missed"


class TestPageChoice:
    def test_only_keeps_the_baseline_and_the_named_pages(self):
        chosen = select(pages_for(IDS, "token"), "editor,PDF")
        assert [page.key for page in chosen] == [BASELINE, "mission editor", "mission pdf"]

    def test_without_only_every_page_is_measured_once(self):
        pages = pages_for(IDS, "token")
        assert select(pages, None) == pages
        assert len({(page.path, page.persona) for page in pages}) == len(pages)

    def test_every_page_with_a_target_in_issue_11_is_measured(self):
        assert set(SPEED_TARGETS) <= {page.key for page in pages_for(IDS, "token")}


class TestArguments:
    def test_sizes_are_sorted_and_deduplicated(self):
        assert parse_sizes("1000,20,200,20") == [20, 200, 1000]

    def test_a_size_that_is_not_positive_is_refused(self):
        with pytest.raises(argparse.ArgumentTypeError):
            parse_sizes("0,20")

    def test_defaults_are_200_rounds_at_three_sizes(self):
        args = arguments([])
        assert (args.rounds, args.sizes, args.duration) == (200, [20, 200, 1000], 3)

    def test_quick_shortens_the_run_but_explicit_options_win(self):
        args = arguments(["--quick", "--rounds", "50"])
        assert (args.rounds, args.duration) == (50, 1)
