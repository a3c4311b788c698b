/* test_record: the run record as written. A manifest is never written larger than
 * RECORD_MANIFEST_MAX, the most that verify reads: a run that would write one fails (65)
 * and says why, where verify would refuse the record later. */
#include "testutil.h"
#include "audit/record.h"
#include <jansson.h>

/* record_finish of a record whose manifest holds pad bytes of text besides the outputs;
 * the status, and the messages in *out (malloc'ed). */
static fp_status finish_with(size_t pad, char **out)
{
	char *dir = tmpdir_make();
	char target[4200];
	snprintf(target, sizeof target, "%s/out", dir);
	msgs m;
	msgs_init(&m);
	outdir od;
	assert_int_equal(outdir_begin(&od, target, &m.d), FP_OK);
	run_record rec;
	memset(&rec, 0, sizeof rec);
	rec.json = json_object();
	char *text = malloc(pad + 1);
	assert_non_null(text);
	memset(text, 'x', pad);
	text[pad] = '\0';
	json_object_set_new(rec.json, "pad", json_string(text));
	free(text);
	fp_status st = record_finish(&rec, &od, &m.d);
	record_release(&rec);
	outdir_abort(&od);
	*out = strdup(msgs_text(&m));
	msgs_release(&m);
	tmpdir_remove(dir);
	return st;
}

static void manifest_within_limit(void **state)
{
	(void)state;
	char *msg;
	/* {"outputs": [], "pad": "..."} with its indent and newline: 33 bytes besides pad */
	assert_int_equal(finish_with(RECORD_MANIFEST_MAX - 33, &msg), FP_OK);
	assert_string_equal(msg, "");
	free(msg);
	assert_int_equal(finish_with(RECORD_MANIFEST_MAX - 32, &msg), FP_EDATA);
	assert_non_null(strstr(msg, "/out/manifest.json: error: the run record's manifest would "
				    "be 8388609 bytes, more than the 8388608 (8 MiB) that verify "
				    "reads"));
	free(msg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(manifest_within_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
