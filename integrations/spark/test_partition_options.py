"""Unit tests of the job's per-partition options (run by test.sh, in its pyspark venv)."""

import importlib.util
import os
import unittest

_spec = importlib.util.spec_from_file_location(
    "neardup_spark", os.path.join(os.path.dirname(__file__), "neardup_spark.py"))
job = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(job)

OPTIONS = ["--time-field", "published", "--source-field=meta.site", "--keep", "earliest"]


class PartitionOptionsTests(unittest.TestCase):
    def test_a_partition_without_the_fields_drops_them(self):
        # neardup would stop with "no record has the field"; without them the result is the same.
        self.assertEqual(job.partition_options(OPTIONS, ['{"id":1,"text":"x"}']), ["--keep", "earliest"])

    def test_one_record_with_a_field_keeps_it(self):
        lines = ['{"id":1,"text":"x"}', '{"id":2,"text":"y","published":"2025-04-28","meta":{"site":"a"}}']
        self.assertEqual(job.partition_options(OPTIONS, lines), OPTIONS)

    def test_null_counts_as_present_and_a_null_parent_as_absent(self):
        lines = ['{"id":1,"text":"x","published":null,"meta":null}']
        self.assertEqual(job.partition_options(OPTIONS, lines), ["--time-field", "published", "--keep", "earliest"])

    def test_an_exact_dotted_top_level_key_is_the_field(self):
        lines = ['{"id":1,"text":"x","meta.site":"a"}']
        self.assertEqual(job.partition_options(OPTIONS, lines), ["--source-field=meta.site", "--keep", "earliest"])

    def test_malformed_lines_are_left_out(self):
        lines = ['{"id":1,"text":"x"', '[1]', '{"id":2,"text":"y","published":1}']
        self.assertEqual(job.partition_options(OPTIONS, lines), ["--time-field", "published", "--keep", "earliest"])

    def test_both_spellings_are_named_fields(self):
        self.assertEqual(
            job.named_fields(OPTIONS), [(0, 2, "--time-field", "published"), (2, 1, "--source-field", "meta.site")])


if __name__ == "__main__":
    unittest.main()
